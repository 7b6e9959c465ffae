import type { Metadata } from "next";
import Link from "next/link";
import { describeEngagement } from "@/components/engagements/engagement-dates";
import { RequirementsTable } from "@/components/engagements/requirements-table";
import { CATEGORY_LABELS, REQUIREMENT_STATUS_LABELS } from "@/lib/domain/labels";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadEngagementPage } from "@/lib/db/engagement-page";
import { todayFor } from "@/lib/server/clock";
import { REQUIREMENT_STATUSES, type RequirementStatus } from "@/lib/domain/requirement-status";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { pageId, pageQuery } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Engagement" };

type Props = {
  params: Promise<{ orgSlug: string; engagementId: string }>;
  searchParams: Promise<{ status?: string }>;
};

export default async function EngagementPage({ params, searchParams }: Props) {
  const { orgSlug, engagementId: engagementParam } = await params;
  const engagementId = pageId(engagementParam);
  const ctx = await requireOrgContext(orgSlug);
  const { status: wanted } = await pageQuery(searchParams);
  const page = await notFoundOnAppError(
    loadEngagementPage(
      ctx,
      engagementId,
      await todayFor(ctx),
      REQUIREMENT_STATUSES.find((status) => status === wanted),
    ),
  );
  const { engagement, counts, readiness, filter, permissions } = page;
  const base = `/o/${page.orgSlug}/engagements/${engagement.id}`;
  const tab = (status: RequirementStatus | undefined, label: string, count: number) => (
    <Link
      key={label}
      href={status ? `${base}?status=${status}` : base}
      aria-current={filter === status ? "page" : undefined}
      className={cn(
        "rounded-md px-3 py-1.5 text-sm",
        filter === status
          ? "bg-brand-50 font-medium text-brand-900"
          : "text-slate-600 hover:bg-slate-100",
      )}
    >
      {label} ({count})
    </Link>
  );

  return (
    <>
      <PageHeader
        title={engagement.name}
        description={describeEngagement(engagement)}
        actions={
          <div className="flex flex-wrap gap-2">
            <Button asChild variant="secondary" size="sm">
              <Link href={`${base}/dashboard`}>Dashboard</Link>
            </Button>
            <Button asChild variant="secondary" size="sm">
              <Link href={`${base}/controls`}>Control readiness</Link>
            </Button>
            <Button asChild variant="secondary" size="sm">
              <Link href={`${base}/matrix`}>Matrix</Link>
            </Button>
            <Button asChild variant="secondary" size="sm">
              <Link href={`${base}/description`}>System description</Link>
            </Button>
            {permissions.exports ? (
              <Button asChild variant="secondary" size="sm">
                <Link href={`${base}/exports`}>Exports</Link>
              </Button>
            ) : null}
            {permissions.paperwork ? (
              <Button asChild variant="secondary" size="sm">
                <Link href={`${base}/paperwork`}>Paperwork</Link>
              </Button>
            ) : null}
            {permissions.editScope ? (
              <Button asChild variant="secondary" size="sm">
                <Link href={`${base}/edit`}>Edit scope</Link>
              </Button>
            ) : null}
          </div>
        }
      />
      {engagement.archived ? (
        <Alert tone="info" className="mb-4">
          This engagement is archived.
        </Alert>
      ) : null}
      {page.warnings.map((warning) => (
        <Alert key={warning.code} tone="warning" className="mb-4">
          {warning.message}
        </Alert>
      ))}

      <div className="mb-6 grid gap-4 md:grid-cols-[2fr_3fr]">
        <Card>
          <CardTitle>
            {engagement.type === "TYPE_I"
              ? "Type I readiness (design)"
              : "Type II readiness (operation to date)"}
          </CardTitle>
          <dl className="mt-3 grid grid-cols-2 gap-2 text-sm" aria-label="Requirement counts">
            {REQUIREMENT_STATUSES.map((status) => (
              <div key={status} className="flex justify-between rounded bg-slate-50 px-2 py-1">
                <dt>{REQUIREMENT_STATUS_LABELS[status]}</dt>
                <dd className="font-semibold tabular-nums">{counts[status]}</dd>
              </div>
            ))}
            <div className="flex justify-between rounded bg-slate-50 px-2 py-1">
              <dt>in scope</dt>
              <dd className="font-semibold tabular-nums">{counts.total}</dd>
            </div>
            <div className="flex justify-between rounded bg-slate-50 px-2 py-1">
              <dt>readiness</dt>
              <dd className="font-semibold tabular-nums">{Math.round(counts.readinessPercent)}%</dd>
            </div>
          </dl>
          <p className="mt-3 text-xs text-slate-500">
            Controls ready: {readiness.controlCounts.ready} of {readiness.controlCounts.total}.
            Design judged at {readiness.designDate}
            {readiness.asOf ? `; occurrences due up to ${readiness.asOf}` : ""}.
          </p>
        </Card>
        <Card>
          <CardTitle>Scope</CardTitle>
          <ul className="mt-3 space-y-1 text-sm text-slate-700">
            {engagement.family === "SOC2" ? (
              <li>Categories: {engagement.categories.map((c) => CATEGORY_LABELS[c]).join(", ")}</li>
            ) : (
              <li>{engagement.objectiveIds.length} control objectives</li>
            )}
            <li>
              Subservice organisations:{" "}
              {engagement.subservices.length
                ? engagement.subservices
                    .map(
                      (s) =>
                        `${s.name} (${s.method === "carve_out" ? "carve-out" : "inclusive"}${s.csocs.length ? `, ${s.csocs.length} CSOCs` : ""})`,
                    )
                    .join("; ")
                : "none"}
            </li>
            <li>
              CUECs: {engagement.cuecs.length} · user-entity responsibilities:{" "}
              {engagement.userResponsibilities.length}
            </li>
          </ul>
        </Card>
      </div>

      <nav aria-label="Filter requirements" className="mb-3 flex flex-wrap gap-1">
        {tab(undefined, "All", counts.total)}
        {REQUIREMENT_STATUSES.map((status) =>
          tab(status, REQUIREMENT_STATUS_LABELS[status], counts[status]),
        )}
      </nav>
      <RequirementsTable page={page} />
    </>
  );
}
