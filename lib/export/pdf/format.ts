// Words and dates as the summary PDF prints them (status and severity words are shared with the
// matrix exports, in ../matrix-labels). Dates arrive as "YYYY-MM-DD" (UTC calendar
// days) or ISO timestamps and are never shifted into a local time zone.
import type { ExportEngagement } from "@/lib/domain/export/types";
import type { SubserviceMethod } from "@/lib/domain/engagements";
import type { SlotStateName } from "@/lib/domain/readiness/operating";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export const METHOD_WORDS: Record<SubserviceMethod, string> = { carve_out: "Carve-out", inclusive: "Inclusive" };

export const SLOT_WORDS: Record<SlotStateName, string> = { covered: "Covered", missing: "Missing", upcoming: "Not yet due" };

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
  if (engagement.type === "TYPE_I") return engagement.asOfDate ? longDate(engagement.asOfDate) : "not set";
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
const isDay = (label: string) => /^\d{4}-\d{2}-\d{2}$/.test(label);
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** Occurrence labels in full, runs of consecutive days as one range: "2026-02-11 to 2026-03-12 (30 days), 2026-04". */
export function occurrenceList(labels: readonly string[]): string {
  const parts: string[] = [];
  let index = 0;
  while (index < labels.length) {
    const first = labels[index] ?? "";
    let last = first;
    let count = 1;
    while (isDay(last) && labels[index + count] === nextDay(last)) {
      last = labels[index + count] ?? last;
      count += 1;
    }
    parts.push(count > 2 ? `${first} to ${last} (${count} days)` : count === 2 ? `${first}, ${last}` : first);
    index += count;
  }
  return parts.join(", ");
}

/** "2–5 of 12": how many occurrences the auditor will likely test, out of the population. */
export function sampleText({ min, max, population }: { min: number; max: number; population: number }): string {
  if (population === 0) return "Nothing to sample yet";
  return `${min === max ? min : `${min}–${max}`} of ${population}`;
}
