import type { Metadata } from "next";
import Link from "next/link";
import { BulkEditForm } from "@/components/controls/bulk-edit-form";
import { ControlsPagination, ControlsTable } from "@/components/controls/controls-table";
import { Button } from "@/components/ui/button";
import { Checkbox, Input, Label, Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadControlsPage } from "@/lib/db/controls-page";
import { CONTROL_FREQUENCIES, CONTROL_STATUSES } from "@/lib/domain/controls";
import { CONTROL_STATUS_LABELS, FREQUENCY_LABELS } from "@/lib/domain/labels";
import { ControlListQuery } from "@/lib/schemas/control";
import { notFoundOnAppError } from "@/lib/server/not-found";
import { pageQuery } from "@/lib/server/page-params";
import { bulkUpdateControlsAction } from "./actions";

export const metadata: Metadata = { title: "Controls" };

type Props = {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function ControlsPage({ params, searchParams }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  const raw = await pageQuery(searchParams);
  const query = ControlListQuery.parse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
  );
  const page = await notFoundOnAppError(loadControlsPage(ctx, query));
  const base = `/o/${page.orgSlug}/controls`;
  const editable = page.permissions.edit;
  const table = <ControlsTable page={page} />;

  return (
    <>
      <PageHeader
        title="Controls"
        description="Your control library: independent of any framework, mapped to the requirements each control serves."
        actions={
          <div className="flex flex-wrap gap-2">
            <Button asChild variant="secondary" size="sm">
              <a href={`${base}/export`}>Export CSV</a>
            </Button>
            {editable ? (
              <>
                <Button asChild variant="secondary" size="sm">
                  <Link href={`${base}/import`}>Import CSV</Link>
                </Button>
                <Button asChild variant="secondary" size="sm">
                  <Link href={`${base}/starter`}>Adopt starter controls</Link>
                </Button>
                <Button asChild size="sm">
                  <Link href={`${base}/new`}>New control</Link>
                </Button>
              </>
            ) : null}
          </div>
        }
      />
      <form
        method="get"
        action={base}
        className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
      >
        <div className="min-w-48 flex-[2_1_12rem] space-y-1">
          <Label htmlFor="control-search">Search</Label>
          <Input
            id="control-search"
            name="q"
            type="search"
            defaultValue={query.q}
            placeholder="Ref or title"
          />
        </div>
        <div className="max-w-full flex-auto space-y-1">
          <Label htmlFor="filter-owner">Owner</Label>
          <Select id="filter-owner" name="owner" defaultValue={query.owner ?? ""}>
            <option value="">Anyone</option>
            <option value="none">No owner</option>
            {page.members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="max-w-full flex-auto space-y-1">
          <Label htmlFor="filter-status">Status</Label>
          <Select id="filter-status" name="status" defaultValue={query.status ?? ""}>
            <option value="">Any</option>
            {CONTROL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {CONTROL_STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
        </div>
        <div className="max-w-full flex-auto space-y-1">
          <Label htmlFor="filter-frequency">Frequency</Label>
          <Select id="filter-frequency" name="frequency" defaultValue={query.frequency ?? ""}>
            <option value="">Any</option>
            {CONTROL_FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {FREQUENCY_LABELS[f]}
              </option>
            ))}
          </Select>
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <Checkbox name="unmapped" value="1" defaultChecked={query.unmapped} /> Unmapped only
        </label>
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
      </form>

      {page.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          {page.filtered ? (
            <>
              No controls match these filters.{" "}
              <Link className="text-brand-700 hover:underline" href={base}>
                Clear filters
              </Link>
            </>
          ) : editable ? (
            <>
              No controls yet.{" "}
              <Link className="text-brand-700 hover:underline" href={`${base}/starter`}>
                Adopt starter controls
              </Link>
              ,{" "}
              <Link className="text-brand-700 hover:underline" href={`${base}/import`}>
                import a CSV
              </Link>{" "}
              or{" "}
              <Link className="text-brand-700 hover:underline" href={`${base}/new`}>
                write your first control
              </Link>
              .
            </>
          ) : (
            "No controls yet."
          )}
        </div>
      ) : page.bulk ? (
        <BulkEditForm
          orgSlug={page.orgSlug}
          members={page.members}
          action={bulkUpdateControlsAction}
          matching={page.bulk}
        >
          {table}
        </BulkEditForm>
      ) : (
        table
      )}

      <ControlsPagination page={page} />
    </>
  );
}
