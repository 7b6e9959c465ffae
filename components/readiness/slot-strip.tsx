import { cn } from "@/components/ui/cn";
import type { SlotCell } from "@/lib/domain/readiness/rollup";

const COLOUR = {
  covered: "bg-green-500",
  missing: "bg-red-500",
  open: "bg-amber-300",
  upcoming: "bg-slate-200",
} as const;

/** Covered / missing / open / upcoming cells across the period, each with its label for screen readers. */
export function SlotStrip({ cells }: { cells: SlotCell[] }) {
  if (cells.length === 0)
    return <span className="text-xs text-slate-500">no occurrences in the period</span>;
  return (
    <ul className="flex max-w-md flex-wrap gap-0.5" aria-label="Occurrences over the period">
      {cells.map((cell) => (
        <li
          key={cell.key}
          title={cell.detail}
          className={cn("h-4 w-4 rounded-sm", COLOUR[cell.state])}
        >
          <span className="sr-only">{cell.detail}</span>
        </li>
      ))}
    </ul>
  );
}
