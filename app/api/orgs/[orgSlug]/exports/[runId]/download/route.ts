import { openExportDownload } from "@/lib/db/exports";
import { verifiedBlobResponse } from "@/lib/server/blob-response";
import { orgRequestRoute } from "@/lib/server/route";

/** A finished export, streamed from storage and checked against its recorded SHA-256. */
export const GET = orgRequestRoute<{ orgSlug: string; runId: string }>(
  async (ctx, _request, { runId }) => {
    const download = await openExportDownload(ctx, runId);
    return verifiedBlobResponse(download, "attachment", `export ${runId}`);
  },
);
