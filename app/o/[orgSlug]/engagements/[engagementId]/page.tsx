import type { Metadata } from "next";
import Link from "next/link";
import { describeEngagement } from "@/components/engagements/engagement-dates";
import { RequirementStatusBadge } from "@/components/engagements/status-badge";
import { CATEGORY_LABELS, REQUIREMENT_STATUS_LABELS } from "@/lib/domain/labels";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireOrgContext } from "@/lib/auth/session";
import { engagementReadiness } from "@/lib/db/readiness";
import { todayFor } from "@/lib/server/clock";
import { engagementWarnings } from "@/lib/domain/engagements";
import { can } from "@/lib/domain/permissions";
import { REQUIREMENT_STATUSES, type RequirementStatus } from "@/lib/domain/requirement-status";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { recordAuditorAccess } from "@/lib/db/auditor-access";
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
  const { engagement, requirements, counts, readiness } = await notFoundOnAppError(
    engagementReadiness(ctx, engagementId, await todayFor(ctx)),
  );
  await recordAuditorAccess(ctx, "viewed", {
    entityType: "engagement",
    entityId: engagement.id,
    label: `${engagement.name}: requirements`,
    engagementId: engagement.id,
  });
  const { status: wanted } = await pageQuery(searchParams);
  const filter = REQUIREMENT_STATUSES.find((status) => status === wanted);
  const shown = filter ? requirements.filter((r) => r.status === filter) : requirements;
  const base = `/o/${ctx.orgSlug}/engagements/${engagement.id}`;
  const warnings =
    engagement.type === "TYPE_II" && engagement.periodStart && engagement.periodEnd
      ? engagementWarnings({
          type: "TYPE_II",
          periodStart: engagement.periodStart,
          periodEnd: engagement.periodEnd,
        })
      : [];
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
            {can(ctx.role, "export.create") ? (
              <Button asChild variant="secondary" size="sm">
                <Link href={`${base}/exports`}>Exports</Link>
              </Button>
            ) : null}
            {can(ctx.role, "library.view") ? (
              <Button asChild variant="secondary" size="sm">
                <Link href={`${base}/paperwork`}>Paperwork</Link>
              </Button>
            ) : null}
            {can(ctx.role, "engagement.manage") ? (
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
      {warnings.map((warning) => (
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
      {shown.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
          {requirements.length === 0
            ? engagement.family === "SOC2"
              ? "No requirements in scope."
              : "No objectives chosen yet: edit the scope to pick them."
            : "Nothing with this status."}
        </p>
      ) : (
        <Table aria-label="Requirements">
          <thead>
            <tr>
              <Th>Requirement</Th>
              <Th>Status</Th>
              <Th>Controls</Th>
              <Th>Shared with</Th>
            </tr>
          </thead>
          <tbody>
            {shown.map((requirement) => (
              <tr key={requirement.id}>
                <Td>
                  <Link
                    className="font-medium text-brand-700 hover:underline"
                    href={`${base}/requirements/${encodeURIComponent(requirement.id)}`}
                  >
                    <span className="font-mono text-xs">{requirement.code}</span>{" "}
                    {requirement.title}
                  </Link>
                  <span className="block text-xs text-slate-500">{requirement.group}</span>
                </Td>
                <Td>
                  <RequirementStatusBadge status={requirement.status} />
                  {requirement.justification ? (
                    <span className="mt-1 block max-w-xs text-xs text-slate-600">
                      {requirement.justification}
                    </span>
                  ) : null}
                  {requirement.reasons.length ? (
                    <ul className="mt-1 max-w-xs text-xs text-slate-600">
                      {requirement.reasons.slice(0, 3).map((reason) => (
                        <li key={reason}>{reason}</li>
                      ))}
                      {requirement.reasons.length > 3 ? (
                        <li>and {requirement.reasons.length - 3} more</li>
                      ) : null}
                    </ul>
                  ) : null}
                </Td>
                <Td className="text-xs">
                  {requirement.controls.length === 0
                    ? "—"
                    : requirement.controls.map((control) => (
                        <Link
                          key={control.id}
                          href={`/o/${ctx.orgSlug}/controls/${control.id}`}
                          className="mr-2 inline-block font-mono text-brand-700 hover:underline"
                          title={control.title}
                        >
                          {control.ref}
                        </Link>
                      ))}
                </Td>
                <Td className="text-xs text-slate-600">
                  {requirement.alsoIn.map((other) => other.name).join(", ") || "—"}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
