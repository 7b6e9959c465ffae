import { getException, recordException } from "@/lib/db/exceptions";
import { ExceptionInput } from "@/lib/schemas/evidence";
import { apiRoute } from "@/lib/server/api-route";
import { idParam, respond } from "@/lib/server/api/conventions";
import { ExceptionBody, ExceptionCreateInput } from "@/lib/server/api/exception-writes";
import { parseJsonBody, parseWith } from "@/lib/server/api/json-body";
import { exceptionOut } from "@/lib/server/api/records";

/** POST /api/v1/controls/{controlId}/exceptions: records an open exception of the control. */
export const POST = apiRoute<{ controlId: string }>(async ({ ctx }, request, params) => {
  const controlId = idParam(params.controlId);
  const fields = await parseJsonBody(request, ExceptionCreateInput);
  const { id } = await recordException(ctx, parseWith(ExceptionInput, { ...fields, controlId }));
  const exception = await getException(ctx, id);
  return respond(
    ExceptionBody,
    { data: exceptionOut(exception) },
    { status: 201, version: exception.version },
  );
});
