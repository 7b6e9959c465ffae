import "server-only";
import { getDb } from "@/lib/db/client";
import { engagementReadiness } from "@/lib/db/readiness";
import { recordDailySnapshot } from "@/lib/db/snapshots";
import { localTime } from "@/lib/domain/job-schedule";
import { addDays, maxDate } from "@/lib/domain/readiness/calendar";
import { jobContext } from "./context";
import type { JobDefinition, JobOrganization } from "./definition";

// The trend chart's points: one readiness snapshot per engagement per day, taken by the first
// tick after midnight in the organisation's time zone (the dashboard no longer writes them
// while it is read). Days the runner missed are filled in by the backfill, computed from the
// data as it stands then with that day as "today" (see docs/decisions/job-runner.md).

export const SNAPSHOT_JOB = "readiness-snapshot";
export const BACKFILL_JOB = "snapshot-backfill";

/** How far back the backfill looks for days without a point (the chart shows 180 days). */
export const BACKFILL_DAYS = 60;

const LEASE_MS = 15 * 60_000;

async function liveEngagements(organizationId: string) {
  return getDb().engagement.findMany({
    where: { organizationId, archivedAt: null },
    select: { id: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
}

async function snapshot(organization: JobOrganization, engagementId: string, day: string) {
  const ctx = jobContext(organization);
  const { counts } = await engagementReadiness(ctx, engagementId, day);
  await recordDailySnapshot(ctx, engagementId, day, counts);
}

/** Today's point for every live engagement of the organisation. */
async function snapshotOrganization(organization: JobOrganization, day: string): Promise<void> {
  for (const engagement of await liveEngagements(organization.id))
    await snapshot(organization, engagement.id, day);
}

/**
 * The days before `today` (at most BACKFILL_DAYS back, never before the engagement existed)
 * that have no point, recorded oldest first.
 */
async function backfillOrganization(organization: JobOrganization, today: string): Promise<void> {
  const earliest = addDays(today, -BACKFILL_DAYS);
  for (const engagement of await liveEngagements(organization.id)) {
    const created = localTime(organization.timeZone, engagement.createdAt).date;
    const from = maxDate(earliest, created);
    if (from >= today) continue;
    const stored = await getDb().readinessSnapshot.findMany({
      where: { organizationId: organization.id, engagementId: engagement.id, day: { gte: from } },
      select: { day: true },
    });
    const have = new Set(stored.map((row) => row.day));
    for (let day = from; day < today; day = addDays(day, 1))
      if (!have.has(day)) await snapshot(organization, engagement.id, day);
  }
}

export const snapshotJob: JobDefinition = {
  name: SNAPSHOT_JOB,
  leaseMs: LEASE_MS,
  due: async ({ now, organizations }) =>
    organizations.map((organization) => {
      const day = localTime(organization.timeZone, now).date;
      return {
        runKey: `snapshot:${organization.id}:${day}`,
        organizationId: organization.id,
        perform: () => snapshotOrganization(organization, day),
      };
    }),
};

export const backfillJob: JobDefinition = {
  name: BACKFILL_JOB,
  leaseMs: LEASE_MS,
  due: async ({ now, organizations }) =>
    organizations.map((organization) => {
      const day = localTime(organization.timeZone, now).date;
      return {
        runKey: `backfill:${organization.id}:${day}`,
        organizationId: organization.id,
        perform: () => backfillOrganization(organization, day),
      };
    }),
};
