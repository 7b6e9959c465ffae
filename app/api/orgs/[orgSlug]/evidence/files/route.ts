import { NextResponse } from "next/server";
import { assertCan } from "@/lib/db/authorize";
import { addFileEvidence, checkFileEvidenceTargets } from "@/lib/db/evidence";
import { cleanFileName } from "@/lib/domain/evidence";
import { AppError } from "@/lib/errors";
import { declaredContentType, UploadMetadata, uploadMetadata } from "@/lib/schemas/upload";
import { validationError } from "@/lib/server/handle-error";
import { orgRequestRoute } from "@/lib/server/route";
import { getBlobStore, maxUploadBytes } from "@/lib/storage";

// POST /api/orgs/:orgSlug/evidence/files?controlIds=…&purpose=…&title=…&effectiveDate=…&fileName=…
// Body: the raw file. Streams to storage (never held in memory), then records the evidence.
export const POST = orgRequestRoute(async (ctx, request) => {
  assertCan(ctx, "evidence.edit");
  const url = new URL(request.url);
  const parsed = UploadMetadata.safeParse(uploadMetadata(url));
  if (!parsed.success) throw validationError(parsed.error);
  const limit = maxUploadBytes();
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit)
    throw new AppError(
      "TOO_LARGE",
      `The file is larger than the ${Math.round(limit / 1024 / 1024)} MB limit.`,
    );
  if (!request.body) throw new AppError("VALIDATION", "The upload is empty.");
  await checkFileEvidenceTargets(ctx, parsed.data);
  const blob = await getBlobStore()
    .putStream(ctx.orgId, request.body, limit)
    .catch((error: unknown) => {
      if (error instanceof AppError) throw error;
      // Usually the client went away mid-upload; the store has already removed its temporary object.
      console.error("[upload] stream failed:", error instanceof Error ? error.message : error);
      throw new AppError(
        "VALIDATION",
        "The upload was interrupted before it finished. Nothing was saved; please try again.",
      );
    });
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
