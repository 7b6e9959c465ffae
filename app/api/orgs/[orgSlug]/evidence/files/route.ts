import { NextResponse } from "next/server";
import { assertCan } from "@/lib/db/authorize";
import { addFileEvidence, checkFileEvidenceTargets } from "@/lib/db/evidence";
import { cleanFileName } from "@/lib/domain/evidence";
import { AppError } from "@/lib/errors";
import { declaredContentType, UploadMetadata, uploadMetadata } from "@/lib/schemas/upload";
import { validationError } from "@/lib/server/handle-error";
import { assertDeclaredSize, storeUpload } from "@/lib/server/evidence-upload";
import { orgRequestRoute } from "@/lib/server/route";
import { maxUploadBytes } from "@/lib/storage";

// POST /api/orgs/:orgSlug/evidence/files?controlIds=…&purpose=…&title=…&effectiveDate=…&fileName=…
// Body: the raw file. Streams to storage (never held in memory), then records the evidence.
export const POST = orgRequestRoute(async (ctx, request) => {
  assertCan(ctx, "evidence.edit");
  const url = new URL(request.url);
  const parsed = UploadMetadata.safeParse(uploadMetadata(url));
  if (!parsed.success) throw validationError(parsed.error);
  const limit = maxUploadBytes();
  assertDeclaredSize(request, limit);
  if (!request.body) throw new AppError("VALIDATION", "The upload is empty.");
  await checkFileEvidenceTargets(ctx, parsed.data);
  const blob = await storeUpload(ctx.orgId, request.body, limit);
  const file = {
    name: cleanFileName(url.searchParams.get("fileName") ?? "file"),
    contentType: declaredContentType(request.headers.get("content-type")),
  };
  const created = await addFileEvidence(ctx, parsed.data, blob, file);
  return NextResponse.json(
    { data: { id: created.id, sha256: blob.sha256, size: blob.size, reused: created.reused } },
    { status: 201 },
  );
});
