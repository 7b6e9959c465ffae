import { getException, updateException } from "@/lib/db/exceptions";
import { UpdateExceptionInput } from "@/lib/schemas/evidence";
import { apiRoute } from "@/lib/server/api-route";
import { idParam, respond, withIfMatch } from "@/lib/server/api/conventions";
import {
  ExceptionBody,
  exceptionCorrection,
  ExceptionUpdateInput,
} from "@/lib/server/api/exception-writes";
import { parseWith, readJsonObject } from "@/lib/server/api/json-body";
import { exceptionOut } from "@/lib/server/api/records";

/** PATCH /api/v1/exceptions/{exceptionId}: corrects the fields sent, from the If-Match version. */
export const PATCH = apiRoute<{ exceptionId: string }>(async ({ ctx }, request, params) => {
  const exceptionId = idParam(params.exceptionId);
  const sent = await readJsonObject(request);
  parseWith(ExceptionUpdateInput, sent);
  return withIfMatch(
    request,
    async (version) => {
      const current = await getException(ctx, exceptionId);
      const input = parseWith(UpdateExceptionInput, exceptionCorrection(current, sent, version));
      await updateException(ctx, input);
      const exception = await getException(ctx, exceptionId);
      return respond(
        ExceptionBody,
        { data: exceptionOut(exception) },
        { version: exception.version },
      );
    },
    async () => (await getException(ctx, exceptionId)).version,
  );
});
