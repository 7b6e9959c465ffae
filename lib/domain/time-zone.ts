// "Today" in an organisation's time zone (readiness-rules.md: `today` is the calendar date in the
// organisation's IANA time zone, default UTC). Pure: the instant comes in as an argument.

import { toDayNumber } from "./dates";

export const DEFAULT_TIME_ZONE = "UTC";

/** Longer than any IANA name ("America/Argentina/ComodRivadavia" is 32). */
const MAX_TIME_ZONE_LENGTH = 64;

/** IANA names are letters, digits and `_ + - /`; offsets such as "+02:00" are not names. */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      calendar: "gregory",
      numberingSystem: "latn",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether `name` is an IANA time zone this runtime knows ("Europe/Paris", "UTC"). */
export function isValidTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > MAX_TIME_ZONE_LENGTH || !IANA_NAME.test(name))
    return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in a time zone at one instant: its date ("YYYY-MM-DD"), hour and minute. */
export type WallClock = { date: string; hour: number; minute: number };

/**
 * The wall clock at instant `now` in `timeZone`. An unknown zone (a value written before
 * validation existed, say) is read as UTC rather than failing every page or stopping every job.
 */
export function wallClockIn(timeZone: string, now: Date): WallClock {
  const formatter = formatterFor(isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE);
  const parts = new Map<string, string>();
  for (const part of formatter.formatToParts(now)) parts.set(part.type, part.value);
  return {
    date: `${(parts.get("year") ?? "").padStart(4, "0")}-${parts.get("month")}-${parts.get("day")}`,
    hour: Number(parts.get("hour")),
    minute: Number(parts.get("minute")),
  };
}

/** The calendar date ("YYYY-MM-DD") at instant `now` in `timeZone`. */
export function todayIn(timeZone: string, now: Date): string {
  return wallClockIn(timeZone, now).date;
}

const MINUTE_MS = 60_000;

/**
 * The first instant of `date` ("YYYY-MM-DD") in `timeZone`: local midnight, or the first minute
 * the clock shows on a day that starts with a daylight-saving jump. Found by correcting a guess by
 * the difference between the wanted and the shown wall clock, which settles in two steps.
 */
export function startOfDayIn(date: string, timeZone: string): Date {
  const wanted = toDayNumber(date) * 24 * 60;
  let instant = wanted * MINUTE_MS;
  for (let step = 0; step < 3; step++) {
    const shown = wallClockIn(timeZone, new Date(instant));
    const minutes = toDayNumber(shown.date) * 24 * 60 + shown.hour * 60 + shown.minute;
    if (minutes === wanted) break;
    instant -= (minutes - wanted) * MINUTE_MS;
  }
  return new Date(instant);
}

const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as people read it in the organisation's zone, "2 Dec 2026, 09:41" (24-hour clock,
 * English month). An unknown zone is read as UTC, as everywhere else.
 */
export function formatDateTimeIn(instant: Date, timeZone: string): string {
  const zone = isValidTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  let formatter = dateTimeFormatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    dateTimeFormatters.set(zone, formatter);
  }
  return formatter.format(instant);
}

/** A calendar date ("2026-12-05") written out, "5 Dec 2026"; it has no time zone of its own. */
export function formatIsoDate(date: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: "UTC",
    day: "numeric",
    month: "short",
    year: "numeric",
  }).format(new Date(`${date}T00:00:00Z`));
}
