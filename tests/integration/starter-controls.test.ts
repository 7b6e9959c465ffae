import { describe, expect, it } from "vitest";
import type { OrgContext } from "@/lib/db/context";
import { getControl, listControlOptions } from "@/lib/db/controls";
import { listObjectives } from "@/lib/db/objectives";
import { adoptStarterControls } from "@/lib/db/starter-controls";
import { STARTER_CONTROLS } from "@/lib/domain/starter-controls";
import {
  actions,
  addMember,
  criterion,
  entries,
  expectAppError,
  expectIntactLog,
  makeControl,
  makeObjective,
  makeOrg,
} from "./helpers";

const objectiveRefs = async (ctx: OrgContext) =>
  (await listObjectives(ctx, { includeRetired: true })).map((objective) => objective.ref);

async function controlByRef(ctx: OrgContext, ref: string) {
  const option = (await listControlOptions(ctx)).find((control) => control.ref === ref);
  if (!option) throw new Error(`no control ${ref}`);
  return getControl(ctx, option.id);
}

describe("adoptStarterControls", () => {
  it("adds starter controls as unowned drafts, mapped to their criteria and to the starter objectives they need", async () => {
    const ctx = await makeOrg();

    expect(await adoptStarterControls(ctx, ["GOV-04", "AC-01", "AC-03"])).toEqual({
      added: ["GOV-04", "AC-01", "AC-03"],
      skipped: [],
    });

    const ac03 = await controlByRef(ctx, "AC-03");
    const starter = STARTER_CONTROLS.find((control) => control.ref === "AC-03");
    expect(ac03).toMatchObject({
      title: starter?.title,
      description: starter?.description,
      status: "draft",
      ownerId: null,
      frequency: "quarterly",
      nature: "it_dependent_manual",
      key: true,
    });
    expect([...ac03.criterionIds].sort()).toEqual([
      criterion("CC4.1"),
      criterion("CC6.2"),
      criterion("CC6.3"),
    ]);
    const objectives = await listObjectives(ctx);
    expect(objectives.map((objective) => objective.ref).sort()).toEqual([
      "ITGC-01",
      "ITGC-03",
      "ITGC-12",
    ]);
    expect(ac03.objectiveIds).toEqual([
      objectives.find((objective) => objective.ref === "ITGC-03")?.id,
    ]);
    expect((await controlByRef(ctx, "GOV-04")).criterionIds.sort()).toEqual([
      criterion("CC2.2"),
      criterion("CC5.2"),
      criterion("CC5.3"),
    ]);

    const logged = await actions(ctx.orgId);
    expect(logged.filter((action) => action === "objective.created")).toHaveLength(3);
    expect(logged.filter((action) => action === "control.created")).toHaveLength(3);
    expect(logged.filter((action) => action === "control.mappings_changed")).toHaveLength(3);
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "control.mappings_changed",
      entityId: ac03.id,
      before: null,
      after: { criterionIds: ac03.criterionIds },
    });
    await expectIntactLog(ctx);
  });

  it("skips starter controls already adopted, and reuses objectives the organisation already has", async () => {
    const ctx = await makeOrg();
    const own = await makeObjective(ctx, {
      ref: "ITGC-03",
      area: "itgc",
      title: "Our access review objective",
    });
    await adoptStarterControls(ctx, ["AC-03"]);
    const before = (await entries(ctx.orgId)).length;

    expect(await adoptStarterControls(ctx, ["AC-03", "AC-04"])).toEqual({
      added: ["AC-04"],
      skipped: ["AC-03"],
    });
    expect(await adoptStarterControls(ctx, ["AC-04", "AC-03"])).toEqual({
      added: [],
      skipped: ["AC-03", "AC-04"],
    });

    expect((await listControlOptions(ctx)).map((control) => control.ref)).toEqual([
      "AC-03",
      "AC-04",
    ]);
    expect(await objectiveRefs(ctx)).toEqual(["ITGC-03"]);
    expect((await controlByRef(ctx, "AC-04")).objectiveIds).toEqual([own.id]);
    expect((await listObjectives(ctx))[0]?.controlCount).toBe(2);
    expect((await actions(ctx.orgId)).slice(before)).toEqual([
      "control.created",
      "control.mappings_changed",
    ]);
  });

  it("leaves a control the organisation wrote itself under a starter ref untouched", async () => {
    const ctx = await makeOrg();
    const mine = await makeControl(ctx, {
      ref: "AC-01",
      title: "Our own SSO control",
      status: "implemented",
    });

    expect(await adoptStarterControls(ctx, ["AC-01"])).toEqual({ added: [], skipped: ["AC-01"] });

    expect(await getControl(ctx, mine.id)).toMatchObject({
      title: "Our own SSO control",
      status: "implemented",
      criterionIds: [],
      objectiveIds: [],
    });
    expect(await objectiveRefs(ctx)).toEqual([]);
  });

  it("refuses an unknown starter ref and adopts nothing", async () => {
    const ctx = await makeOrg();

    await expectAppError(adoptStarterControls(ctx, ["AC-01", "XX-99"]), "VALIDATION", /XX-99/);

    expect(await listControlOptions(ctx)).toEqual([]);
    expect(await objectiveRefs(ctx)).toEqual([]);
    expect(await actions(ctx.orgId)).not.toContain("control.created");
  });

  it("can adopt the whole starter set at once, every suggested mapping pointing at a real requirement", async () => {
    const ctx = await makeOrg();
    const refs = STARTER_CONTROLS.map((control) => control.ref);

    expect((await adoptStarterControls(ctx, refs)).added).toEqual(refs);

    const adopted = await listControlOptions(ctx);
    expect(adopted).toHaveLength(STARTER_CONTROLS.length);
    const someWithObjectives = STARTER_CONTROLS.find((control) => control.objectives.length > 1);
    if (!someWithObjectives) throw new Error("expected a starter control with several objectives");
    const detail = await controlByRef(ctx, someWithObjectives.ref);
    expect(detail.criterionIds).toHaveLength(someWithObjectives.criteria.length);
    expect(detail.objectiveIds).toHaveLength(someWithObjectives.objectives.length);
    await expectIntactLog(ctx);
  });
});

