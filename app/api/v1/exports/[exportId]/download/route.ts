import { openExportDownload } from "@/lib/db/exports";
import { apiRoute } from "@/lib/server/api-route";
import { idParam } from "@/lib/server/api/conventions";
import { verifiedBlobResponse } from "@/lib/server/blob-response";

/** GET /api/v1/exports/{exportId}/download: the finished file, streamed and checked against its SHA-256. */
export const GET = apiRoute<{ exportId: string }>(async ({ ctx }, _request, params) => {
  const exportId = idParam(params.exportId);
  const download = await openExportDownload(ctx, exportId);
  return verifiedBlobResponse(download, "attachment", `export ${exportId}`);
});
