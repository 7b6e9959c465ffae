import { getException, listControlExceptions, recordException } from "@/lib/db/exceptions";
import { ExceptionInput } from "@/lib/schemas/evidence";
import { apiRoute } from "@/lib/server/api-route";
import { ControlExceptionQuery } from "@/lib/server/api/control-records";
import { idParam, paginate, parseQuery, respond } from "@/lib/server/api/conventions";
import { ExceptionBody, ExceptionCreateInput } from "@/lib/server/api/exception-writes";
import { parseJsonBody, parseWith } from "@/lib/server/api/json-body";
import { ExceptionPage, exceptionOut } from "@/lib/server/api/records";

/** GET /api/v1/controls/{controlId}/exceptions: the control's exceptions, open first. */
export const GET = apiRoute<{ controlId: string }>(async ({ ctx }, request, params) => {
  const controlId = idParam(params.controlId);
  const query = parseQuery(request, ControlExceptionQuery);
  const rows = (await listControlExceptions(ctx, controlId))
    .filter((row) => query.status === undefined || row.status === query.status)
    .map((row) => exceptionOut({ ...row, controlId }));
  return respond(
    ExceptionPage,
    paginate(rows, query, (row) => row.id),
  );
});

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
