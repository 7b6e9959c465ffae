import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { describeEngagement } from "@/components/engagements/engagement-dates";
import { GroupBars } from "@/components/readiness/group-bars";
import { TrendChart } from "@/components/readiness/trend-chart";
import { WorkQueueList } from "@/components/work/work-queue-list";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadDashboard } from "@/lib/db/dashboard";
import { WorkQueueQuery } from "@/lib/schemas/work-queue";
import { todayFor } from "@/lib/server/clock";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { pageId, pageQuery } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Dashboard" };

type Props = {
  params: Promise<{ orgSlug: string; engagementId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// Snapshots for the trend are written by the daily job (lib/jobs), never by this GET.
export default async function DashboardPage({ params, searchParams }: Props) {
  const { orgSlug, engagementId: engagementParam } = await params;
  const engagementId = pageId(engagementParam);
  const filter = WorkQueueQuery.safeParse(await pageQuery(searchParams));
  if (!filter.success) notFound();
  const ctx = await requireOrgContext(orgSlug);
  const today = await todayFor(ctx);
  const { engagement, counts, controlCounts, groups, trend, total, work, owners, description } =
    await notFoundOnAppError(loadDashboard(ctx, engagementId, today, filter.data));
  const base = `/o/${ctx.orgSlug}/engagements/${engagement.id}`;

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
            not applicable). Controls ready: {controlCounts.ready} of {controlCounts.total}.
          </CardDescription>
        </Card>
        <Card>
          <CardTitle>System description</CardTitle>
          <p className="mt-2 text-lg font-semibold" aria-label="Description completeness">
            {description.text}
          </p>
          <CardDescription>
            Shown beside readiness, not counted in it.{" "}
            <Link className="text-brand-700 hover:underline" href={`${base}/description`}>
              Open the description
            </Link>
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
          <GroupBars groups={groups} />
        </Card>
        <Card className="lg:col-span-2">
          <CardTitle>What to do next</CardTitle>
          <CardDescription className="mb-3">
            Every blocker, and what comes due in the next 14 days, the work that unblocks most
            requirements first.
          </CardDescription>
          <WorkQueueList
            orgSlug={ctx.orgSlug}
            engagementId={engagement.id}
            today={today}
            items={work}
            total={total}
            open={counts.in_progress + counts.unmapped}
            owners={owners}
            filter={filter.data}
          />
        </Card>
      </div>
    </>
  );
}
