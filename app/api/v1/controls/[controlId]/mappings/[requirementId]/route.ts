import { getControl } from "@/lib/db/controls";
import { setControlMappings } from "@/lib/db/mappings";
import { notFound } from "@/lib/errors";
import { apiRoute } from "@/lib/server/api-route";
import { ControlMappingsBody } from "@/lib/server/api/control-writes";
import { idParam, respond } from "@/lib/server/api/conventions";

type Params = { controlId: string; requirementId: string };

/**
 * DELETE /api/v1/controls/{controlId}/mappings/{requirementId}: removes one mapping; removing
 * one the control does not have changes nothing (a retried DELETE answers the same).
 */
export const DELETE = apiRoute<Params>(async ({ ctx }, _request, params) => {
  const controlId = idParam(params.controlId);
  const { requirementId } = params;
  if (requirementId.length > 100) throw notFound();
  // Shown as mapped and not chosen: this one is removed, the others stay.
  await setControlMappings(ctx, controlId, [], [], [requirementId]);
  const control = await getControl(ctx, controlId);
  return respond(ControlMappingsBody, {
    data: {
      criterionIds: [...control.criterionIds].sort(),
      objectiveIds: [...control.objectiveIds].sort(),
    },
  });
});
