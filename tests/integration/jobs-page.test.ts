import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { loadJobsPage } from "@/lib/db/jobs-page";
import { makeAuditor } from "./auditor-fixture";
import { addMember, expectAppError, makeEngagement, makeOrg } from "./helpers";

// The scheduled jobs page's one loader: each job's runs with their times written in the
// organisation's time zone; for owners and admins only.

const at = (iso: string) => new Date(iso);

describe("loadJobsPage", () => {
  it("writes the runs' times in the organisation's time zone", async () => {
    const ctx = await makeOrg();
    await getDb().organization.update({
      where: { id: ctx.orgId },
      data: { timeZone: "Europe/Paris" },
    });
    await getDb().jobRun.create({
      data: {
        job: "digest",
        runKey: `digest:${ctx.orgId}:2026-06-01`,
        organizationId: ctx.orgId,
        status: "failed",
        attempts: 4,
        leaseUntil: at("2026-06-01T05:10:00Z"),
        startedAt: at("2026-06-01T05:00:00Z"),
        finishedAt: at("2026-06-01T05:00:01Z"),
        error: "The mail server did not accept the digest.",
      },
    });
    const admin = await addMember(ctx, "admin");

    const { jobs } = await loadJobsPage(admin.ctx, at("2026-06-01T10:00:00Z"));

    const digest = jobs.find((job) => job.name === "digest");
    const failed = {
      runKey: `digest:${ctx.orgId}:2026-06-01`,
      status: "failed",
      attempts: 4,
      startedAt: "1 Jun 2026, 07:00 (Europe/Paris)",
      finishedAt: "1 Jun 2026, 07:00 (Europe/Paris)",
      error: "The mail server did not accept the digest.",
    };
    expect(digest).toMatchObject({
      nextRunAt: "2 Jun 2026, 07:00 (Europe/Paris)",
      lastRun: failed,
      failures: [failed],
    });
    expect(jobs.find((job) => job.name === "snapshot-backfill")?.lastRun).toBeNull();
  });

  it("is not found for an editor, a viewer and an outside auditor", async () => {
    const ctx = await makeOrg();
    const editor = await addMember(ctx, "editor");
    const viewer = await addMember(ctx, "viewer");
    const auditor = await makeAuditor(ctx, [(await makeEngagement(ctx)).id]);
    for (const member of [editor.ctx, viewer.ctx, auditor.ctx]) {
      await expectAppError(loadJobsPage(member, new Date()), "NOT_FOUND");
    }
  });
});
