// Calendar arithmetic on "YYYY-MM-DD" strings (UTC, no clock). Strings of this shape sort like
// the dates they name, so comparing dates is comparing strings.
import { toDayNumber } from "../dates";

const DAY_MS = 86_400_000;

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

export function minDate(a: string, b: string): string {
  return a <= b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month; `month` is 1–12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** ISO 8601 weekday: Monday 1 … Sunday 7 (day 0, 1970-01-01, was a Thursday). */
export function isoWeekday(date: string): number {
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export type IsoWeek = { weekYear: number; week: number; monday: string; sunday: string };

/**
 * The ISO 8601 week of a date. The week belongs to the year of its Thursday, so 2026-12-31 is
 * in 2026-W53 and 2027-01-01 too; 2024-12-30 is in 2025-W01.
 */
export function isoWeek(date: string): IsoWeek {
  const monday = toDayNumber(date) - (isoWeekday(date) - 1);
  const thursday = fromDayNumber(monday + 3);
  const weekYear = Number(thursday.slice(0, 4));
  const week =
    Math.floor((toDayNumber(thursday) - toDayNumber(`${thursday.slice(0, 4)}-01-01`)) / 7) + 1;
  return { weekYear, week, monday: fromDayNumber(monday), sunday: fromDayNumber(monday + 6) };
}

export function isoWeekKey(week: Pick<IsoWeek, "weekYear" | "week">): string {
  return `${week.weekYear}-W${pad2(week.week)}`;
}
