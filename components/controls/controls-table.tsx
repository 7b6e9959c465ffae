import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Checkbox } from "@/components/ui/input";
import { Table, Td, Th } from "@/components/ui/table";
import type { ControlsPage } from "@/lib/db/controls-page";
import { CONTROL_STATUS_LABELS, FREQUENCY_LABELS, labelOf } from "@/lib/domain/labels";

const STATUS_TONE = {
  draft: "neutral",
  designed: "warning",
  implemented: "success",
  retired: "danger",
} as const;

type Sort = ControlsPage["query"]["sort"];

/** The library's address with the page's filters, sort and page, changed by `changes`. */
function listHref(
  page: ControlsPage,
  changes: Partial<Record<string, string | number | undefined>>,
): string {
  const { query } = page;
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries({
    q: query.q,
    owner: query.owner,
    status: query.status,
    frequency: query.frequency,
    unmapped: query.unmapped ? "1" : undefined,
    sort: query.sort,
    dir: query.dir,
    page: String(page.page),
    ...changes,
  })) {
    if (value !== undefined && value !== "") merged[key] = String(value);
  }
  return `/o/${page.orgSlug}/controls?${new URLSearchParams(merged)}`;
}

function SortLink({ page, column, label }: { page: ControlsPage; column: Sort; label: string }) {
  const { query } = page;
  const active = query.sort === column;
  const dir = active && query.dir === "asc" ? "desc" : "asc";
  return (
    <Link
      href={listHref(page, { sort: column, dir, page: 1 })}
      aria-label={`Sort by ${label}`}
      className="hover:underline"
    >
      {label} {active ? (query.dir === "asc" ? "▲" : "▼") : ""}
    </Link>
  );
}

/** One page of the control library; with control.edit each row has its bulk edit checkbox. */
export function ControlsTable({ page }: { page: ControlsPage }) {
  const editable = page.permissions.edit;
  const base = `/o/${page.orgSlug}/controls`;
  return (
    <Table aria-label="Controls">
      <thead>
        <tr>
          {editable ? (
            <Th className="w-8">
              <span className="sr-only">Select</span>
            </Th>
          ) : null}
          <Th>
            <SortLink page={page} column="ref" label="Ref" />
          </Th>
          <Th>
            <SortLink page={page} column="title" label="Title" />
          </Th>
          <Th>Owner</Th>
          <Th>
            <SortLink page={page} column="status" label="Status" />
          </Th>
          <Th>
            <SortLink page={page} column="frequency" label="Frequency" />
          </Th>
          <Th>Mapped to</Th>
        </tr>
      </thead>
      <tbody>
        {page.rows.map((control) => (
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
}

/** How many controls match, which page this is, and the links to the pages either side. */
export function ControlsPagination({ page }: { page: ControlsPage }) {
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
      <span>
        {page.total} controls · page {page.page} of {page.pageCount}
      </span>
      <span className="flex gap-3">
        {page.page > 1 ? (
          <Link
            className="text-brand-700 hover:underline"
            href={listHref(page, { page: page.page - 1 })}
          >
            Previous
          </Link>
        ) : null}
        {page.page < page.pageCount ? (
          <Link
            className="text-brand-700 hover:underline"
            href={listHref(page, { page: page.page + 1 })}
          >
            Next
          </Link>
        ) : null}
      </span>
    </nav>
  );
}
