import type { Metadata } from "next";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { ActivityAuditReport } from "@/components/verify/activity-audit-report";
import { requireOrgContext } from "@/lib/auth/session";
import { listActivity } from "@/lib/db/activity";
import { auditActivityLog } from "@/lib/db/activity-audit";
import { can } from "@/lib/domain/permissions";
import { ActivityPageParam } from "@/lib/schemas/organization";
import { notFound } from "next/navigation";
import { pageQuery } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Activity" };

type Props = { params: Promise<{ orgSlug: string }>; searchParams: Promise<{ page?: string }> };

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "UTC",
});

function describeChange(before: string | null, after: string | null): string {
  if (before && after) return `${before} → ${after}`;
  return after ?? before ?? "";
}

export default async function ActivityPage({ params, searchParams }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  if (!can(ctx.role, "activity.view")) {
    return (
      <>
        <PageHeader title="Activity" />
        <Alert tone="info">Only owners and admins can see the activity log.</Alert>
      </>
    );
  }
  const page = ActivityPageParam.parse((await pageQuery(searchParams)).page);
  const [{ rows, total, pageCount }, audit] = await Promise.all([
    listActivity(ctx, page),
    auditActivityLog(ctx),
  ]);
  if (page > pageCount) notFound();
  const base = `/o/${ctx.orgSlug}/activity`;

  return (
    <>
      <PageHeader
        title="Activity"
        description={`Every change to this organisation's data, newest first. ${total} entries.`}
      />
      <div className="mb-4">
        <ActivityAuditReport audit={audit} />
      </div>
      <Table aria-label="Activity log">
        <thead>
          <tr>
            <Th>#</Th>
            <Th>When (UTC)</Th>
            <Th>Who</Th>
            <Th>What</Th>
            <Th>Record</Th>
            <Th>Change</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <Td className="tabular-nums text-slate-500">{row.seq}</Td>
              <Td className="whitespace-nowrap">{timeFormat.format(row.createdAt)}</Td>
              <Td>{row.actorName ?? "System"}</Td>
              <Td className="font-mono text-xs">{row.action}</Td>
              <Td className="text-xs">
                {row.entityType} <span className="font-mono text-slate-500">{row.entityId}</span>
              </Td>
              <Td className="max-w-sm font-mono text-xs break-all text-slate-600">
                {describeChange(row.before, row.after)}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
        <span>
          Page {page} of {pageCount}
        </span>
        <span className="flex gap-3">
          {page > 1 ? (
            <Link className="text-brand-700 hover:underline" href={`${base}?page=${page - 1}`}>
              Newer
            </Link>
          ) : null}
          {page < pageCount ? (
            <Link className="text-brand-700 hover:underline" href={`${base}?page=${page + 1}`}>
              Older
            </Link>
          ) : null}
        </span>
      </nav>
    </>
  );
}
