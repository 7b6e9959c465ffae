import { describe, expect, it } from "vitest";
import type { OrgContext } from "@/lib/db/context";
import { getControl } from "@/lib/db/controls";
import { engagementRequirements } from "@/lib/db/engagement-requirements";
import {
  countControlsByCriterion,
  setControlMappings,
  setRequirementControls,
} from "@/lib/db/mappings";
import { listObjectives } from "@/lib/db/objectives";
import {
  actions,
  addMember,
  criterion,
  entries,
  expectAppError,
  expectIntactLog,
  makeControl,
  makeEngagement,
  makeObjective,
  makeOrg,
} from "./helpers";

const mappedTo = async (ctx: OrgContext, controlId: string) => {
  const { criterionIds, objectiveIds } = await getControl(ctx, controlId);
  return { criterionIds: [...criterionIds].sort(), objectiveIds: [...objectiveIds].sort() };
};

/** The refs of the controls an engagement shows against one requirement. */
async function controlsShownFor(
  ctx: OrgContext,
  engagementId: string,
  requirementId: string,
): Promise<string[]> {
  const { requirements } = await engagementRequirements(ctx, engagementId);
  return (
    requirements
      .find((requirement) => requirement.id === requirementId)
      ?.controls.map((control) => control.ref) ?? []
  );
}

describe("setControlMappings", () => {
  it("adds and removes the criteria and objectives a control maps to, logging each change", async () => {
    const ctx = await makeOrg();
    const control = await makeControl(ctx);
    const objective = await makeObjective(ctx);
    const [cc61, cc62, cc63] = [criterion("CC6.1"), criterion("CC6.2"), criterion("CC6.3")];

    await setControlMappings(ctx, control.id, [cc61, cc62, cc61], [objective.id]);
    expect(await mappedTo(ctx, control.id)).toEqual({
      criterionIds: [cc61, cc62],
      objectiveIds: [objective.id],
    });
    expect((await getControl(ctx, control.id)).mappingCount).toBe(3);

    await setControlMappings(ctx, control.id, [cc62, cc63], []);
    expect(await mappedTo(ctx, control.id)).toEqual({
      criterionIds: [cc62, cc63],
      objectiveIds: [],
    });

    expect((await entries(ctx.orgId)).slice(-2)).toMatchObject([
      {
        action: "control.mappings_changed",
        entityType: "control",
        entityId: control.id,
        before: { criterionIds: [], objectiveIds: [] },
        after: { criterionIds: [cc61, cc62], objectiveIds: [objective.id] },
      },
      {
        action: "control.mappings_changed",
        entityId: control.id,
        before: { criterionIds: [cc61, cc62], objectiveIds: [objective.id] },
        after: { criterionIds: [cc62, cc63], objectiveIds: [] },
      },
    ]);
    await expectIntactLog(ctx);
  });

  it("records nothing when the mappings are already as asked", async () => {
    const ctx = await makeOrg();
    const control = await makeControl(ctx);
    await setControlMappings(ctx, control.id, [criterion("CC6.1")], []);
    const count = (await entries(ctx.orgId)).length;

    await setControlMappings(ctx, control.id, [criterion("CC6.1")], []);

    expect((await entries(ctx.orgId)).length).toBe(count);
  });

  it("shows a control's mappings from the requirement side", async () => {
    const ctx = await makeOrg();
    const control = await makeControl(ctx, { ref: "AC-01" });
    const objective = await makeObjective(ctx);
    const soc2 = await makeEngagement(ctx);
    const soc1 = await makeEngagement(ctx, { family: "SOC1", objectiveIds: [objective.id] });

    await setControlMappings(ctx, control.id, [criterion("CC6.1")], [objective.id]);

    expect(await controlsShownFor(ctx, soc2.id, criterion("CC6.1"))).toEqual(["AC-01"]);
    expect(await controlsShownFor(ctx, soc1.id, objective.id)).toEqual(["AC-01"]);
    expect((await listObjectives(ctx))[0]?.controlCount).toBe(1);
  });

  it("refuses an unknown criterion or an objective that is not the organisation's, and changes nothing", async () => {
    const ctx = await makeOrg();
    const control = await makeControl(ctx);
    const theirObjective = await makeObjective(await makeOrg());
    await setControlMappings(ctx, control.id, [criterion("CC6.1")], []);
    const before = await entries(ctx.orgId);

    await expectAppError(
      setControlMappings(ctx, control.id, [criterion("CC6.1"), criterion("CC99.9")], []),
      "VALIDATION",
    );
    await expectAppError(setControlMappings(ctx, control.id, ["tsc-1999:CC6.1"], []), "VALIDATION");
    await expectAppError(
      setControlMappings(ctx, control.id, [], [theirObjective.id]),
      "VALIDATION",
    );
    await expectAppError(
      setControlMappings(ctx, control.id, [], ["no-such-objective"]),
      "VALIDATION",
    );

    expect(await mappedTo(ctx, control.id)).toEqual({
      criterionIds: [criterion("CC6.1")],
      objectiveIds: [],
    });
    expect(await entries(ctx.orgId)).toEqual(before);
  });
});

