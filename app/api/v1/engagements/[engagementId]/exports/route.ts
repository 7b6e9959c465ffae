import { getExportRun, startExport } from "@/lib/db/exports";
import { dispatchExport } from "@/lib/export-process/runner";
import { apiRoute } from "@/lib/server/api-route";
import { idParam, respond } from "@/lib/server/api/conventions";
import { ExportRunBody, exportRunOut, ExportStartInput } from "@/lib/server/api/export-writes";
import { parseJsonBody } from "@/lib/server/api/json-body";

/** POST /api/v1/engagements/{engagementId}/exports: starts an export and answers at once (202). */
export const POST = apiRoute<{ engagementId: string }>(async ({ ctx }, request, params) => {
  const engagementId = idParam(params.engagementId);
  const { format } = await parseJsonBody(request, ExportStartInput);
  const { id } = await startExport(ctx, engagementId, format);
  dispatchExport(ctx, id);
  const response = respond(
    ExportRunBody,
    { data: exportRunOut(await getExportRun(ctx, id)) },
    { status: 202 },
  );
  response.headers.set("Location", `/api/v1/exports/${id}`);
  return response;
});
