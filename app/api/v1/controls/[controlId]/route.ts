import { getControl, updateControl } from "@/lib/db/controls";
import { apiRoute } from "@/lib/server/api-route";
import {
  ControlBody,
  ControlCreateInput,
  controlFields,
  controlOut,
  ControlUpdateInput,
} from "@/lib/server/api/control-writes";
import { idParam, respond, withIfMatch } from "@/lib/server/api/conventions";
import { parseWith, readJsonObject, sentFields } from "@/lib/server/api/json-body";

/** PATCH /api/v1/controls/{controlId}: changes the fields sent, from the version If-Match names. */
export const PATCH = apiRoute<{ controlId: string }>(async ({ ctx }, request, params) => {
  const controlId = idParam(params.controlId);
  const sent = await readJsonObject(request);
  const patch = sentFields(parseWith(ControlUpdateInput, sent), sent);
  return withIfMatch(
    request,
    async (version) => {
      const current = await getControl(ctx, controlId);
      const input = parseWith(ControlCreateInput, { ...controlFields(current), ...patch });
      await updateControl(ctx, controlId, input, version);
      const control = await getControl(ctx, controlId);
      return respond(ControlBody, { data: controlOut(control) }, { version: control.version });
    },
    async () => (await getControl(ctx, controlId)).version,
  );
});
