import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { loadControlPage } from "@/lib/db/control-page";
import { loadDashboard } from "@/lib/db/dashboard";
import { addNoteEvidence } from "@/lib/db/evidence";
import { setControlMappings } from "@/lib/db/mappings";
import { loadMyWork } from "@/lib/db/my-work";
import { orgReadiness } from "@/lib/db/org-readiness";
import { loadOverview } from "@/lib/db/overview";
import {
  addMember,
  criterion,
  expectAppError,
  makeControl,
  makeEngagement,
  makeObjective,
  makeOrg,
  noteEvidenceInput,
} from "./helpers";

// The work queue's loaders on a real database: the dashboard, My work, the overview and the
// per-control view (orgReadiness), with their tenant and role boundaries.

const TODAY = "2026-05-15";
const described = "Reviewed by the system owner, evidence kept in the ticket.";

async function ownedControl(
  ctx: OrgContext,
  ref: string,
  ownerId: string,
  frequency = "quarterly",
) {
  return makeControl(ctx, {
    ref,
    status: "implemented",
    ownerId,
    description: described,
    frequency: frequency as "quarterly",
  });
}

const designNote = (ctx: OrgContext, controlId: string, effectiveDate = "2026-01-10") =>
  addNoteEvidence(
    ctx,
    noteEvidenceInput([controlId], { purpose: "design", title: "Procedure", effectiveDate }),
  );

describe("the dashboard's queue on the issue's case", () => {
  it("ISAE 3402 Type I, 21 of 22 requirements in progress: lists the design blockers, never 'nothing outstanding'", async () => {
    const ctx = await makeOrg();
    const objectives = [];
    for (let i = 1; i <= 22; i += 1) objectives.push(await makeObjective(ctx, { ref: `OBJ-${i}` }));
    const engagement = await makeEngagement(ctx, {
      family: "ISAE3402",
      type: "TYPE_I",
      periodStart: undefined,
      periodEnd: undefined,
      asOfDate: "2026-06-30",
      objectiveIds: objectives.map((o) => o.id),
    });
    for (const [index, objective] of objectives.entries()) {
      const control = await ownedControl(ctx, `CTL-${index + 1}`, ctx.userId);
      await setControlMappings(ctx, control.id, [], [objective.id]);
      // Only the first control has design evidence: the other 21 hold their objective back.
      if (index === 0) await designNote(ctx, control.id, "2026-05-01");
    }
    const view = await loadDashboard(ctx, engagement.id, TODAY, {});
    expect(view.counts.in_progress).toBe(21);
    expect(view.total).toBe(21);
    expect(view.work.every((item) => item.kind === "design")).toBe(true);
    expect(view.work[0]).toMatchObject({ kind: "design", reasons: ["no_design_evidence"] });
    const named = new Set(view.work.flatMap((item) => item.requirementIds));
    expect(named.size).toBe(21);
    expect(named.has(objectives[0]!.id)).toBe(false);
  });

  it("filters by owner and kind, and offers the owners in the queue", async () => {
    const ctx = await makeOrg();
    const editor = await addMember(ctx, "editor");
    const engagement = await makeEngagement(ctx);
    const mine = await ownedControl(ctx, "AC-01", ctx.userId);
    const theirs = await ownedControl(ctx, "AC-02", editor.user.userId);
    const nobody = await makeControl(ctx, {
      ref: "AC-03",
      status: "implemented",
      description: described,
    });
    for (const control of [mine, theirs, nobody])
      await setControlMappings(ctx, control.id, [criterion("CC6.1")], []);
    const all = await loadDashboard(ctx, engagement.id, TODAY, {});
    expect(all.owners.map((owner) => owner.id).sort()).toEqual(
      [ctx.userId, editor.user.userId].sort(),
    );
    const byEditor = await loadDashboard(ctx, engagement.id, TODAY, { owner: editor.user.userId });
    expect(
      new Set(byEditor.work.map((item) => (item.kind === "unmapped" ? "" : item.ref))),
    ).toEqual(new Set(["AC-02"]));
    const unowned = await loadDashboard(ctx, engagement.id, TODAY, {
      owner: "none",
      kind: "design",
    });
    expect(unowned.work.map((item) => item.key)).toEqual([`design:${nobody.id}`]);
    expect(unowned.total).toBe(all.total);
  });

  it("answers not found for another organisation's engagement, and shows a viewer the queue", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const other = await makeOrg();
    await expectAppError(loadDashboard(other, engagement.id, TODAY, {}), "NOT_FOUND");
    const viewer = await addMember(ctx, "viewer");
    const view = await loadDashboard(viewer.ctx, engagement.id, TODAY, {});
    expect(view.total).toBeGreaterThan(0);
  });
});

