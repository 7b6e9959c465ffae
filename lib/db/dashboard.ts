import "server-only";
import { addDays } from "@/lib/domain/readiness/calendar";
import { countsByGroup, type GroupCounts } from "@/lib/domain/readiness/dashboard";
import { computeReadiness, type ControlCounts } from "@/lib/domain/readiness/engine";
import {
  filterWork,
  workQueue,
  type WorkFilter,
  type WorkItem,
} from "@/lib/domain/readiness/work-queue";
import type { StatusCounts } from "@/lib/domain/requirement-status";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import type { EngagementDetail } from "./engagements";
import { loadReadinessInput } from "./readiness";
import { listSnapshots, type SnapshotPoint } from "./snapshots";

/** How many days of trend the dashboard draws. */
const TREND_DAYS = 180;

export type DashboardView = {
  engagement: EngagementDetail;
  counts: StatusCounts;
  controlCounts: ControlCounts;
  groups: GroupCounts[];
  trend: SnapshotPoint[];
  /** The whole queue, before filters: "nothing outstanding" is said only when it is empty. */
  total: number;
  /** The queue after the filters. */
  work: WorkItem[];
  /** The people who own something in the queue, for the owner filter. */
  owners: { id: string; name: string }[];
};

/** Everything the engagement dashboard shows, computed by the engine from one load. */
export async function loadDashboard(
  ctx: OrgContext,
  engagementId: string,
  today: string,
  filter: WorkFilter,
): Promise<DashboardView> {
  const { view, input, freshnessDays } = await loadReadinessInput(ctx, engagementId, today);
  const readiness = computeReadiness(input);
  const statusOf = new Map(
    readiness.requirements.map((requirement) => [requirement.requirementId, requirement.status]),
  );
  const requirements = view.requirements.map((requirement) => ({
    ...requirement,
    status: statusOf.get(requirement.id) ?? requirement.status,
  }));
  const engagement = view.engagement;
  const queue = workQueue({
    readiness,
    requirements,
    owners: new Map(input.controls.map((control) => [control.id, control.ownerId])),
    today,
    freshnessDays,
    periodEnd: engagement.type === "TYPE_II" ? engagement.periodEnd : null,
  });
  const ownerIds = [...new Set(queue.flatMap((item) => (item.ownerId ? [item.ownerId] : [])))];
  const [trend, users] = await Promise.all([
    listSnapshots(ctx, engagement.id, addDays(today, -TREND_DAYS)),
    ownerIds.length === 0
      ? Promise.resolve([])
      : getDb().membership.findMany({
          where: { organizationId: ctx.orgId, userId: { in: ownerIds } },
          select: { user: { select: { id: true, name: true } } },
          orderBy: { user: { name: "asc" } },
        }),
  ]);
  return {
    engagement,
    counts: readiness.counts,
    controlCounts: readiness.controlCounts,
    groups: countsByGroup(requirements),
    trend,
    total: queue.length,
    work: filterWork(queue, filter),
    owners: users.map(({ user }) => user),
  };
}
