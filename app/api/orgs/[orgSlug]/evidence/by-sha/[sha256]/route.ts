import { NextResponse } from "next/server";
import { findEvidenceBySha } from "@/lib/db/evidence";
import { AppError } from "@/lib/errors";
import { orgRequestRoute } from "@/lib/server/route";

// GET /api/orgs/:orgSlug/evidence/by-sha/:sha256 → evidence already holding this exact file.
export const GET = orgRequestRoute<{ orgSlug: string; sha256: string }>(
  async (ctx, _request, { sha256 }) => {
    if (!/^[0-9a-f]{64}$/.test(sha256))
      throw new AppError("VALIDATION", "Not a SHA-256 hex digest.");
    return NextResponse.json({ data: await findEvidenceBySha(ctx, sha256) });
  },
);
