import "server-only";
import fs from "node:fs";
import { cache } from "react";
import type { OrgContext } from "@/lib/db/context";
import { organizationTimeZone } from "@/lib/db/time-zone";
import { todayIn as todayInZone } from "@/lib/domain/time-zone";

// The one place the app reads the clock for calendar dates: "today" is the date in the
// organisation's time zone, so figures change when its day changes, not at midnight UTC.

/**
 * The instant "today" is read from. ASSAY_CLOCK_FILE (for end-to-end tests only) names a file
 * holding an ISO instant that stands in for the system clock while the file exists, so a test
 * can move the server's day past midnight without waiting for it.
 */
export function currentInstant(): Date {
  const clockFile = process.env.ASSAY_CLOCK_FILE;
  if (!clockFile) return new Date();
  let text: string;
  try {
    text = fs.readFileSync(clockFile, "utf8").trim();
  } catch {
    return new Date();
  }
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? new Date() : instant;
}

/** Today's date ("YYYY-MM-DD") in `timeZone`, for callers that already have the zone. */
export function todayIn(timeZone: string): string {
  return todayInZone(timeZone, currentInstant());
}

/** Today's date in the organisation's time zone; read once per request. */
export const todayFor = cache(async (ctx: OrgContext): Promise<string> =>
  todayIn(await organizationTimeZone(ctx)),
);
