// Outside auditors get read-only access to chosen engagements until a chosen day.
import { isIsoDate, toDayNumber } from "./dates";
import { addDays } from "./readiness/calendar";
import { plural } from "./plural";
import { DEFAULT_TIME_ZONE, formatIsoDate, startOfDayIn, todayIn } from "./time-zone";

/** The longest access that can be given at once; it can be extended later. */
export const MAX_ACCESS_DAYS = 400;
const HALF_DAY_MS = 43_200_000;

export type AccessState = "active" | "expired" | "revoked";

/** Access given "until 2027-03-31" lasts to the end of that day in the organisation's zone. */
export function accessExpiresAt(lastDay: string, timeZone: string = DEFAULT_TIME_ZONE): Date {
  return startOfDayIn(addDays(lastDay, 1), timeZone);
}

/**
 * The last day of access, as the forms show it. Read 12 hours before the end, so access granted
 * before time zones counted (ending at midnight UTC) still shows the day it was given until.
 */
export function accessLastDay(expiresAt: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  return todayIn(timeZone, new Date(expiresAt.getTime() - HALF_DAY_MS));
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

/** Access shows a countdown once this few days are left. */
export const ACCESS_COUNTDOWN_DAYS = 7;

/**
 * The banner an auditor sees on every page: which engagements they may read, until which day (in
 * the organisation's zone), and how many days are left once the end is a week away or nearer.
 * Only grants still running at `now` count; none gives null.
 */
export function accessNotice(
  grants: readonly { engagementName: string; expiresAt: Date; revokedAt: Date | null }[],
  timeZone: string,
  now: Date,
): { text: string; daysLeft: number | null } | null {
  const active = grants
    .filter((grant) => accessState(grant, now) === "active")
    .map((grant) => ({
      name: grant.engagementName,
      lastDay: accessLastDay(grant.expiresAt, timeZone),
    }))
    .sort((a, b) => a.lastDay.localeCompare(b.lastDay) || a.name.localeCompare(b.name));
  const soonest = active[0];
  if (!soonest) return null;
  const today = todayIn(timeZone, now);
  const parts = active.map(({ name, lastDay }) => `${name}, until ${formatIsoDate(lastDay)}`);
  // Days of access left, today included: the last day itself is "1 day left".
  const left = toDayNumber(soonest.lastDay) - toDayNumber(today) + 1;
  const daysLeft = left <= ACCESS_COUNTDOWN_DAYS ? Math.max(left, 1) : null;
  const countdown =
    daysLeft === null
      ? ""
      : daysLeft === 1
        ? ` Today is the last day${active.length > 1 ? ` for ${soonest.name}` : ""}.`
        : ` ${plural(daysLeft, "day", "days")} left${active.length > 1 ? ` for ${soonest.name}` : ""}.`;
  return {
    text: `Read-only auditor access to ${parts.join("; ")} (${timeZone}).${countdown}`,
    daysLeft,
  };
}
