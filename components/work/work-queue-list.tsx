import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/input";
import { WORK_KINDS, type WorkItem } from "@/lib/domain/readiness/work-queue";
import { describeWork, KIND_LABELS, workHref } from "./describe";

/** Rows shown before "Show all". */
export const FIRST_ROWS = 10;

type Props = {
  orgSlug: string;
  engagementId: string;
  today: string;
  /** The queue after the filters. */
  items: WorkItem[];
  /** The queue's length before the filters. */
  total: number;
  /** Requirements in progress or unmapped: while any is, the queue never reads "nothing outstanding". */
  open: number;
  owners: { id: string; name: string }[];
  filter: { owner?: string; kind?: string; all?: string };
};

function query(filter: Props["filter"], changes: Props["filter"]): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filter, ...changes }))
    if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : "?";
}

/** The dashboard's "What to do next": filters by owner and kind, the first rows, then all. */
export function WorkQueueList({
  orgSlug,
  engagementId,
  today,
  items,
  total,
  open,
  owners,
  filter,
}: Props) {
  if (total === 0 && open === 0)
    return <p className="text-sm text-green-800">Nothing outstanding today.</p>;
  const shown = filter.all ? items : items.slice(0, FIRST_ROWS);
  return (
    <div className="space-y-3">
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the work">
        <div className="space-y-1">
          <Label htmlFor="work-owner">Owner</Label>
          <Select id="work-owner" name="owner" defaultValue={filter.owner ?? ""}>
            <option value="">Anyone</option>
            <option value="none">Nobody (no owner)</option>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1">
          <Label htmlFor="work-kind">Kind</Label>
          <Select id="work-kind" name="kind" defaultValue={filter.kind ?? ""}>
            <option value="">Every kind</option>
            {WORK_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </Select>
        </div>
        {filter.all ? <input type="hidden" name="all" value="1" /> : null}
        <Button type="submit" variant="secondary" size="sm">
          Filter
        </Button>
      </form>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">
          {total === 0
            ? "Requirements are still in progress; open them from the requirements list to see why."
            : `No work matches these filters (${total} items in all).`}{" "}
          {filter.owner || filter.kind ? (
            <Link className="text-brand-700 hover:underline" href="?">
              Clear the filters
            </Link>
          ) : null}
        </p>
      ) : (
        <ol className="space-y-1 text-sm" aria-label="Next actions">
          {shown.map((item) => (
            <li key={item.key} className="flex justify-between gap-3">
              <Link
                className="text-brand-700 hover:underline"
                href={workHref(item, orgSlug, engagementId)}
              >
                {describeWork(item, today)}
              </Link>
              <span className="shrink-0 text-xs text-slate-500">
                unblocks {item.requirementIds.length} req.
              </span>
            </li>
          ))}
        </ol>
      )}
      {items.length > FIRST_ROWS ? (
        <Link
          className="text-sm font-medium text-brand-700 hover:underline"
          href={query(filter, { all: filter.all ? "" : "1" })}
        >
          {filter.all ? `Show the first ${FIRST_ROWS}` : `Show all ${items.length}`}
        </Link>
      ) : null}
    </div>
  );
}