describe("setRequirementControls", () => {
  it("sets the controls serving a criterion, visible from each control, leaving their other mappings", async () => {
    const ctx = await makeOrg();
    const a = await makeControl(ctx, { ref: "A" });
    const b = await makeControl(ctx, { ref: "B" });
    const cc61 = criterion("CC6.1");
    await setControlMappings(ctx, a.id, [criterion("CC7.1")], []);

    await setRequirementControls(ctx, "criterion", cc61, [a.id, b.id]);
    expect((await mappedTo(ctx, a.id)).criterionIds).toEqual([cc61, criterion("CC7.1")]);
    expect((await mappedTo(ctx, b.id)).criterionIds).toEqual([cc61]);

    await setRequirementControls(ctx, "criterion", cc61, [b.id]);
    expect((await mappedTo(ctx, a.id)).criterionIds).toEqual([criterion("CC7.1")]);
    expect((await mappedTo(ctx, b.id)).criterionIds).toEqual([cc61]);

    expect((await entries(ctx.orgId)).slice(-2)).toMatchObject([
      {
        action: "requirement.controls_changed",
        entityType: "criterion",
        entityId: cc61,
        before: { controlIds: [] },
        after: { controlIds: [a.id, b.id].sort() },
      },
      {
        action: "requirement.controls_changed",
        entityType: "criterion",
        entityId: cc61,
        before: { controlIds: [a.id, b.id].sort() },
        after: { controlIds: [b.id] },
      },
    ]);
    await expectIntactLog(ctx);
  });

  it("sets the controls serving one of the organisation's objectives", async () => {
    const ctx = await makeOrg();
    const objective = await makeObjective(ctx);
    const control = await makeControl(ctx);

    await setRequirementControls(ctx, "objective", objective.id, [control.id]);

    expect(await mappedTo(ctx, control.id)).toEqual({
      criterionIds: [],
      objectiveIds: [objective.id],
    });
    expect((await listObjectives(ctx))[0]?.controlCount).toBe(1);
    expect(await actions(ctx.orgId)).toContain("requirement.controls_changed");

    await setRequirementControls(ctx, "objective", objective.id, []);
    expect((await mappedTo(ctx, control.id)).objectiveIds).toEqual([]);
  });

  it("refuses an unknown criterion or objective, and changes nothing", async () => {
    const ctx = await makeOrg();
    const control = await makeControl(ctx);
    const theirObjective = await makeObjective(await makeOrg());
    const before = await entries(ctx.orgId);

    await expectAppError(
      setRequirementControls(ctx, "criterion", criterion("CC99.9"), [control.id]),
      "VALIDATION",
    );
    await expectAppError(
      setRequirementControls(ctx, "objective", "no-such-objective", [control.id]),
      "VALIDATION",
    );
    await expectAppError(
      setRequirementControls(ctx, "objective", theirObjective.id, [control.id]),
      "VALIDATION",
    );

    expect(await mappedTo(ctx, control.id)).toEqual({ criterionIds: [], objectiveIds: [] });
    expect(await entries(ctx.orgId)).toEqual(before);
  });
});

