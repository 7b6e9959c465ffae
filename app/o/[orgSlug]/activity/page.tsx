import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActivityFilterForm } from "@/components/activity/activity-filter-form";
import { ActivityTable } from "@/components/activity/activity-table";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { ActivityAuditReport } from "@/components/verify/activity-audit-report";
import { requireOrgContext } from "@/lib/auth/session";
import { loadActivityLog } from "@/lib/db/activity-log";
import {
  ActivityCursorParam,
  ActivityFilters,
  activityQueryString,
  fieldProblems,
  filterValues,
} from "@/lib/schemas/activity";
import { ActivityPageParam } from "@/lib/schemas/organization";
import { pageQuery } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Activity" };

type Query = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ orgSlug: string }>; searchParams: Promise<Query> };

export default async function ActivityPage({ params, searchParams }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  const query = await pageQuery(searchParams);
  const values = filterValues(query);
  const parsed = ActivityFilters.safeParse(values);
  const page = ActivityPageParam.parse(query.page);
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const cursor = {
    before: ActivityCursorParam.parse(first(query.before)),
    after: ActivityCursorParam.parse(first(query.after)),
  };
  const view = await loadActivityLog(ctx, parsed.success ? parsed.data : null, page, {
    ...(cursor.before !== undefined ? { before: cursor.before } : {}),
    ...(cursor.after !== undefined && cursor.before === undefined ? { after: cursor.after } : {}),
  });
  if (!view.canView) {
    return (
      <>
        <PageHeader title="Activity" />
        <Alert tone="info">Only owners and admins can see the activity log.</Alert>
      </>
    );
  }
  if (view.page > view.pageCount) notFound();
  const base = `/o/${ctx.orgSlug}/activity`;
  const filtered = activityQueryString(values);
  // Unfiltered pages are addressed by number (a range of sequence numbers); filtered ones by
  // the cursor of the page they follow.
  const newerHref = view.newer
    ? `${base}?${activityQueryString(values, 1, view.newer)}`
    : view.page > 1
      ? `${base}?${activityQueryString(values, view.page - 1)}`
      : null;
  const olderHref = view.older
    ? `${base}?${activityQueryString(values, 1, view.older)}`
    : !filtered && view.page < view.pageCount
      ? `${base}?${activityQueryString(values, view.page + 1)}`
      : null;

  return (
    <>
      <PageHeader
        title="Activity"
        description={`Every change to this organisation's data, newest first. ${view.total} ${filtered ? "matching " : ""}entries.`}
      />
      <div className="mb-4">
        <ActivityAuditReport audit={view.audit} />
      </div>
      <ActivityFilterForm
        base={base}
        values={values}
        errors={parsed.success ? {} : fieldProblems(parsed.error)}
        options={view.options}
        timeZone={view.timeZone}
      />
      {parsed.success ? (
        <p className="mb-3 text-sm">
          <a
            className="text-brand-700 hover:underline"
            href={`${base}/export${filtered ? `?${filtered}` : ""}`}
            download
          >
            Download these entries as CSV
          </a>
        </p>
      ) : (
        <Alert tone="error">Some filters are not valid: fix them above to see the log.</Alert>
      )}
      {parsed.success && view.rows.length === 0 ? (
        <Alert tone="info">
          {filtered ? (
            <>
              No entries match these filters.{" "}
              <Link className="underline underline-offset-2" href={base}>
                Clear the filters
              </Link>
            </>
          ) : (
            <>
              Nothing has been recorded yet: every change the team makes appears here.{" "}
              <Link className="underline underline-offset-2" href={`/o/${ctx.orgSlug}/controls`}>
                Start with the controls
              </Link>
            </>
          )}
        </Alert>
      ) : null}
      {view.rows.length > 0 ? (
        <ActivityTable orgSlug={ctx.orgSlug} rows={view.rows} timeZone={view.timeZone} />
      ) : null}
      <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
        <span>
          Page {view.page} of {view.pageCount}
        </span>
        <span className="flex gap-3">
          {newerHref ? (
            <Link className="text-brand-700 hover:underline" href={newerHref}>
              Newer
            </Link>
          ) : null}
          {olderHref ? (
            <Link className="text-brand-700 hover:underline" href={olderHref}>
              Older
            </Link>
          ) : null}
        </span>
      </nav>
    </>
  );
}
