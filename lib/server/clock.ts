import "server-only";
import { cache } from "react";
import type { OrgContext } from "@/lib/db/context";
import { organizationTimeZone } from "@/lib/db/time-zone";
import { todayIn as todayInZone } from "@/lib/domain/time-zone";

// The one place the app reads the clock for calendar dates: "today" is the date in the
// organisation's time zone, so figures change when its day changes, not at midnight UTC.

/** Today's date ("YYYY-MM-DD") in `timeZone`, for callers that already have the zone. */
export function todayIn(timeZone: string): string {
  return todayInZone(timeZone, new Date());
}

/** Today's date in the organisation's time zone; read once per request. */
export const todayFor = cache(async (ctx: OrgContext): Promise<string> =>
  todayIn(await organizationTimeZone(ctx)),
);

/** Today's date in UTC: only until the control page reads its organisation's day (todayFor). */
export function todayIso(): string {
  return todayIn("UTC");
}
