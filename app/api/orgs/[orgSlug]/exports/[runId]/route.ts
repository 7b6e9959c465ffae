import { NextResponse } from "next/server";
import { getExportRun } from "@/lib/db/exports";
import { orgRequestRoute } from "@/lib/server/route";

/** An export's state and progress, for whoever is waiting on it. */
export const GET = orgRequestRoute<{ orgSlug: string; runId: string }>(
  async (ctx, _request, { runId }) => {
    return NextResponse.json(
      { data: await getExportRun(ctx, runId) },
      { headers: { "Cache-Control": "no-store" } },
    );
  },
);
