// Occurrences as users pick them: which slot keys a control's frequency can have (the shapes of
// readiness-rules.md section 5, "Slot keys"), and the order an occurrence picker offers them.
import type { ControlFrequency } from "../controls";
import { isIsoDate } from "../dates";
import { isoWeek } from "./calendar";
import type { SlotStateName } from "./operating";

const SHAPES: Record<Exclude<ControlFrequency, "event_driven">, RegExp> = {
  annual: /^period$/,
  continuous: /^period$/,
  semi_annual: /^\d{4}-H[12]$/,
  quarterly: /^\d{4}-Q[1-4]$/,
  monthly: /^\d{4}-(0[1-9]|1[0-2])$/,
  weekly: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/,
  daily: /^\d{4}-\d{2}-\d{2}$/,
  multiple_daily: /^\d{4}-\d{2}-\d{2}$/,
};

/** 28 December is always in the last ISO week of its year. */
function weeksIn(year: number): number {
  return isoWeek(`${String(year).padStart(4, "0")}-12-28`).week;
}

/**
 * Whether `key` is a well-formed slot key for a control of `frequency`: "2026-Q1" for a
 * quarterly control, "2026-W53" only in a year that has 53 ISO weeks, a real calendar day for a
 * daily one. An event-driven control's keys are its events' ids, which only the data can tell.
 */
export function isSlotKeyFor(frequency: ControlFrequency, key: string): boolean {
  if (frequency === "event_driven") return false;
  if (!SHAPES[frequency].test(key)) return false;
  if (frequency === "weekly") return Number(key.slice(6)) <= weeksIn(Number(key.slice(0, 4)));
  if (frequency === "daily" || frequency === "multiple_daily") return isIsoDate(key);
  return true;
}

/** One occurrence as a picker shows it (one engagement's slot, or the same key in several). */
export type OccurrenceChoice = {
  key: string;
  label: string;
  start: string;
  end: string;
  state: SlotStateName;
  dueFrom: string | null;
};

/** Missing first, then open, then covered and upcoming alike: most urgent to least. */
const RANK: Record<SlotStateName, number> = { missing: 0, open: 1, covered: 2, upcoming: 2 };
/** When one key appears in several engagements, the most urgent state is the one shown. */
const URGENCY: Record<SlotStateName, number> = { missing: 0, open: 1, upcoming: 2, covered: 3 };

/**
 * The occurrences a picker offers, each key once: missing ones first, then open ones, then the
 * covered and upcoming, each group oldest first. A key found in several engagements (whose
 * periods clip it differently) keeps its widest dates and its most urgent state.
 */
export function occurrenceChoices(slots: readonly OccurrenceChoice[]): OccurrenceChoice[] {
  const byKey = new Map<string, OccurrenceChoice>();
  for (const slot of slots) {
    const seen = byKey.get(slot.key);
    if (!seen) {
      byKey.set(slot.key, { ...slot });
      continue;
    }
    const urgent = URGENCY[slot.state] < URGENCY[seen.state] ? slot : seen;
    byKey.set(slot.key, {
      key: slot.key,
      label: seen.label,
      start: slot.start < seen.start ? slot.start : seen.start,
      end: slot.end > seen.end ? slot.end : seen.end,
      state: urgent.state,
      dueFrom: urgent.dueFrom,
    });
  }
  return [...byKey.values()].sort(
    (a, b) =>
      RANK[a.state] - RANK[b.state] ||
      (a.start < b.start ? -1 : a.start > b.start ? 1 : a.key < b.key ? -1 : 1),
  );
}

/** The occurrence a picker starts on: the one whose dates contain the effective date, if any. */
export function occurrenceOn(
  choices: readonly OccurrenceChoice[],
  effectiveDate: string,
  coverageEnd?: string | null,
): string | null {
  // Evidence covering a range (a log export for a quarter of daily checks) is for every
  // occurrence it overlaps, which only the dates can say: naming one would cover that one only.
  const end = coverageEnd && coverageEnd > effectiveDate ? coverageEnd : effectiveDate;
  const containing = choices.filter((choice) => choice.start <= effectiveDate && end <= choice.end);
  if (!containing.length) return null;
  // Several only for event-driven controls (events on one day): the earliest listed wins.
  return containing[0]?.key ?? null;
}
