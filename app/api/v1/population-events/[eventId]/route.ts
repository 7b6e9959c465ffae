import { deletePopulationEvent } from "@/lib/db/population";
import { apiRoute } from "@/lib/server/api-route";
import { idParam } from "@/lib/server/api/conventions";

/** DELETE /api/v1/population-events/{eventId}: removes one event from its control's population. */
export const DELETE = apiRoute<{ eventId: string }>(async ({ ctx }, _request, params) => {
  await deletePopulationEvent(ctx, idParam(params.eventId));
  return new Response(null, { status: 204 });
});
