import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { withJob } from "@/lib/export-process/job-pool";
import { webVerifyLimits } from "@/lib/export-process/settings";
import { orgRequestRoute } from "@/lib/server/route";
import { maxVerifyBytes } from "@/lib/storage";
import { Meter, toNodeReadable } from "@/lib/storage/meter";

// POST /api/orgs/:orgSlug/packs/verify   Body: the ZIP. Any member (auditors included) may check
// a pack against its manifest, one at a time: the upload goes to a private temporary file,
// removed afterwards, and is checked in a job process within the verifier's bounds and budget.
export const POST = orgRequestRoute(async (ctx, request) => {
  const limit = maxVerifyBytes();
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit)
    throw new AppError(
      "TOO_LARGE",
      `The pack is larger than the ${Math.round(limit / 1024 / 1024)} MB limit for checking here; use npm run pack:verify instead.`,
    );
  if (!request.body) throw new AppError("VALIDATION", "Choose a pack (.zip) to verify.");
  const body = request.body;
  // Admitted before the upload is read, so a member's second check is refused before it uploads.
  return withJob(ctx, "verify-pack", async (run) => {
    const folder = await mkdtemp(path.join(tmpdir(), "assay-verify-"));
    try {
      const zipPath = path.join(folder, `${randomUUID()}.zip`);
      const meter = new Meter(limit);
      await pipeline(
        meter.wrap(toNodeReadable(body)),
        createWriteStream(zipPath, { mode: 0o600 }),
      ).catch((error: unknown) => {
        if (error instanceof AppError) throw error;
        throw new AppError(
          "VALIDATION",
          "The upload was interrupted before it finished; please try again.",
        );
      });
      const { size } = meter.result();
      if (size === 0) throw new AppError("VALIDATION", "The file is empty.");
      return NextResponse.json({ data: await run({ zipPath, limits: webVerifyLimits() }) });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
