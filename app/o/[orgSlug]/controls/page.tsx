import type { Metadata } from "next";
import Link from "next/link";
import { BulkEditForm } from "@/components/controls/bulk-edit-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox, Input, Label, Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireOrgContext } from "@/lib/auth/session";
import { listControls, listMatchingControlVersions, listMemberOptions } from "@/lib/db/controls";
import { CONTROL_FREQUENCIES, CONTROL_STATUSES } from "@/lib/domain/controls";
import { can } from "@/lib/domain/permissions";
import { ControlListQuery, MAX_BULK_CONTROLS } from "@/lib/schemas/control";
import { bulkUpdateControlsAction } from "./actions";
import { notFoundUnlessCan } from "@/lib/server/not-found";
import { pageQuery } from "@/lib/server/page-params";
import { CONTROL_STATUS_LABELS, FREQUENCY_LABELS, labelOf } from "@/lib/domain/labels";

export const metadata: Metadata = { title: "Controls" };

type Props = {
  params: Promise<{ orgSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const STATUS_TONE = {
  draft: "neutral",
  designed: "warning",
  implemented: "success",
  retired: "danger",
} as const;

export default async function ControlsPage({ params, searchParams }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  notFoundUnlessCan(ctx, "library.view");
  const raw = await pageQuery(searchParams);
  const query = ControlListQuery.parse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
  );
  const [{ rows, total, pageCount, page }, members] = await Promise.all([
    listControls(ctx, query),
    listMemberOptions(ctx),
  ]);
  const base = `/o/${ctx.orgSlug}/controls`;
  const editable = can(ctx.role, "control.edit");
  const matching =
    editable && total > rows.length
      ? await listMatchingControlVersions(ctx, query, MAX_BULK_CONTROLS + 1)
      : rows;
  const filtered = Boolean(
    query.q || query.owner || query.status || query.frequency || query.unmapped,
  );

  const href = (changes: Partial<Record<string, string | number | undefined>>) => {
    const merged: Record<string, string> = {};
    for (const [key, value] of Object.entries({
      q: query.q,
      owner: query.owner,
      status: query.status,
      frequency: query.frequency,
      unmapped: query.unmapped ? "1" : undefined,
      sort: query.sort,
      dir: query.dir,
      page: String(page),
      ...changes,
    })) {
      if (value !== undefined && value !== "") merged[key] = String(value);
    }
    return `${base}?${new URLSearchParams(merged)}`;
  };
  const sortLink = (column: ControlListQuery["sort"], label: string) => {
    const active = query.sort === column;
    const dir = active && query.dir === "asc" ? "desc" : "asc";
    return (
      <Link
        href={href({ sort: column, dir, page: 1 })}
        aria-label={`Sort by ${label}`}
        className="hover:underline"
      >
        {label} {active ? (query.dir === "asc" ? "▲" : "▼") : ""}
      </Link>
    );
  };

  const table = (
    <Table aria-label="Controls">
      <thead>
        <tr>
          {editable ? (
            <Th className="w-8">
              <span className="sr-only">Select</span>
            </Th>
          ) : null}
          <Th>{sortLink("ref", "Ref")}</Th>
          <Th>{sortLink("title", "Title")}</Th>
          <Th>Owner</Th>
          <Th>{sortLink("status", "Status")}</Th>
          <Th>{sortLink("frequency", "Frequency")}</Th>
          <Th>Mapped to</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((control) => (
          <tr key={control.id}>
            {editable ? (
              <Td>
                <Checkbox
                  name="controlIds"
                  value={control.id}
                  aria-label={`Select ${control.ref}`}
                />
                <input
                  type="hidden"
                  name="controlVersions"
                  value={`${control.id}:${control.version}`}
                />
              </Td>
            ) : null}
            <Td className="font-mono text-xs whitespace-nowrap">
              {control.ref}
              {control.key ? (
                <Badge tone="brand" className="ml-2">
                  key
                </Badge>
              ) : null}
            </Td>
            <Td>
              <Link
                className="font-medium text-brand-700 hover:underline"
                href={`${base}/${control.id}`}
              >
                {control.title}
              </Link>
            </Td>
            <Td>{control.owner?.name ?? <span className="text-slate-500">No owner</span>}</Td>
            <Td>
              <Badge tone={STATUS_TONE[control.status as keyof typeof STATUS_TONE] ?? "neutral"}>
                {labelOf(CONTROL_STATUS_LABELS, control.status)}
              </Badge>
            </Td>
            <Td>{labelOf(FREQUENCY_LABELS, control.frequency)}</Td>
            <Td>
              {control.mappingCount ? (
                `${control.mappingCount} requirement${control.mappingCount === 1 ? "" : "s"}`
              ) : (
                <Badge tone="warning">unmapped</Badge>
              )}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );

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
            {members.map((m) => (
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

      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600">
          {filtered ? (
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
      ) : editable ? (
        <BulkEditForm
          orgSlug={ctx.orgSlug}
          members={members}
          action={bulkUpdateControlsAction}
          matching={{
            total,
            controls:
              matching.length > MAX_BULK_CONTROLS
                ? null
                : matching.map(({ id, version }) => ({ id, version })),
          }}
        >
          {table}
        </BulkEditForm>
      ) : (
        table
      )}

      <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
        <span>
          {total} controls · page {page} of {pageCount}
        </span>
        <span className="flex gap-3">
          {page > 1 ? (
            <Link className="text-brand-700 hover:underline" href={href({ page: page - 1 })}>
              Previous
            </Link>
          ) : null}
          {page < pageCount ? (
            <Link className="text-brand-700 hover:underline" href={href({ page: page + 1 })}>
              Next
            </Link>
          ) : null}
        </span>
      </nav>
    </>
  );
}
