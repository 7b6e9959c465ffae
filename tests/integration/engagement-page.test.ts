import { describe, expect, it } from "vitest";
import { loadControlReadinessPage } from "@/lib/db/control-readiness-page";
import { loadEngagementPage } from "@/lib/db/engagement-page";
import { loadMatrixPage } from "@/lib/db/matrix-page";
import { getDb } from "@/lib/db/client";
import { maintainReadiness } from "@/lib/db/maintained-readiness";
import { engagementReadiness } from "@/lib/db/readiness";
import { engagementSummary } from "@/lib/db/readiness-summary";
import { todayIn } from "@/lib/domain/time-zone";
import { addNoteEvidence } from "@/lib/db/evidence";
import { makeAuditedOrg } from "./auditor-fixture";
import { entries, expectAppError, makeEngagement, makeOrg, noteEvidenceInput } from "./helpers";

// The loaders of an engagement's pages. The overview: the engagement's readiness, the
// requirements the status filter keeps, the contract's warnings and the links each role may
// follow. The control readiness page: the in-scope controls the filter keeps. The matrix:
// requirements by mapped controls. For each, an auditor's visit goes to the access log and
// another organisation's engagement is not found.

const TODAY = "2026-03-01";

describe("loadEngagementPage", () => {
  it("gives an owner every requirement, or those of one status, and every link", async () => {
    const { team, engagementB } = await makeAuditedOrg();

    const all = await loadEngagementPage(team, engagementB.id, TODAY, undefined);
    expect(all.orgSlug).toBe(team.orgSlug);
    expect(all.engagement.id).toBe(engagementB.id);
    expect(all.permissions).toEqual({ exports: true, paperwork: true, editScope: true });
    expect(all.filter).toBeUndefined();
    expect(all.requirements).toHaveLength(all.counts.total);
    expect(all.anyRequirement).toBe(true);
    expect(all.warnings).toEqual([]);
    expect(all.readiness.controlCounts.total).toBe(2);

    const unmapped = await loadEngagementPage(team, engagementB.id, TODAY, "unmapped");
    expect(unmapped.filter).toBe("unmapped");
    expect(unmapped.requirements.length).toBe(all.counts.unmapped);
    expect(unmapped.requirements.every((r) => r.status === "unmapped")).toBe(true);
    expect(unmapped.requirements.map((r) => r.code)).not.toContain("CC6.1");
    expect(unmapped.counts).toEqual(all.counts);
  });

  it("reads the maintained readiness: every requirement's status and reasons are the live computation's", async () => {
    const { team, engagementA, engagementB, controlA, controlBoth } = await makeAuditedOrg();
    await addNoteEvidence(team, noteEvidenceInput([controlA.id], { purpose: "design" }));
    await addNoteEvidence(team, noteEvidenceInput([controlBoth.id]));
    // The day the writes maintained the rows for (a page asked about another day computes live).
    const today = todayIn("UTC", new Date());
    await getDb().$transaction((tx) => maintainReadiness(tx, team.orgId, { rollForward: true }));
    for (const engagement of [engagementA, engagementB]) {
      expect((await engagementSummary(team, engagement.id, today)).source).toBe("maintained");
      const page = await loadEngagementPage(team, engagement.id, today, undefined);
      const live = await engagementReadiness(team, engagement.id, today);
      const shown = (requirements: { id: string; status: string; reasons: string[] }[]) =>
        requirements.map(({ id, status, reasons }) => ({ id, status, reasons }));
      expect(shown(page.requirements)).toEqual(shown(live.requirements));
      expect(page.counts).toEqual(live.counts);
      expect(page.readiness.controlCounts).toEqual(live.readiness.controlCounts);
    }
  });

  it("warns about a short period and says when nothing is in scope", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx, {
      family: "SOC1",
      periodStart: "2026-01-01",
      periodEnd: "2026-02-01",
    });
    const page = await loadEngagementPage(ctx, engagement.id, TODAY, undefined);
    expect(page.anyRequirement).toBe(false);
    expect(page.requirements).toEqual([]);
    expect(page.warnings.map((warning) => warning.code)).toEqual(["period_short"]);
  });

  it("hides scope editing from a viewer, and paperwork from an auditor, whose visit is logged", async () => {
    const { team, viewer, auditor, engagementA } = await makeAuditedOrg();

    const read = await loadEngagementPage(viewer.ctx, engagementA.id, TODAY, undefined);
    expect(read.permissions).toEqual({ exports: true, paperwork: true, editScope: false });
    expect((await entries(team.orgId)).at(-1)?.action).not.toBe("auditor.viewed");

    const audited = await loadEngagementPage(auditor.ctx, engagementA.id, TODAY, undefined);
    expect(audited.permissions).toEqual({ exports: true, paperwork: false, editScope: false });
    expect((await entries(team.orgId)).at(-1)).toMatchObject({
      action: "auditor.viewed",
      actorId: auditor.user.userId,
      entityType: "engagement",
      entityId: engagementA.id,
      after: { label: `${engagementA.name}: requirements`, engagementId: engagementA.id },
    });
  });

  it("is not found for another organisation's engagement or one an auditor was not given", async () => {
    const { team, auditor, engagementB } = await makeAuditedOrg();
    const theirs = await makeEngagement(await makeOrg());
    await expectAppError(loadEngagementPage(team, theirs.id, TODAY, undefined), "NOT_FOUND");
    await expectAppError(
      loadEngagementPage(auditor.ctx, engagementB.id, TODAY, undefined),
      "NOT_FOUND",
    );
  });
});

