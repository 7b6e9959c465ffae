// Expected occurrences of a control in a Type II period (readiness-rules.md, section 5, "Slots").
import type { ControlFrequency } from "../controls";
import { toDayNumber } from "../dates";
import {
  daysInMonth,
  fromDayNumber,
  isoDate,
  isoWeek,
  isoWeekKey,
  maxDate,
  minDate,
  pad2,
} from "./calendar";

/** An inclusive date range. */
export type Period = { start: string; end: string };

/**
 * One expected occurrence. `key` is stable ("2026-Q1", "2026-03", "2026-W10", "2026-03-14",
 * "2026-H1", "period", or the event id); `start`/`end` are already clipped to the period.
 */
export type Slot = { key: string; label: string; start: string; end: string };

/** A population event of an event-driven control (a hire, a change, a termination…). */
export type SlotEvent = { id: string; date: string; label?: string };

/**
 * The slots of a control over a period, in date order. An empty or inverted period has none.
 * Events outside the period are ignored; events are ordered by date, then id.
 */
export function expectedSlots(
  frequency: ControlFrequency,
  period: Period,
  events: readonly SlotEvent[] = [],
): Slot[] {
  if (period.start > period.end) return [];
  switch (frequency) {
    case "annual":
    case "continuous":
      return [
        {
          key: "period",
          label: `${period.start}…${period.end}`,
          start: period.start,
          end: period.end,
        },
      ];
    case "semi_annual":
      return calendarSlots(period, 6, (year, index) => `${year}-H${index + 1}`);
    case "quarterly":
      return calendarSlots(period, 3, (year, index) => `${year}-Q${index + 1}`);
    case "monthly":
      return calendarSlots(period, 1, (year, index) => `${year}-${pad2(index + 1)}`);
    case "weekly":
      return weeklySlots(period);
    case "daily":
    case "multiple_daily":
      return dailySlots(period);
    case "event_driven":
      return eventSlots(period, events);
  }
}

/** Calendar blocks of `months` months (1, 3 or 6) that overlap the period, clipped to it. */
function calendarSlots(
  period: Period,
  months: number,
  keyOf: (year: number, index: number) => string,
): Slot[] {
  const slots: Slot[] = [];
  let year = Number(period.start.slice(0, 4));
  let index = Math.floor((Number(period.start.slice(5, 7)) - 1) / months);
  for (;;) {
    const firstMonth = index * months + 1;
    const lastMonth = firstMonth + months - 1;
    const start = isoDate(year, firstMonth, 1);
    if (start > period.end) return slots;
    const end = isoDate(year, lastMonth, daysInMonth(year, lastMonth));
    const key = keyOf(year, index);
    slots.push({
      key,
      label: key,
      start: maxDate(start, period.start),
      end: minDate(end, period.end),
    });
    index += 1;
    if (index * months >= 12) {
      index = 0;
      year += 1;
    }
  }
}

/** ISO weeks (Monday–Sunday) that overlap the period, keyed by ISO week-year. */
function weeklySlots(period: Period): Slot[] {
  const slots: Slot[] = [];
  const last = toDayNumber(period.end);
  for (let monday = toDayNumber(isoWeek(period.start).monday); monday <= last; monday += 7) {
    const week = isoWeek(fromDayNumber(monday));
    const key = isoWeekKey(week);
    slots.push({
      key,
      label: key,
      start: maxDate(week.monday, period.start),
      end: minDate(week.sunday, period.end),
    });
  }
  return slots;
}

function dailySlots(period: Period): Slot[] {
  const slots: Slot[] = [];
  const last = toDayNumber(period.end);
  for (let day = toDayNumber(period.start); day <= last; day += 1) {
    const date = fromDayNumber(day);
    slots.push({ key: date, label: date, start: date, end: date });
  }
  return slots;
}

function eventSlots(period: Period, events: readonly SlotEvent[]): Slot[] {
  return events
    .filter((event) => event.date >= period.start && event.date <= period.end)
    .sort((a, b) => (a.date === b.date ? compare(a.id, b.id) : compare(a.date, b.date)))
    .map((event) => ({
      key: event.id,
      label: eventLabel(event),
      start: event.date,
      end: event.date,
    }));
}

/** "2026-03-14 new joiner" when the event has a label, else "event 2026-03-14". */
function eventLabel(event: SlotEvent): string {
  const label = event.label?.trim();
  return label ? `${event.date} ${label}` : `event ${event.date}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
