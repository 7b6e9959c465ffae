import { recordAuditorAccess } from "@/lib/db/auditor-access";
import { getEvidenceFile } from "@/lib/db/evidence";
import { isViewableInline } from "@/lib/domain/evidence";
import { verifiedBlobResponse } from "@/lib/server/blob-response";
import { orgRequestRoute } from "@/lib/server/route";

/**
 * An evidence file for a member, as an attachment; with `?inline=1`, PDFs, images and plain
 * text are shown in the browser instead (still sandboxed). Auditors' views are logged.
 */
export const GET = orgRequestRoute<{ orgSlug: string; evidenceId: string }>(
  async (ctx, request, { evidenceId }) => {
    const file = await getEvidenceFile(ctx, evidenceId);
    const inline =
      new URL(request.url).searchParams.get("inline") === "1" && isViewableInline(file.contentType);
    await recordAuditorAccess(ctx, inline ? "viewed" : "downloaded", {
      entityType: "evidence",
      entityId: evidenceId,
      label: `Evidence file ${file.fileName}`,
    });
    return verifiedBlobResponse(file, inline ? "inline" : "attachment", `evidence ${evidenceId}`);
  },
);
