import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { runDueJobs } from "@/lib/jobs/runner";
import { backfillJob, BACKFILL_DAYS, snapshotJob } from "@/lib/jobs/snapshot-jobs";
import { makeEngagement, makeOrg } from "./helpers";

// The daily snapshot is taken by the first tick after midnight in the organisation's time zone,
// once per day whatever the number of ticks; the backfill records the days the runner missed.

const quiet = { log: () => undefined, error: () => undefined };

async function orgIn(timeZone: string): Promise<OrgContext> {
  const ctx = await makeOrg();
  await getDb().organization.update({ where: { id: ctx.orgId }, data: { timeZone } });
  return ctx;
}

async function engagementCreated(ctx: OrgContext, createdAt: string): Promise<string> {
  const { id } = await makeEngagement(ctx);
  await getDb().engagement.update({ where: { id }, data: { createdAt: new Date(createdAt) } });
  return id;
}

async function days(engagementId: string): Promise<string[]> {
  const rows = await getDb().readinessSnapshot.findMany({
    where: { engagementId },
    orderBy: { day: "asc" },
    select: { day: true },
  });
  return rows.map((row) => row.day);
}

async function runsOf(orgId: string, job: string) {
  return getDb().jobRun.findMany({
    where: { organizationId: orgId, job },
    orderBy: { runKey: "asc" },
    select: { runKey: true, status: true, attempts: true },
  });
}

describe("daily readiness snapshot", () => {
  it("is taken once per day, at midnight in the organisation's time zone", async () => {
    const ctx = await orgIn("Pacific/Auckland"); // UTC+12 in June
    const engagement = await engagementCreated(ctx, "2026-06-01T00:00:00Z");
    const tick = (iso: string) => runDueJobs(getDb(), [snapshotJob], () => new Date(iso), quiet);
    await tick("2026-06-14T11:30:00Z"); // 23:30 on the 14th in Auckland
    await tick("2026-06-14T11:50:00Z");
    expect(await days(engagement)).toEqual(["2026-06-14"]);
    await tick("2026-06-14T12:01:00Z"); // 00:01 on the 15th there, still the 14th in UTC
    await tick("2026-06-14T12:30:00Z");
    expect(await days(engagement)).toEqual(["2026-06-14", "2026-06-15"]);
    expect(await runsOf(ctx.orgId, "readiness-snapshot")).toEqual([
      { runKey: `snapshot:${ctx.orgId}:2026-06-14`, status: "succeeded", attempts: 1 },
      { runKey: `snapshot:${ctx.orgId}:2026-06-15`, status: "succeeded", attempts: 1 },
    ]);
  });

  it("records the engagement's figures as of that day", async () => {
    const ctx = await orgIn("UTC");
    const engagement = await engagementCreated(ctx, "2026-06-01T00:00:00Z");
    await runDueJobs(getDb(), [snapshotJob], () => new Date("2026-06-20T00:10:00Z"), quiet);
    const row = await getDb().readinessSnapshot.findFirstOrThrow({
      where: { engagementId: engagement },
    });
    expect(row).toMatchObject({ organizationId: ctx.orgId, day: "2026-06-20", ready: 0 });
    expect(row.total).toBeGreaterThan(0);
    expect(row.unmapped).toBe(row.total);
  });

  it("skips archived engagements", async () => {
    const ctx = await orgIn("UTC");
    const live = await engagementCreated(ctx, "2026-06-01T00:00:00Z");
    const archived = await engagementCreated(ctx, "2026-06-01T00:00:00Z");
    await getDb().engagement.update({ where: { id: archived }, data: { archivedAt: new Date() } });
    await runDueJobs(getDb(), [snapshotJob], () => new Date("2026-06-20T00:10:00Z"), quiet);
    expect(await days(live)).toEqual(["2026-06-20"]);
    expect(await days(archived)).toEqual([]);
  });
});

describe("snapshot backfill", () => {
  it("records the days the runner missed, once, and leaves stored days alone", async () => {
    const ctx = await orgIn("Europe/Paris");
    const engagement = await engagementCreated(ctx, "2026-06-01T08:00:00Z");
    const jobs = [snapshotJob, backfillJob];
    const tick = (iso: string) => runDueJobs(getDb(), jobs, () => new Date(iso), quiet);
    await tick("2026-06-01T09:00:00Z");
    await tick("2026-06-02T09:00:00Z");
    const stored = await getDb().readinessSnapshot.findFirstOrThrow({
      where: { engagementId: engagement, day: "2026-06-02" },
    });
    // The runner is down from the 3rd to the 6th; it comes back at 00:30 on the 7th in Paris.
    await tick("2026-06-06T22:30:00Z");
    await tick("2026-06-06T23:30:00Z");
    expect(await days(engagement)).toEqual([
      "2026-06-01",
      "2026-06-02",
      "2026-06-03",
      "2026-06-04",
      "2026-06-05",
      "2026-06-06",
      "2026-06-07",
    ]);
    const again = await getDb().readinessSnapshot.findFirstOrThrow({
      where: { engagementId: engagement, day: "2026-06-02" },
    });
    expect(again.id).toBe(stored.id);
    expect(again.createdAt).toEqual(stored.createdAt);
    expect((await runsOf(ctx.orgId, "snapshot-backfill")).map((run) => run.runKey)).toEqual([
      `backfill:${ctx.orgId}:2026-06-01`,
      `backfill:${ctx.orgId}:2026-06-02`,
      `backfill:${ctx.orgId}:2026-06-07`,
    ]);
  });

  it(`looks back ${BACKFILL_DAYS} days at most, and never before the engagement existed`, async () => {
    const ctx = await orgIn("UTC");
    const old = await engagementCreated(ctx, "2026-01-01T00:00:00Z");
    const recent = await engagementCreated(ctx, "2026-06-08T12:00:00Z");
    await runDueJobs(getDb(), [backfillJob], () => new Date("2026-06-10T00:05:00Z"), quiet);
    const oldDays = await days(old);
    expect(oldDays).toHaveLength(BACKFILL_DAYS);
    expect(oldDays[0]).toBe("2026-04-11");
    expect(oldDays.at(-1)).toBe("2026-06-09");
    expect(await days(recent)).toEqual(["2026-06-08", "2026-06-09"]);
  });
});
