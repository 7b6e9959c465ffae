import Link from "next/link";
import { cn } from "@/components/ui/cn";
import type { SlotStateName } from "@/lib/domain/readiness/operating";
import type { SlotCell } from "@/lib/domain/readiness/rollup";

// Each state has a colour and a letter, so the strip reads without colour too; the legend says
// which is which, and every cell's accessible name spells its state out.
const LOOK: Record<SlotStateName, { colour: string; letter: string; name: string }> = {
  covered: { colour: "bg-green-600 text-white", letter: "✓", name: "covered" },
  missing: { colour: "bg-red-600 text-white", letter: "!", name: "missing" },
  open: { colour: "bg-amber-300 text-amber-950", letter: "○", name: "open (not yet due)" },
  upcoming: { colour: "bg-slate-200 text-slate-600", letter: "·", name: "upcoming" },
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "15 Dec" from "2026-12-15". */
function shortDate(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1] ?? ""}`;
}

type Props = {
  cells: SlotCell[];
  /** Where "add evidence for this occurrence" goes; without it the cells are not links. */
  addHref?: (slotKey: string) => string;
  /** Shows the legend under the strip (once per page is enough). */
  legend?: boolean;
};

/** Covered / missing / open / upcoming cells across the period; missing and open ones link to add evidence. */
export function SlotStrip({ cells, addHref, legend = false }: Props) {
  if (cells.length === 0)
    return <span className="text-xs text-slate-500">no occurrences in the period</span>;
  return (
    <div className="space-y-1">
      <ul className="flex max-w-xl flex-wrap gap-0.5" aria-label="Occurrences over the period">
        {cells.map((cell) => {
          const look = LOOK[cell.state];
          const due =
            cell.state === "open" && cell.dueFrom ? `, due from ${shortDate(cell.dueFrom)}` : "";
          const name = `${cell.label}: ${look.name}${due}`;
          const box = cn(
            "flex h-5 min-w-5 items-center justify-center rounded-sm px-0.5 text-[11px] font-bold leading-none",
            look.colour,
          );
          return (
            <li key={cell.key} title={cell.detail}>
              {addHref && cell.target ? (
                <Link
                  href={addHref(cell.target)}
                  className={cn(box, "outline-offset-1 hover:ring-2 hover:ring-brand-600")}
                  aria-label={`${name}. Add evidence for ${cell.target}`}
                >
                  <span aria-hidden="true">{look.letter}</span>
                </Link>
              ) : (
                <span className={box}>
                  <span aria-hidden="true">{look.letter}</span>
                  <span className="sr-only">{cell.state === "open" ? name : cell.detail}</span>
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {legend ? <SlotLegend /> : null}
    </div>
  );
}

/** What the strip's colours and letters mean. */
function SlotLegend() {
  return (
    <ul className="flex flex-wrap gap-3 text-xs text-slate-600" aria-label="Legend">
      {(Object.keys(LOOK) as SlotStateName[]).map((state) => (
        <li key={state} className="flex items-center gap-1">
          <span
            aria-hidden="true"
            className={cn(
              "flex h-4 w-4 items-center justify-center rounded-sm text-[10px] font-bold",
              LOOK[state].colour,
            )}
          >
            {LOOK[state].letter}
          </span>
          {LOOK[state].name}
        </li>
      ))}
    </ul>
  );
}
