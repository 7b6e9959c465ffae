import { describe, expect, it } from "vitest";
import { issueCalendarToken } from "@/lib/db/calendar-feed";
import { getDb } from "@/lib/db/client";
import { jobOverview } from "@/lib/db/job-runs";
import { getReminderSettings, setDigestFrequency } from "@/lib/db/reminders";
import { JOB_CATALOG } from "@/lib/domain/job-catalog";
import { JOBS } from "@/lib/jobs/jobs";
import { makeAuditor } from "./auditor-fixture";
import { addMember, expectAppError, makeEngagement, makeOrg } from "./helpers";

// The member's own reminder settings (a versioned edit) and the jobs page's data (owners and
// admins, this organisation's runs only).

describe("reminder settings", () => {
  it("starts weekly and changes only from the version the page showed", async () => {
    const ctx = await makeOrg();
    const viewer = await addMember(ctx, "viewer");
    const start = await getReminderSettings(viewer.ctx);
    expect(start.digestFrequency).toBe("weekly");
    await setDigestFrequency(viewer.ctx, "daily", start.version);
    expect(await getReminderSettings(viewer.ctx)).toEqual({
      digestFrequency: "daily",
      version: start.version + 1,
    });
    await expectAppError(setDigestFrequency(viewer.ctx, "off", start.version), "CONFLICT");
    expect((await getReminderSettings(viewer.ctx)).digestFrequency).toBe("daily");
    // The owner's own setting is untouched.
    expect((await getReminderSettings(ctx)).digestFrequency).toBe("weekly");
  });

  it("answers not found to someone who is not a member", async () => {
    const ctx = await makeOrg();
    const stranger = await makeOrg();
    await expectAppError(
      getReminderSettings({ ...stranger, orgId: ctx.orgId, orgSlug: ctx.orgSlug }),
      "NOT_FOUND",
    );
    await expectAppError(
      setDigestFrequency({ ...stranger, orgId: ctx.orgId, orgSlug: ctx.orgSlug }, "off", 0),
      "NOT_FOUND",
    );
  });

  it("gives outside auditors no calendar feed", async () => {
    const team = await makeOrg();
    const engagement = await makeEngagement(team);
    const auditor = await makeAuditor(team, [engagement.id]);
    await expectAppError(issueCalendarToken(auditor.ctx), "FORBIDDEN");
  });
});

describe("jobs page data", () => {
  it("lists every scheduled job, in the runner's order", () => {
    expect(JOBS.map((job) => job.name)).toEqual(JOB_CATALOG.map((job) => job.name));
  });

  it("shows owners and admins this organisation's last runs, failures and next runs", async () => {
    const ctx = await makeOrg();
    const other = await makeOrg();
    await getDb().organization.update({
      where: { id: ctx.orgId },
      data: { timeZone: "Europe/Paris" },
    });
    const at = (iso: string) => new Date(iso);
    await getDb().jobRun.createMany({
      data: [
        {
          job: "readiness-snapshot",
          runKey: `snapshot:${ctx.orgId}:2026-06-01`,
          organizationId: ctx.orgId,
          status: "succeeded",
          leaseUntil: at("2026-05-31T22:15:00Z"),
          startedAt: at("2026-05-31T22:00:10Z"),
          finishedAt: at("2026-05-31T22:00:12Z"),
        },
        {
          job: "digest",
          runKey: `digest:m1:2026-06-01`,
          organizationId: ctx.orgId,
          status: "failed",
          attempts: 4,
          leaseUntil: at("2026-06-01T05:10:00Z"),
          startedAt: at("2026-06-01T05:00:00Z"),
          finishedAt: at("2026-06-01T05:00:01Z"),
          error: "The mail server did not accept the digest for a@example.test.",
        },
        {
          job: "digest",
          runKey: `digest:m2:2026-06-01`,
          organizationId: other.orgId,
          status: "failed",
          leaseUntil: at("2026-06-01T05:10:00Z"),
          startedAt: at("2026-06-01T05:00:00Z"),
          error: "Their failure.",
        },
      ],
    });
    const admin = await addMember(ctx, "admin");
    const overview = await jobOverview(admin.ctx, at("2026-06-01T10:00:00Z"));
    const byName = new Map(overview.map((job) => [job.name, job]));
    expect(byName.get("readiness-snapshot")?.lastRun?.status).toBe("succeeded");
    // Next midnight in Paris (UTC+2 in June).
    expect(byName.get("readiness-snapshot")?.nextRunAt).toEqual(at("2026-06-01T22:00:00Z"));
    expect(byName.get("digest")?.nextRunAt).toEqual(at("2026-06-02T05:00:00Z"));
    expect(byName.get("digest")?.failures.map((run) => run.error)).toEqual([
      "The mail server did not accept the digest for a@example.test.",
    ]);
    expect(byName.get("orphan-files")?.nextRunAt).toEqual(at("2026-06-02T03:00:00Z"));
    expect(byName.get("snapshot-backfill")?.lastRun).toBeNull();
  });

  it("is refused to editors and viewers", async () => {
    const ctx = await makeOrg();
    for (const role of ["editor", "viewer"] as const) {
      const member = await addMember(ctx, role);
      await expectAppError(jobOverview(member.ctx), "FORBIDDEN");
    }
  });
});
