// Calendar dates as the readiness contract defines them: "YYYY-MM-DD", UTC, inclusive ranges.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

export function toDayNumber(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}

/** Days in the inclusive range [start, end]. */
export function daysInclusive(start: string, end: string): number {
  return toDayNumber(end) - toDayNumber(start) + 1;
}

export function isoDateOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}
