import "server-only";
import type { StatusCounts } from "@/lib/domain/requirement-status";
import { assertCan } from "./authorize";
import { readActivityHead } from "./checkpoints";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { isUniqueViolation } from "./prisma-errors";

export type SnapshotPoint = { day: string; readinessPercent: number };

/**
 * Keeps one readiness snapshot per engagement per day, for the trend chart. Written by the
 * scheduled snapshot and backfill jobs (lib/jobs/snapshot-jobs.ts), never while a page is read.
 * Derived data, so it is not an activity-log event.
 */
export async function recordDailySnapshot(
  ctx: OrgContext,
  engagementId: string,
  day: string,
  counts: StatusCounts,
): Promise<void> {
  assertCan(ctx, "org.view");
  const data = {
    readinessPercent: counts.readinessPercent,
    ready: counts.ready,
    inProgress: counts.in_progress,
    unmapped: counts.unmapped,
    notApplicable: counts.not_applicable,
    total: counts.total,
  };
  const db = getDb();
  const engagement = await db.engagement.findFirst({
    where: { id: engagementId, organizationId: ctx.orgId },
    select: { id: true },
  });
  if (!engagement) return;
  // The activity log's head as of these figures: one more anchor verification compares with.
  const head = await readActivityHead(db, ctx.orgId);
  const withHead = { ...data, chainSeq: head.seq, chainHash: head.hash };
  await db.readinessSnapshot
    .upsert({
      where: { engagementId_day: { engagementId, day } },
      create: { organizationId: ctx.orgId, engagementId, day, ...withHead },
      update: withHead,
    })
    .catch((error: unknown) => {
      // Two viewers at the same moment: the other one wrote today's point.
      if (!isUniqueViolation(error)) throw error;
    });
}

export async function listSnapshots(
  ctx: OrgContext,
  engagementId: string,
  sinceDay: string,
): Promise<SnapshotPoint[]> {
  assertCan(ctx, "org.view");
  return getDb().readinessSnapshot.findMany({
    where: { organizationId: ctx.orgId, engagementId, day: { gte: sinceDay } },
    orderBy: { day: "asc" },
    select: { day: true, readinessPercent: true },
  });
}