describe("another organisation", () => {
  it("adopting the same starters neither skips them for us nor lends us its objectives", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    await adoptStarterControls(theirs, ["AC-01"]);
    const theirLog = await actions(theirs.orgId);

    expect(await adoptStarterControls(mine, ["AC-01"])).toEqual({ added: ["AC-01"], skipped: [] });

    const [myObjective] = await listObjectives(mine);
    const [theirObjective] = await listObjectives(theirs);
    expect(myObjective?.ref).toBe("ITGC-01");
    expect(myObjective?.id).not.toBe(theirObjective?.id);
    expect((await controlByRef(mine, "AC-01")).objectiveIds).toEqual([myObjective?.id]);
    expect((await listControlOptions(theirs)).map((control) => control.ref)).toEqual(["AC-01"]);
    expect(await actions(theirs.orgId)).toEqual(theirLog);
  });
});

describe("roles", () => {
  it("lets an editor adopt starter controls", async () => {
    const owner = await makeOrg();
    const { ctx: editor } = await addMember(owner, "editor");

    expect((await adoptStarterControls(editor, ["AC-01"])).added).toEqual(["AC-01"]);
    expect((await listControlOptions(owner)).map((control) => control.ref)).toEqual(["AC-01"]);
  });

  it("refuses a viewer and adopts nothing", async () => {
    const owner = await makeOrg();
    const { ctx: viewer } = await addMember(owner, "viewer");

    await expectAppError(adoptStarterControls(viewer, ["AC-01"]), "FORBIDDEN");

    expect(await listControlOptions(owner)).toEqual([]);
    expect(await objectiveRefs(owner)).toEqual([]);
  });
});
