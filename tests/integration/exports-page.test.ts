import { describe, expect, it } from "vitest";
import { markExportSent, startExport } from "@/lib/db/exports";
import { loadExportsPage } from "@/lib/db/exports-page";
import { runExport } from "@/lib/exports/run-export";
import { makeAuditor } from "./auditor-fixture";
import { actions, addMember, entries, expectAppError, makeEngagement, makeOrg } from "./helpers";

// An engagement's exports page, one loader: the runs with what the viewer may do with each, and
// what changed since the export the auditor last received; an auditor's visit is logged.

describe("loadExportsPage", () => {
  it("lets an owner mark a finished export as sent, and then shows what changed since", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const { id: runId } = await startExport(ctx, engagement.id, "json");
    await runExport(ctx, runId);

    const before = await loadExportsPage(ctx, engagement.id, new Date());
    expect(before.engagement).toEqual({ id: engagement.id, name: engagement.name });
    expect(before.permissions).toEqual({ markSent: true });
    expect(before.running).toBe(false);
    expect(before.runs).toMatchObject([{ id: runId, state: "done", canMarkSent: true }]);
    expect(before.sinceLastSent).toBeNull();

    await markExportSent(ctx, runId);
    const after = await loadExportsPage(ctx, engagement.id, new Date());
    expect(after.runs).toMatchObject([{ id: runId, canMarkSent: false }]);
    expect(after.sinceLastSent).toMatchObject({
      evidence: { added: [], removed: [] },
      diff: { requirements: [], controls: [] },
    });
    expect(after.sinceLastSent?.percentNow).toBe(after.sinceLastSent?.percentThen);
  });

  it("shows a viewer the runs without the mark-as-sent action", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const { id: runId } = await startExport(ctx, engagement.id, "json");
    await runExport(ctx, runId);
    const viewer = await addMember(ctx, "viewer");

    const page = await loadExportsPage(viewer.ctx, engagement.id, new Date());

    expect(page.permissions).toEqual({ markSent: false });
    expect(page.runs).toMatchObject([{ id: runId, state: "done", canMarkSent: false }]);
  });

  it("is not found for another organisation's engagement, or one outside an auditor's access", async () => {
    const ctx = await makeOrg();
    const theirs = await makeEngagement(await makeOrg());
    await expectAppError(loadExportsPage(ctx, theirs.id, new Date()), "NOT_FOUND");

    const given = await makeEngagement(ctx);
    const withheld = await makeEngagement(ctx);
    const auditor = await makeAuditor(ctx, [given.id]);
    await expect(loadExportsPage(auditor.ctx, given.id, new Date())).resolves.toMatchObject({
      permissions: { markSent: false },
    });
    await expectAppError(loadExportsPage(auditor.ctx, withheld.id, new Date()), "NOT_FOUND");
  });

  it("logs an auditor's visit once, and nothing for the team", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const auditor = await makeAuditor(ctx, [engagement.id]);
    const logged = await actions(ctx.orgId);

    await loadExportsPage(ctx, engagement.id, new Date());
    expect(await actions(ctx.orgId)).toEqual(logged);

    await loadExportsPage(auditor.ctx, engagement.id, new Date());
    await loadExportsPage(auditor.ctx, engagement.id, new Date());
    const after = await entries(ctx.orgId);
    expect(after.slice(logged.length)).toMatchObject([
      {
        action: "auditor.viewed",
        actorId: auditor.user.userId,
        entityType: "engagement",
        entityId: engagement.id,
        after: { label: `${engagement.name}: exports`, engagementId: engagement.id },
      },
    ]);
  });
});
