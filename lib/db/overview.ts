import "server-only";
import { toDayNumber } from "@/lib/domain/dates";
import { addDays } from "@/lib/domain/readiness/calendar";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import type { EngagementHeader } from "./org-readiness";
import { orgReadinessSummary } from "./org-readiness-summary";
import type { SnapshotPoint } from "./snapshots";

/** How many days of trend each engagement's sparkline draws. */
const SPARKLINE_DAYS = 60;

export type OverviewEngagement = EngagementHeader & {
  readinessPercent: number;
  ready: number;
  /** Requirements in scope and applicable. */
  applicable: number;
  /** Days from today to the period end (Type II) or the as-of date (Type I); negative once past. */
  daysLeft: number;
  trend: SnapshotPoint[];
};

export type OverviewView = {
  members: number;
  engagements: OverviewEngagement[];
};

/** The organisation's overview: every active engagement with its readiness and trend. */
export async function loadOverview(ctx: OrgContext, today: string): Promise<OverviewView> {
  assertCan(ctx, "library.view");
  const db = getDb();
  const [{ runs }, members, snapshots] = await Promise.all([
    orgReadinessSummary(ctx, today, { kind: "all" }),
    db.membership.count({ where: { organizationId: ctx.orgId, role: { not: "auditor" } } }),
    db.readinessSnapshot.findMany({
      where: { organizationId: ctx.orgId, day: { gte: addDays(today, -SPARKLINE_DAYS) } },
      orderBy: { day: "asc" },
      select: { engagementId: true, day: true, readinessPercent: true },
    }),
  ]);
  const trends = new Map<string, SnapshotPoint[]>();
  for (const { engagementId, day, readinessPercent } of snapshots) {
    const list = trends.get(engagementId) ?? [];
    list.push({ day, readinessPercent });
    trends.set(engagementId, list);
  }
  return {
    members,
    engagements: runs.map(({ engagement, readiness }) => {
      const end = engagement.type === "TYPE_I" ? engagement.asOfDate : engagement.periodEnd;
      return {
        ...engagement,
        readinessPercent: readiness.counts.readinessPercent,
        ready: readiness.counts.ready,
        applicable: readiness.counts.total - readiness.counts.not_applicable,
        daysLeft: end ? toDayNumber(end) - toDayNumber(today) : 0,
        trend: trends.get(engagement.id) ?? [],
      };
    }),
  };
}