describe("loadControlReadinessPage", () => {
  it("gives each in-scope control with its title and strip, and keeps those the filter asks for", async () => {
    const { team, engagementB, controlB, controlBoth } = await makeAuditedOrg();

    const all = await loadControlReadinessPage(team, engagementB.id, TODAY, {});
    expect(all.orgSlug).toBe(team.orgSlug);
    expect(all.engagement).toEqual({ id: engagementB.id, name: engagementB.name });
    expect(all.typeII).toBe(true);
    expect(all.inScope).toBe(2);
    expect(all.filtered).toBe(false);
    expect(all.controlCounts).toMatchObject({ ready: 0, total: 2 });
    const byRef = new Map(all.controls.map((control) => [control.ref, control]));
    expect(byRef.get(controlB.ref)?.title).toBe("Firewall review");
    expect(byRef.get(controlBoth.ref)?.title).toBe("Access review");
    expect(byRef.get(controlBoth.ref)?.cells.length).toBeGreaterThan(0);

    const access = await loadControlReadinessPage(team, engagementB.id, TODAY, {
      control: "access",
    });
    expect(access.filtered).toBe(true);
    expect(access.inScope).toBe(2);
    expect(access.controls.map((control) => control.ref)).toEqual([controlBoth.ref]);
    const ready = await loadControlReadinessPage(team, engagementB.id, TODAY, { state: "ready" });
    expect(ready.controls).toEqual([]);
  });

  it("logs an auditor's visit; another organisation's engagement or one not given is not found", async () => {
    const { team, auditor, engagementA, engagementB } = await makeAuditedOrg();
    const page = await loadControlReadinessPage(auditor.ctx, engagementA.id, TODAY, {});
    expect(page.inScope).toBe(2);
    expect((await entries(team.orgId)).at(-1)).toMatchObject({
      action: "auditor.viewed",
      actorId: auditor.user.userId,
      entityId: engagementA.id,
      after: { label: `${engagementA.name}: control readiness`, engagementId: engagementA.id },
    });
    const theirs = await makeEngagement(await makeOrg());
    await expectAppError(loadControlReadinessPage(team, theirs.id, TODAY, {}), "NOT_FOUND");
    await expectAppError(
      loadControlReadinessPage(auditor.ctx, engagementB.id, TODAY, {}),
      "NOT_FOUND",
    );
  });
});

describe("loadMatrixPage", () => {
  it("gives every requirement with the controls that serve it, and each mapped control once", async () => {
    const { team, engagementB, controlB, controlBoth } = await makeAuditedOrg();
    const page = await loadMatrixPage(team, engagementB.id, TODAY);
    expect(page.orgSlug).toBe(team.orgSlug);
    expect(page.engagement).toEqual({ id: engagementB.id, name: engagementB.name });
    expect(page.columns.map((control) => control.ref)).toEqual([controlBoth.ref, controlB.ref]);
    const served = page.requirements.filter((row) => row.mapped.size > 0);
    expect(served.map((row) => [row.code, [...row.mapped].sort()])).toEqual([
      ["CC6.1", [controlB.id, controlBoth.id].sort()],
    ]);
    expect(page.requirements.length).toBeGreaterThan(served.length);
  });

  it("logs an auditor's visit; another organisation's engagement or one not given is not found", async () => {
    const { team, auditor, engagementA, engagementB } = await makeAuditedOrg();
    const page = await loadMatrixPage(auditor.ctx, engagementA.id, TODAY);
    expect(page.columns).toHaveLength(2);
    expect((await entries(team.orgId)).at(-1)).toMatchObject({
      action: "auditor.viewed",
      actorId: auditor.user.userId,
      entityId: engagementA.id,
      after: { label: `${engagementA.name}: matrix`, engagementId: engagementA.id },
    });
    const theirs = await makeEngagement(await makeOrg());
    await expectAppError(loadMatrixPage(team, theirs.id, TODAY), "NOT_FOUND");
    await expectAppError(loadMatrixPage(auditor.ctx, engagementB.id, TODAY), "NOT_FOUND");
  });
});
