import { addPopulationEvent } from "@/lib/db/population";
import { PopulationEventInput } from "@/lib/schemas/evidence";
import { apiRoute } from "@/lib/server/api-route";
import { idParam, respond } from "@/lib/server/api/conventions";
import { parseJsonBody, parseWith } from "@/lib/server/api/json-body";
import {
  PopulationEventBody,
  PopulationEventCreateInput,
} from "@/lib/server/api/population-writes";

/** POST /api/v1/controls/{controlId}/population-events: adds one event to the population. */
export const POST = apiRoute<{ controlId: string }>(async ({ ctx }, request, params) => {
  const controlId = idParam(params.controlId);
  const fields = await parseJsonBody(request, PopulationEventCreateInput);
  const input = parseWith(PopulationEventInput, { ...fields, controlId });
  const { id } = await addPopulationEvent(ctx, input);
  const { date, reference, description } = input;
  return respond(
    PopulationEventBody,
    { data: { id, controlId, date, reference, description, evidenceCount: 0 } },
    { status: 201 },
  );
});
