import { getExportRun } from "@/lib/db/exports";
import { apiRoute } from "@/lib/server/api-route";
import { idParam, respond } from "@/lib/server/api/conventions";
import { ExportRunBody, exportRunOut } from "@/lib/server/api/export-writes";

/** GET /api/v1/exports/{exportId}: an export's state and progress, for whoever polls it. */
export const GET = apiRoute<{ exportId: string }>(async ({ ctx }, _request, params) => {
  const run = await getExportRun(ctx, idParam(params.exportId));
  const response = respond(ExportRunBody, { data: exportRunOut(run) });
  response.headers.set("Cache-Control", "no-store");
  return response;
});