describe("countControlsByCriterion", () => {
  it("counts the organisation's own controls per criterion, leaving out objectives and other organisations", async () => {
    const ctx = await makeOrg();
    const theirs = await makeOrg();
    const objective = await makeObjective(ctx);
    const [a, b] = [await makeControl(ctx), await makeControl(ctx)];
    await setControlMappings(ctx, a.id, [criterion("CC6.1"), criterion("CC6.2")], [objective.id]);
    await setControlMappings(ctx, b.id, [criterion("CC6.1")], []);
    const their = await makeControl(theirs);
    await setControlMappings(theirs, their.id, [criterion("CC6.1"), criterion("CC7.1")], []);

    expect(Object.fromEntries(await countControlsByCriterion(ctx))).toEqual({
      [criterion("CC6.1")]: 2,
      [criterion("CC6.2")]: 1,
    });
    expect(Object.fromEntries(await countControlsByCriterion(theirs))).toEqual({
      [criterion("CC6.1")]: 1,
      [criterion("CC7.1")]: 1,
    });
  });

  it("answers a viewer", async () => {
    const owner = await makeOrg();
    const { ctx: viewer } = await addMember(owner, "viewer");
    await setControlMappings(owner, (await makeControl(owner)).id, [criterion("CC6.1")], []);

    expect(Object.fromEntries(await countControlsByCriterion(viewer))).toEqual({
      [criterion("CC6.1")]: 1,
    });
  });
});

describe("another organisation's mappings", () => {
  it("cannot be read or changed through its controls, and survive changes to the same criterion", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    const my = await makeControl(mine);
    const their = await makeControl(theirs);
    const cc61 = criterion("CC6.1");
    await setControlMappings(theirs, their.id, [cc61], []);
    const theirLog = await actions(theirs.orgId);

    await expectAppError(setControlMappings(mine, their.id, [], []), "NOT_FOUND");
    await expectAppError(setRequirementControls(mine, "criterion", cc61, [their.id]), "VALIDATION");
    await expectAppError(
      setRequirementControls(mine, "criterion", cc61, [my.id, their.id]),
      "VALIDATION",
    );
    await setRequirementControls(mine, "criterion", cc61, [my.id]);
    await setRequirementControls(mine, "criterion", cc61, []);

    expect((await mappedTo(theirs, their.id)).criterionIds).toEqual([cc61]);
    expect((await mappedTo(mine, my.id)).criterionIds).toEqual([]);
    expect(await actions(theirs.orgId)).toEqual(theirLog);
  });
});

describe("roles", () => {
  it("lets an editor change mappings from either side", async () => {
    const owner = await makeOrg();
    const { ctx: editor } = await addMember(owner, "editor");
    const control = await makeControl(owner);

    await setControlMappings(editor, control.id, [criterion("CC6.1")], []);
    await setRequirementControls(editor, "criterion", criterion("CC6.2"), [control.id]);

    expect((await mappedTo(owner, control.id)).criterionIds).toEqual([
      criterion("CC6.1"),
      criterion("CC6.2"),
    ]);
  });

  it("refuses a viewer on either side and changes nothing", async () => {
    const owner = await makeOrg();
    const { ctx: viewer } = await addMember(owner, "viewer");
    const control = await makeControl(owner);

    await expectAppError(
      setControlMappings(viewer, control.id, [criterion("CC6.1")], []),
      "FORBIDDEN",
    );
    await expectAppError(
      setRequirementControls(viewer, "criterion", criterion("CC6.1"), [control.id]),
      "FORBIDDEN",
    );

    expect((await mappedTo(owner, control.id)).criterionIds).toEqual([]);
  });
});
