import type { GroupCounts } from "@/lib/domain/readiness/dashboard";

const SEGMENTS = [
  ["ready", "bg-green-500"],
  ["in_progress", "bg-amber-400"],
  ["unmapped", "bg-red-500"],
  ["not_applicable", "bg-slate-300"],
] as const;

/** One stacked bar per group (SOC 2 category group or objective area), labelled in words. */
export function GroupBars({ groups }: { groups: GroupCounts[] }) {
  return (
    <ul className="space-y-2" aria-label="Readiness by group">
      {groups.map((group) => (
        <li key={group.group} className="text-sm">
          <div className="flex justify-between">
            <span>{group.group}</span>
            <span className="text-xs text-slate-600">
              {group.counts.ready} of {group.total - group.counts.not_applicable} ready
            </span>
          </div>
          <div className="mt-1 flex h-3 overflow-hidden rounded bg-slate-100" aria-hidden="true">
            {SEGMENTS.map(([status, colour]) =>
              group.counts[status] ? (
                <div
                  key={status}
                  className={colour}
                  style={{ width: `${(100 * group.counts[status]) / group.total}%` }}
                />
              ) : null,
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
