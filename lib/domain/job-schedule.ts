// When scheduled jobs are due, and how failed runs are retried. Pure: the instant and the
// organisation's time zone come in as arguments.

import { isoWeekday } from "./readiness/calendar";
import { wallClockIn, type WallClock } from "./time-zone";

/** The wall clock in a time zone at one instant, with its ISO weekday (Monday 1). */
export type LocalTime = WallClock & { weekday: number };

/** The date, hour, minute and ISO weekday at `now` in `timeZone` (time-zone.ts reads the clock). */
export function localTime(timeZone: string, now: Date): LocalTime {
  const clock = wallClockIn(timeZone, now);
  return { ...clock, weekday: isoWeekday(clock.date) };
}

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

/**
 * The first instant after `now` at which the wall clock in `timeZone` reads `hour`:00 (on a
 * Monday when `mondaysOnly`). Found by stepping by the difference between the wanted and the
 * shown local time, which corrects itself across daylight-saving changes. Used for display
 * (the jobs page); where the hour does not exist that day, the result is near it.
 */
export function nextLocalTime(
  timeZone: string,
  now: Date,
  hour: number,
  mondaysOnly = false,
): Date {
  let candidate = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  for (let step = 0; step < 24; step++) {
    const local = localTime(timeZone, new Date(candidate));
    // The wanted time minus the shown one, in (-12 h, 12 h].
    let delta =
      (((hour * 60 - (local.hour * 60 + local.minute)) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
    if (delta > DAY_MINUTES / 2) delta -= DAY_MINUTES;
    if (delta === 0) {
      if (candidate > now.getTime() && (!mondaysOnly || local.weekday === 1))
        return new Date(candidate);
      delta = DAY_MINUTES;
    }
    candidate += delta * MINUTE_MS;
  }
  return new Date(candidate);
}

/** Runs that failed are tried again this many times at most (so `MAX_ATTEMPTS` runs in all). */
export const MAX_ATTEMPTS = 4;

const RETRY_DELAYS_MINUTES = [5, 30, 120];

/** How long after its `attempts`-th failure a run is tried again; null when it is not. */
export function retryDelayMs(attempts: number): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const minutes = RETRY_DELAYS_MINUTES[Math.min(attempts, RETRY_DELAYS_MINUTES.length) - 1];
  return (minutes ?? 5) * MINUTE_MS;
}

export type RunState = {
  status: string;
  attempts: number;
  leaseUntil: Date;
  finishedAt: Date | null;
};

/**
 * Whether a runner may take this existing run over now: a failed run whose retry is due, or a
 * running one whose lease has passed (its runner died). Succeeded runs are never taken.
 */
export function canTakeOver(run: RunState, now: Date): boolean {
  if (run.status === "running") return run.leaseUntil.getTime() < now.getTime();
  if (run.status !== "failed") return false;
  const delay = retryDelayMs(run.attempts);
  if (delay === null) return false;
  return (run.finishedAt ?? run.leaseUntil).getTime() + delay <= now.getTime();
}
