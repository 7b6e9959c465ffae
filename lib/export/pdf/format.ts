// Words and dates as the summary PDF prints them (status and severity words are shared with the
// matrix exports, in ../matrix-labels). Dates arrive as "YYYY-MM-DD" (UTC calendar
// days) or ISO timestamps and are never shifted into a local time zone.
import type { ExportEngagement } from "@/lib/domain/export/types";
import type { SubserviceMethod } from "@/lib/domain/engagements";
import type { SlotStateName } from "@/lib/domain/readiness/operating";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export const METHOD_WORDS: Record<SubserviceMethod, string> = {
  carve_out: "Carve-out",
  inclusive: "Inclusive",
};

export const SLOT_WORDS: Record<SlotStateName, string> = {
  covered: "Covered",
  missing: "Missing",
  open: "Open, not yet due",
  upcoming: "Not started",
};

/** "2026-01-01" → "1 January 2026". */
export function longDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split("-").map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}

/** "2026-07-15T09:30:00.000Z" → "15 July 2026, 09:30 UTC". */
export function longTimestamp(isoTimestamp: string): string {
  return `${longDate(isoTimestamp)}, ${isoTimestamp.slice(11, 16)} UTC`;
}

export function percent(value: number): string {
  return `${Math.round(value)}%`;
}

export function plural(count: number, one: string): string {
  return `${count} ${count === 1 ? one : `${one}s`}`;
}

export function reportTitle(engagement: ExportEngagement): string {
  return `${engagement.familyLabel} ${engagement.typeLabel}`;
}

/** The as-of date (Type I) or the period, "1 January 2026 to 31 December 2026" (Type II). */
export function reportWindow(engagement: ExportEngagement): string {
  if (engagement.type === "TYPE_I")
    return engagement.asOfDate ? longDate(engagement.asOfDate) : "not set";
  if (!engagement.periodStart || !engagement.periodEnd) return "not set";
  return `${longDate(engagement.periodStart)} to ${longDate(engagement.periodEnd)}`;
}

/** Groups in order of first appearance, keeping the input order inside each group. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups];
}

const DAY_MS = 86_400_000;

/** "2026-02-11" → days since 1970-01-01; NaN for a label that is not a day ("2026-04", "2026-Q2"). */
function dayNumber(label: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(label)) return Number.NaN;
  return (
    Date.UTC(Number(label.slice(0, 4)), Number(label.slice(5, 7)) - 1, Number(label.slice(8, 10))) /
    DAY_MS
  );
}

/** Occurrence labels in full, runs of consecutive days as one range: "2026-02-11 to 2026-03-12 (30 days), 2026-04". */
export function occurrenceList(labels: readonly string[]): string {
  const days = labels.map(dayNumber);
  const parts: string[] = [];
  let index = 0;
  while (index < labels.length) {
    let count = 1;
    while (index + count < labels.length && days[index + count] === days[index]! + count)
      count += 1;
    const first = labels[index] ?? "";
    const last = labels[index + count - 1] ?? first;
    parts.push(
      count > 2 ? `${first} to ${last} (${count} days)` : count === 2 ? `${first}, ${last}` : first,
    );
    index += count;
  }
  return parts.join(", ");
}

/** "2–5 of 12": how many occurrences the auditor will likely test, out of the population. */
export function sampleText({
  min,
  max,
  population,
}: {
  min: number;
  max: number;
  population: number;
}): string {
  if (population === 0) return "Nothing to sample yet";
  return `${min === max ? min : `${min}–${max}`} of ${population}`;
}
