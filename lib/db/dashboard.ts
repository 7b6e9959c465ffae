import "server-only";
import { addDays } from "@/lib/domain/readiness/calendar";
import { countsByGroup, type GroupCounts } from "@/lib/domain/readiness/dashboard";
import type { ControlCounts } from "@/lib/domain/readiness/engine";
import {
  filterWork,
  workQueue,
  type WorkFilter,
  type WorkItem,
} from "@/lib/domain/readiness/work-queue";
import type { StatusCounts } from "@/lib/domain/requirement-status";
import { recordEngagementView } from "./auditor-access";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { descriptionCompletenessOf } from "./description";
import type { EngagementDetail } from "./engagements";
import { engagementSummary } from "./readiness-summary";
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
  /** The system description's completeness, shown beside readiness. */
  description: Awaited<ReturnType<typeof descriptionCompletenessOf>>;
};

/**
 * Everything the engagement dashboard shows, from the maintained readiness (readiness-summary.ts:
 * no evidence is read unless some control has to be computed live); an auditor's visit is logged.
 */
export async function loadDashboard(
  ctx: OrgContext,
  engagementId: string,
  today: string,
  filter: WorkFilter,
): Promise<DashboardView> {
  const { view, controls, summary, freshnessDays } = await engagementSummary(
    ctx,
    engagementId,
    today,
  );
  const statusOf = new Map(
    summary.requirements.map((requirement) => [requirement.requirementId, requirement.status]),
  );
  const requirements = view.requirements.map((requirement) => ({
    ...requirement,
    status: statusOf.get(requirement.id) ?? requirement.status,
  }));
  const engagement = view.engagement;
  const queue = workQueue({
    readiness: summary,
    requirements,
    owners: new Map(controls.map((control) => [control.id, control.ownerId])),
    today,
    freshnessDays,
    periodEnd: engagement.type === "TYPE_II" ? engagement.periodEnd : null,
  });
  const ownerIds = [...new Set(queue.flatMap((item) => (item.ownerId ? [item.ownerId] : [])))];
  const [trend, users, description] = await Promise.all([
    listSnapshots(ctx, engagement.id, addDays(today, -TREND_DAYS)),
    ownerIds.length === 0
      ? Promise.resolve([])
      : getDb().membership.findMany({
          where: { organizationId: ctx.orgId, userId: { in: ownerIds } },
          select: { user: { select: { id: true, name: true } } },
          orderBy: { user: { name: "asc" } },
        }),
    descriptionCompletenessOf(ctx, engagement),
    recordEngagementView(ctx, engagement, "dashboard"),
  ]);
  return {
    engagement,
    counts: summary.counts,
    controlCounts: summary.controlCounts,
    groups: countsByGroup(requirements),
    trend,
    total: queue.length,
    work: filterWork(queue, filter),
    owners: users.map(({ user }) => user),
    description,
  };
}