describe("loadMyWork", () => {
  it("lists the owner's missing occurrence and open request, not other people's work", async () => {
    const ctx = await makeOrg();
    const editor = await addMember(ctx, "editor");
    const engagement = await makeEngagement(ctx);
    const mine = await ownedControl(ctx, "AC-10", editor.user.userId);
    const theirs = await ownedControl(ctx, "AC-11", ctx.userId);
    for (const control of [mine, theirs]) {
      await setControlMappings(ctx, control.id, [criterion("CC6.2")], []);
      await designNote(ctx, control.id);
    }
    await getDb().auditorRequest.create({
      data: {
        organizationId: ctx.orgId,
        engagementId: engagement.id,
        controlId: mine.id,
        body: "Please provide the Q1 access review.",
        status: "open",
        createdById: ctx.userId,
      },
    });
    const work = await loadMyWork(editor.ctx, TODAY);
    expect(work.ownedControls).toBe(1);
    expect(work.missing).toEqual([
      expect.objectContaining({
        kind: "missing",
        ref: "AC-10",
        oldest: expect.objectContaining({ key: "2026-Q1" }),
        engagement: { id: engagement.id, name: engagement.name },
      }),
    ]);
    expect(work.requests.map((request) => request.control.ref)).toEqual(["AC-10"]);
    expect(work.counts).toMatchObject({ missing: 1, requests: 1 });
    expect(work.canAddEvidence).toBe(true);
    const viewer = await addMember(ctx, "viewer");
    const viewerWork = await loadMyWork(viewer.ctx, TODAY);
    expect(viewerWork).toMatchObject({ ownedControls: 0, canAddEvidence: false });
    expect(viewerWork.counts.total).toBe(0);
  });

  it("sees nothing of another organisation", async () => {
    const ctx = await makeOrg();
    await makeEngagement(ctx);
    const control = await ownedControl(ctx, "AC-20", ctx.userId);
    await setControlMappings(ctx, control.id, [criterion("CC6.1")], []);
    const other = await makeOrg();
    const work = await loadMyWork({ ...other, userId: ctx.userId }, TODAY);
    expect(work.ownedControls).toBe(0);
    expect(work.counts.total).toBe(0);
  });
});

describe("orgReadiness for one control and loadOverview", () => {
  it("judges one control in each engagement that includes it", async () => {
    const ctx = await makeOrg();
    const soc2 = await makeEngagement(ctx, { name: "SOC 2" });
    const objective = await makeObjective(ctx);
    const isae = await makeEngagement(ctx, {
      name: "ISAE",
      family: "ISAE3402",
      objectiveIds: [objective.id],
    });
    const elsewhere = await makeObjective(ctx);
    await makeEngagement(ctx, { name: "Unrelated", family: "SOC1", objectiveIds: [elsewhere.id] });
    const control = await ownedControl(ctx, "AC-30", ctx.userId);
    await setControlMappings(ctx, control.id, [criterion("CC6.1")], [objective.id]);
    const { runs } = await orgReadiness(ctx, TODAY, { kind: "control", controlId: control.id });
    const including = runs.filter((run) =>
      run.readiness.controls.some((c) => c.controlId === control.id),
    );
    expect(including.map((run) => run.engagement.id).sort()).toEqual([soc2.id, isae.id].sort());
  });

  it("lists the engagements with readiness, days left and their trend; refuses auditors' contexts", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx, { name: "SOC 2 2026" });
    await getDb().readinessSnapshot.createMany({
      data: ["2026-05-13", "2026-05-14"].map((day, index) => ({
        organizationId: ctx.orgId,
        engagementId: engagement.id,
        day,
        readinessPercent: 10 + index,
        ready: 1,
        inProgress: 0,
        unmapped: 0,
        notApplicable: 0,
        total: 1,
      })),
    });
    const overview = await loadOverview(ctx, TODAY);
    expect(overview.members).toBe(1);
    expect(overview.engagements).toEqual([
      expect.objectContaining({
        id: engagement.id,
        type: "TYPE_II",
        readinessPercent: 0,
        daysLeft: 230,
        trend: [
          { day: "2026-05-13", readinessPercent: 10 },
          { day: "2026-05-14", readinessPercent: 11 },
        ],
      }),
    ]);
    const other = await makeOrg();
    expect((await loadOverview(other, TODAY)).engagements).toEqual([]);
    await expectAppError(
      loadOverview({ ...ctx, role: "auditor", engagementIds: [engagement.id] }, TODAY),
      "FORBIDDEN",
    );
  });
});

describe("loadControlPage", () => {
  it("shows the control's standing per engagement, answers not found elsewhere, and tells a viewer it cannot act", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const control = await ownedControl(ctx, "AC-40", ctx.userId);
    await setControlMappings(ctx, control.id, [criterion("CC6.1")], []);
    await designNote(ctx, control.id);
    const page = await loadControlPage(ctx, control.id, TODAY, {
      slot: "2026-Q1",
      purpose: "operating",
    });
    expect(page.standings).toEqual([
      expect.objectContaining({
        engagement: expect.objectContaining({ id: engagement.id }),
        ready: false,
        designReady: true,
        operating: expect.objectContaining({ due: 1, covered: 0, coverage: 0 }),
      }),
    ]);
    expect(page.standings[0]?.operating?.missing.map((slot) => slot.key)).toEqual(["2026-Q1"]);
    expect(page.standings[0]?.operating?.open.map((slot) => slot.key)).toEqual(["2026-Q2"]);
    expect(page.occurrences[0]).toMatchObject({ key: "2026-Q1", state: "missing" });
    expect(page.permissions.editEvidence).toBe(true);
    const viewer = await addMember(ctx, "viewer");
    const seen = await loadControlPage(viewer.ctx, control.id, TODAY, {});
    expect(seen.permissions).toMatchObject({ editEvidence: false, editControl: false });
    expect(seen.standings).toHaveLength(1);
    await expectAppError(loadControlPage(await makeOrg(), control.id, TODAY, {}), "NOT_FOUND");
  });
});
