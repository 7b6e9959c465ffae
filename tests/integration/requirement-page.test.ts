import { describe, expect, it } from "vitest";
import { loadDashboard } from "@/lib/db/dashboard";
import { loadRequirementPage } from "@/lib/db/requirement-page";
import { engagementReadiness } from "@/lib/db/readiness";
import { makeAuditedOrg } from "./auditor-fixture";
import { entries, expectAppError, makeEngagement, makeOrg } from "./helpers";

// A requirement's page and the dashboard read the maintained readiness through one loader each:
// the status they show is the live computation's, the roles see what they may do, an auditor's
// visit is logged, and what is not theirs is not found.

const TODAY = "2026-03-01";

describe("loadRequirementPage", () => {
  it("shows the requirement with its live status, its controls and the controls to pick", async () => {
    const { team, engagementB, criterionB, controlB, controlBoth } = await makeAuditedOrg();
    const page = await loadRequirementPage(team, engagementB.id, criterionB, TODAY);
    const live = await engagementReadiness(team, engagementB.id, TODAY);
    const expected = live.requirements.find((requirement) => requirement.id === criterionB);
    expect(page.requirement.status).toBe(expected?.status);
    expect(page.requirement.code).toBe("CC6.1");
    expect(page.requirement.controls.map((control) => control.id).sort()).toEqual(
      [controlB.id, controlBoth.id].sort(),
    );
    expect(page.controls.length).toBe(3);
    expect(page.permissions).toEqual({
      library: true,
      mapControls: true,
      manageScope: true,
      request: false,
    });
  });

  it("gives a viewer no mapping or scope edits", async () => {
    const { viewer, engagementB, criterionB } = await makeAuditedOrg();
    const page = await loadRequirementPage(viewer.ctx, engagementB.id, criterionB, TODAY);
    expect(page.permissions.mapControls).toBe(false);
    expect(page.permissions.manageScope).toBe(false);
  });

  it("logs an auditor's visit, with no control library for them", async () => {
    const { team, auditor, engagementA, objectiveA } = await makeAuditedOrg();
    const page = await loadRequirementPage(auditor.ctx, engagementA.id, objectiveA.id, TODAY);
    expect(page.controls).toEqual([]);
    expect(page.permissions.library).toBe(false);
    expect((await entries(team.orgId)).at(-1)).toMatchObject({
      action: "auditor.viewed",
      actorId: auditor.user.userId,
      entityType: "requirement",
      entityId: objectiveA.id,
      after: {
        label: `${engagementA.name}: OA-1 Payroll is processed accurately`,
        engagementId: engagementA.id,
      },
    });
  });

  it("is not found for a requirement outside the engagement, another organisation's, or one an auditor was not given", async () => {
    const { team, auditor, engagementA, engagementB, criterionB } = await makeAuditedOrg();
    await expectAppError(loadRequirementPage(team, engagementA.id, criterionB, TODAY), "NOT_FOUND");
    const theirs = await makeEngagement(await makeOrg());
    await expectAppError(loadRequirementPage(team, theirs.id, criterionB, TODAY), "NOT_FOUND");
    await expectAppError(
      loadRequirementPage(auditor.ctx, engagementB.id, criterionB, TODAY),
      "NOT_FOUND",
    );
  });
});

describe("loadDashboard", () => {
  it("carries the description's completeness and logs an auditor's visit", async () => {
    const { team, auditor, engagementA } = await makeAuditedOrg();
    const owner = await loadDashboard(team, engagementA.id, TODAY, {});
    expect(owner.description.text).toMatch(/^0 of \d+ sections approved$/);
    expect((await entries(team.orgId)).at(-1)?.action).not.toBe("auditor.viewed");
    await loadDashboard(auditor.ctx, engagementA.id, TODAY, {});
    expect((await entries(team.orgId)).at(-1)).toMatchObject({
      action: "auditor.viewed",
      entityType: "engagement",
      entityId: engagementA.id,
      after: { label: `${engagementA.name}: dashboard`, engagementId: engagementA.id },
    });
  });
});
