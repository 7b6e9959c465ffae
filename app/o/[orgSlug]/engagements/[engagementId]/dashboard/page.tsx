import type { Metadata } from "next";
import Link from "next/link";
import { describeEngagement } from "@/components/engagements/engagement-dates";
import { GroupBars } from "@/components/readiness/group-bars";
import { TrendChart } from "@/components/readiness/trend-chart";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { engagementReadiness } from "@/lib/db/readiness";
import { listSnapshots, recordDailySnapshot } from "@/lib/db/snapshots";
import { countsByGroup, nextActions, type NextAction } from "@/lib/domain/readiness/dashboard";
import { addDays } from "@/lib/domain/readiness/calendar";
import { todayFor } from "@/lib/server/clock";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { recordAuditorAccess } from "@/lib/db/auditor-access";
import { pageId } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Dashboard" };

type Props = { params: Promise<{ orgSlug: string; engagementId: string }> };

const SHOWN_ACTIONS = 25;

function describe(action: NextAction): string {
  switch (action.kind) {
    case "unmapped_requirement":
      return `Map a control to ${action.code} ${action.title}`;
    case "control_without_owner":
      return `Give ${action.ref} an owner`;
    case "missing_occurrence":
      return action.count === 1
        ? `${action.ref}: add evidence for ${action.slot}${action.slot.startsWith(action.ended) ? "" : ` (ended ${action.ended})`}`
        : `${action.ref}: ${action.count} occurrences missing, the oldest ${action.slot} (ended ${action.ended})`;
    case "due_soon":
      return `${action.ref}: ${action.slot} ends ${action.ends}`;
    case "open_exception":
      return `${action.ref}: remediate the open exception`;
  }
}

export default async function DashboardPage({ params }: Props) {
  const { orgSlug, engagementId: engagementParam } = await params;
  const engagementId = pageId(engagementParam);
  const ctx = await requireOrgContext(orgSlug);
  const today = await todayFor(ctx);
  const { engagement, requirements, counts, readiness } = await notFoundOnAppError(
    engagementReadiness(ctx, engagementId, today),
  );
  await recordAuditorAccess(ctx, "viewed", {
    entityType: "engagement",
    entityId: engagement.id,
    label: `${engagement.name}: dashboard`,
    engagementId: engagement.id,
  });
  await recordDailySnapshot(ctx, engagement.id, today, counts);
  const trend = await listSnapshots(ctx, engagement.id, addDays(today, -180));
  const actions = nextActions(readiness, requirements, today);
  const base = `/o/${ctx.orgSlug}/engagements/${engagement.id}`;
  const hrefOf = (action: NextAction) =>
    action.kind === "unmapped_requirement"
      ? `${base}/requirements/${encodeURIComponent(action.requirementId)}`
      : `/o/${ctx.orgSlug}/controls/${action.controlId}`;

  return (
    <>
      <PageHeader
        title={engagement.name}
        description={
          <>
            <Link className="text-brand-700 hover:underline" href={base}>
              Requirements
            </Link>{" "}
            · {describeEngagement(engagement)}
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card>
          <CardTitle>Readiness</CardTitle>
          <p
            className="mt-2 text-5xl font-bold tabular-nums text-brand-900"
            aria-label={`Readiness ${Math.round(counts.readinessPercent)} percent`}
          >
            {Math.round(counts.readinessPercent)}%
          </p>
          <CardDescription>
            {counts.ready} of {counts.total - counts.not_applicable} requirements ready (
            {counts.in_progress} in progress, {counts.unmapped} unmapped, {counts.not_applicable}{" "}
            not applicable). Controls ready: {readiness.controlCounts.ready} of{" "}
            {readiness.controlCounts.total}.
          </CardDescription>
        </Card>
        <Card className="lg:col-span-2">
          <CardTitle>Trend</CardTitle>
          <TrendChart points={trend} />
        </Card>
        <Card>
          <CardTitle className="mb-3">
            {engagement.family === "SOC2" ? "By criteria group" : "By objective area"}
          </CardTitle>
          <GroupBars groups={countsByGroup(requirements)} />
        </Card>
        <Card className="lg:col-span-2">
          <CardTitle>What to do next</CardTitle>
          <CardDescription className="mb-3">
            Most impactful first: how many requirements each item holds back.
          </CardDescription>
          {actions.length === 0 ? (
            <p className="text-sm text-green-800">Nothing outstanding today.</p>
          ) : (
            <ol className="space-y-1 text-sm" aria-label="Next actions">
              {actions.slice(0, SHOWN_ACTIONS).map((action, index) => (
                <li key={`${action.kind}-${index}`} className="flex justify-between gap-3">
                  <Link className="text-brand-700 hover:underline" href={hrefOf(action)}>
                    {describe(action)}
                  </Link>
                  <span className="shrink-0 text-xs text-slate-500">{action.impact} req.</span>
                </li>
              ))}
              {actions.length > SHOWN_ACTIONS ? (
                <li className="text-xs text-slate-500">
                  and {actions.length - SHOWN_ACTIONS} more
                </li>
              ) : null}
            </ol>
          )}
        </Card>
      </div>
    </>
  );
}
