// Outside auditors get read-only access to chosen engagements until a chosen day.
import { isIsoDate, toDayNumber } from "./dates";

/** The longest access that can be given at once; it can be extended later. */
export const MAX_ACCESS_DAYS = 400;
const DAY_MS = 86_400_000;

export type AccessState = "active" | "expired" | "revoked";

/** Access given "until 2027-03-31" lasts to the end of that day (UTC). */
export function accessExpiresAt(lastDay: string): Date {
  return new Date((toDayNumber(lastDay) + 1) * DAY_MS);
}

/** The last day of access, as the forms show it. */
export function accessLastDay(expiresAt: Date): string {
  return new Date(expiresAt.getTime() - DAY_MS).toISOString().slice(0, 10);
}

export function accessState(
  access: { expiresAt: Date; revokedAt: Date | null },
  now: Date,
): AccessState {
  if (access.revokedAt) return "revoked";
  return access.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
}

/** Why `lastDay` cannot end an access given on `today`, or null when it can. */
export function accessEndProblem(lastDay: string, today: string): string | null {
  if (!isIsoDate(lastDay)) return "Enter a date as YYYY-MM-DD.";
  const days = toDayNumber(lastDay) - toDayNumber(today);
  if (days < 0) return "Choose today or a later day.";
  if (days > MAX_ACCESS_DAYS)
    return `Choose a day at most ${MAX_ACCESS_DAYS} days from today; you can extend access later.`;
  return null;
}
