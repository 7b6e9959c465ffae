import { describe, expect, it } from "vitest";
import { setObjectiveRetired } from "@/lib/db/objectives";
import { loadObjectivePage, loadObjectivesPage } from "@/lib/db/objectives-page";
import { SOC1_STARTER_OBJECTIVES } from "@/lib/domain/catalog";
import { makeAuditor } from "./auditor-fixture";
import { addMember, expectAppError, makeEngagement, makeObjective, makeOrg } from "./helpers";

// The objectives pages' loaders: the list (retired ones too) and one objective, per role.

describe("loadObjectivesPage", () => {
  it("gives an editor the objectives, retired ones included, and the starter objectives left", async () => {
    const ctx = await makeOrg();
    const [starter] = SOC1_STARTER_OBJECTIVES;
    if (!starter) throw new Error("no starter objectives");
    const adopted = await makeObjective(ctx, { ref: starter.ref, area: starter.area });
    const retired = await makeObjective(ctx, { ref: "OWN-1" });
    await setObjectiveRetired(ctx, retired.id, true, 0);
    await makeObjective(await makeOrg(), { ref: "THEIRS-1" });

    const page = await loadObjectivesPage(ctx);

    expect(page.permissions).toEqual({ manage: true });
    expect(page.objectives.map((objective) => [objective.ref, objective.retired])).toEqual([
      [adopted.ref, false],
      ["OWN-1", true],
    ]);
    expect(page.objectives[0]?.areaLabel).not.toBe("");
    expect(page.missingStarter).toHaveLength(SOC1_STARTER_OBJECTIVES.length - 1);
    expect(page.missingStarter.map(({ ref }) => ref)).not.toContain(starter.ref);
  });

  it("gives a viewer the list to read, with no starter objectives to adopt", async () => {
    const ctx = await makeOrg();
    await makeObjective(ctx);
    const viewer = await addMember(ctx, "viewer");
    const page = await loadObjectivesPage(viewer.ctx);
    expect(page.permissions).toEqual({ manage: false });
    expect(page.objectives).toHaveLength(1);
    expect(page.missingStarter).toEqual([]);
  });

  it("is not found for an outside auditor", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const auditor = await makeAuditor(ctx, [engagement.id]);
    await expectAppError(loadObjectivesPage(auditor.ctx), "NOT_FOUND");
  });
});

describe("loadObjectivePage", () => {
  it("gives the objective to an editor to edit and to a viewer to read", async () => {
    const ctx = await makeOrg();
    const objective = await makeObjective(ctx);
    const viewer = await addMember(ctx, "viewer");

    const owner = await loadObjectivePage(ctx, objective.id);
    expect(owner.objective).toMatchObject({ id: objective.id, ref: objective.ref, version: 0 });
    expect(owner.permissions).toEqual({ manage: true });
    const reader = await loadObjectivePage(viewer.ctx, objective.id);
    expect(reader.objective.id).toBe(objective.id);
    expect(reader.permissions).toEqual({ manage: false });
  });

  it("is not found for another organisation's objective, or an unknown id", async () => {
    const ctx = await makeOrg();
    const theirs = await makeObjective(await makeOrg());
    await expectAppError(loadObjectivePage(ctx, theirs.id), "NOT_FOUND");
    await expectAppError(loadObjectivePage(ctx, "c000000000000000000000000"), "NOT_FOUND");
  });
});
