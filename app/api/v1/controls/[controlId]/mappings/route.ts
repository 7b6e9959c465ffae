import { getControl } from "@/lib/db/controls";
import { setControlMappings } from "@/lib/db/mappings";
import { apiRoute } from "@/lib/server/api-route";
import { ControlMappingsBody, ControlMappingsInput } from "@/lib/server/api/control-writes";
import { idParam, respond } from "@/lib/server/api/conventions";
import { parseJsonBody } from "@/lib/server/api/json-body";

async function mappingsOf(ctx: Parameters<typeof getControl>[0], controlId: string) {
  const control = await getControl(ctx, controlId);
  const data = {
    criterionIds: [...control.criterionIds].sort(),
    objectiveIds: [...control.objectiveIds].sort(),
  };
  return respond(ControlMappingsBody, { data });
}

/** PUT /api/v1/controls/{controlId}/mappings: the control maps to exactly these requirements. */
export const PUT = apiRoute<{ controlId: string }>(async ({ ctx }, request, params) => {
  const controlId = idParam(params.controlId);
  const input = await parseJsonBody(request, ControlMappingsInput);
  await setControlMappings(ctx, controlId, input.criterionIds, input.objectiveIds);
  return mappingsOf(ctx, controlId);
});

/** POST /api/v1/controls/{controlId}/mappings: adds these requirements, keeping the others. */
export const POST = apiRoute<{ controlId: string }>(async ({ ctx }, request, params) => {
  const controlId = idParam(params.controlId);
  const input = await parseJsonBody(request, ControlMappingsInput);
  // Nothing was shown, so every chosen requirement is an addition and nothing is removed.
  await setControlMappings(ctx, controlId, input.criterionIds, input.objectiveIds, []);
  return mappingsOf(ctx, controlId);
});
