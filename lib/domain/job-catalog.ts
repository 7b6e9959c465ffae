// The scheduled jobs as admins see them: name, what each does and when it runs. The runner's
// definitions (lib/jobs) use these names; the jobs page lists them in this order.

import { DIGEST_HOUR } from "./digest";
import { nextLocalTime } from "./job-schedule";

export const JOB_CATALOG = [
  {
    name: "readiness-roll-forward",
    title: "Readiness rolled forward to the new day",
    schedule:
      "Every day at midnight in the organisation's time zone (until it has run, pages compute the day's figures themselves)",
    scope: "organization",
    hour: 0,
  },
  {
    name: "readiness-snapshot",
    title: "Daily readiness snapshot",
    schedule: "Every day at midnight in the organisation's time zone",
    scope: "organization",
    hour: 0,
  },
  {
    name: "snapshot-backfill",
    title: "Backfill of missed snapshots",
    schedule: "Every day at midnight: days without a snapshot in the last 60 days",
    scope: "organization",
    hour: 0,
  },
  {
    name: "digest",
    title: "Reminder digests",
    schedule: `From ${String(DIGEST_HOUR).padStart(2, "0")}:00 in the organisation's time zone: daily digests every day, weekly ones on Mondays (one run per member)`,
    scope: "organization",
    hour: DIGEST_HOUR,
  },
  {
    name: "orphan-files",
    title: "Orphan-file cleanup",
    schedule: "Every day from 03:00 UTC, for the whole installation",
    scope: "installation",
    hour: 3,
  },
  {
    name: "api-idempotency-keys",
    title: "Cleanup of expired API idempotency keys",
    schedule: "Every day from 03:00 UTC, for the whole installation: keys older than a day",
    scope: "installation",
    hour: 3,
  },
] as const;

export type JobName = (typeof JOB_CATALOG)[number]["name"];
type CatalogEntry = (typeof JOB_CATALOG)[number];

export function jobEntry(name: JobName): CatalogEntry {
  const entry = JOB_CATALOG.find((job) => job.name === name);
  if (!entry) throw new Error(`Unknown job ${name}`);
  return entry;
}

/** When the job is next scheduled after `now` (installation-wide jobs run on UTC). */
export function nextRunOf(entry: CatalogEntry, timeZone: string, now: Date): Date {
  return nextLocalTime(entry.scope === "installation" ? "UTC" : timeZone, now, entry.hour);
}
