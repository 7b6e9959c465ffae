import { getExportRun, listExportRuns, startExport } from "@/lib/db/exports";
import { dispatchExport } from "@/lib/export-process/runner";
import { apiRoute } from "@/lib/server/api-route";
import { idParam, paginate, parseQuery, respond } from "@/lib/server/api/conventions";
import { ExportRunBody, exportRunOut, ExportStartInput } from "@/lib/server/api/export-writes";
import { ExportListQuery, ExportPage } from "@/lib/server/api/exports";
import { parseJsonBody } from "@/lib/server/api/json-body";

/** GET /api/v1/engagements/{engagementId}/exports: the engagement's export runs, newest first. */
export const GET = apiRoute<{ engagementId: string }>(async ({ ctx }, request, params) => {
  const query = parseQuery(request, ExportListQuery);
  const runs = await listExportRuns(ctx, idParam(params.engagementId));
  const chosen = runs.filter((run) => query.state === undefined || run.state === query.state);
  return respond(
    ExportPage,
    paginate(chosen.map(exportRunOut), query, (run) => run.id),
  );
});

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
