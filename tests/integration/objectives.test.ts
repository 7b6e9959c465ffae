import { describe, expect, it } from "vitest";
import type { OrgContext } from "@/lib/db/context";
import { getDb } from "@/lib/db/client";
import {
  adoptStarterObjectives,
  adoptStarterObjectivesInTx,
  createObjective,
  listObjectives,
  moveObjective,
  setObjectiveRetired,
  updateObjective,
} from "@/lib/db/objectives";
import {
  actions,
  addMember,
  entries,
  expectAppError,
  expectIntactLog,
  makeObjective,
  makeOrg,
  objectiveInput,
} from "./helpers";
import { versionOf } from "./version-of";

const refs = async (ctx: OrgContext, options: { includeRetired?: boolean } = {}) =>
  (await listObjectives(ctx, options)).map((objective) => objective.ref);

describe("createObjective and listObjectives", () => {
  it("creates objectives in order, with no controls yet, and logs each one", async () => {
    const ctx = await makeOrg();
    const input = objectiveInput({
      ref: "BP-20",
      area: "business",
      title: "Payroll inputs",
      objective: "Payroll inputs are authorised and recorded completely.",
    });

    const { id } = await createObjective(ctx, input);
    await makeObjective(ctx, { ref: "ITGC-20", area: "itgc" });

    const listed = await listObjectives(ctx);
    expect(listed.map(({ ref, sortOrder }) => ({ ref, sortOrder }))).toEqual([
      { ref: "BP-20", sortOrder: 1 },
      { ref: "ITGC-20", sortOrder: 2 },
    ]);
    expect(listed[0]).toEqual({
      id,
      ...input,
      sortOrder: 1,
      retired: false,
      controlCount: 0,
      version: 0,
    });
    const logged = (await entries(ctx.orgId)).filter(
      (entry) => entry.action === "objective.created",
    );
    expect(logged[0]).toMatchObject({
      actorId: ctx.userId,
      entityType: "objective",
      entityId: id,
      after: input,
    });
    await expectIntactLog(ctx);
  });

  it("refuses a reference already used in the organisation, with the error on the ref field", async () => {
    const ctx = await makeOrg();
    await makeObjective(ctx, { ref: "BP-01" });

    const error = await expectAppError(
      createObjective(ctx, objectiveInput({ ref: "BP-01" })),
      "CONFLICT",
    );

    expect(error.fieldErrors?.ref).toEqual([expect.stringMatching(/already used/)]);
    expect(await refs(ctx)).toEqual(["BP-01"]);
  });

  it("lets another organisation use the same reference, and never lists its objectives", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    await makeObjective(mine, { ref: "BP-01" });

    await makeObjective(theirs, { ref: "BP-01" });
    await makeObjective(theirs, { ref: "BP-02" });

    expect(await refs(mine, { includeRetired: true })).toEqual(["BP-01"]);
    expect(await refs(theirs)).toEqual(["BP-01", "BP-02"]);
  });
});

describe("updateObjective", () => {
  it("changes the objective and logs before and after", async () => {
    const ctx = await makeOrg();
    const before = objectiveInput({ ref: "BP-01", title: "Old title" });
    const { id } = await createObjective(ctx, before);
    const after = objectiveInput({
      ref: "BP-1A",
      area: "itgc",
      title: "New title",
      objective: "Changes to programs are authorised and tested.",
    });

    await updateObjective(ctx, id, after, await versionOf("objective", id));

    expect((await listObjectives(ctx))[0]).toMatchObject({ id, ...after });
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "objective.updated",
      entityId: id,
      before,
      after,
    });
    await expectIntactLog(ctx);
  });

  it("refuses a reference another objective uses", async () => {
    const ctx = await makeOrg();
    await makeObjective(ctx, { ref: "BP-01" });
    const second = await makeObjective(ctx, { ref: "BP-02" });

    const error = await expectAppError(
      updateObjective(
        ctx,
        second.id,
        objectiveInput({ ref: "BP-01" }),
        await versionOf("objective", second.id),
      ),
      "CONFLICT",
    );

    expect(error.fieldErrors).toHaveProperty("ref");
    expect(await refs(ctx)).toEqual(["BP-01", "BP-02"]);
  });
});

describe("setObjectiveRetired", () => {
  it("hides a retired objective unless retired ones are asked for, and restores it", async () => {
    const ctx = await makeOrg();
    const kept = await makeObjective(ctx, { ref: "BP-01" });
    const retired = await makeObjective(ctx, { ref: "BP-02" });

    await setObjectiveRetired(ctx, retired.id, true, await versionOf("objective", retired.id));

    expect(await refs(ctx)).toEqual(["BP-01"]);
    expect(
      (await listObjectives(ctx, { includeRetired: true })).map(({ id, retired }) => ({
        id,
        retired,
      })),
    ).toEqual([
      { id: kept.id, retired: false },
      { id: retired.id, retired: true },
    ]);

    await setObjectiveRetired(ctx, retired.id, false, await versionOf("objective", retired.id));
    expect(await refs(ctx)).toEqual(["BP-01", "BP-02"]);
    expect((await entries(ctx.orgId)).slice(-2)).toMatchObject([
      { action: "objective.retired", entityId: retired.id, after: { ref: "BP-02" } },
      { action: "objective.restored", entityId: retired.id, after: { ref: "BP-02" } },
    ]);
  });

  it("records nothing when the objective is already in the asked state", async () => {
    const ctx = await makeOrg();
    const objective = await makeObjective(ctx);
    await setObjectiveRetired(ctx, objective.id, true, await versionOf("objective", objective.id));
    const count = (await entries(ctx.orgId)).length;

    await setObjectiveRetired(ctx, objective.id, true, await versionOf("objective", objective.id));
    await setObjectiveRetired(ctx, objective.id, false, await versionOf("objective", objective.id));
    await setObjectiveRetired(ctx, objective.id, false, await versionOf("objective", objective.id));

    expect((await entries(ctx.orgId)).length).toBe(count + 1);
    await expectIntactLog(ctx);
  });
});

describe("moveObjective", () => {
  it("swaps an objective with its neighbour above or below", async () => {
    const ctx = await makeOrg();
    await makeObjective(ctx, { ref: "A" });
    const b = await makeObjective(ctx, { ref: "B" });
    const c = await makeObjective(ctx, { ref: "C" });

    await moveObjective(ctx, c.id, "up");
    expect(await refs(ctx)).toEqual(["A", "C", "B"]);

    await moveObjective(ctx, b.id, "up");
    await moveObjective(ctx, b.id, "up");
    expect(await refs(ctx)).toEqual(["B", "A", "C"]);

    await moveObjective(ctx, b.id, "down");
    expect(await refs(ctx)).toEqual(["A", "B", "C"]);
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "objective.moved",
      entityId: b.id,
      before: { sortOrder: 1 },
      after: { sortOrder: 2 },
    });
    await expectIntactLog(ctx);
  });

  it("leaves the first objective first and the last last, and records nothing", async () => {
    const ctx = await makeOrg();
    const a = await makeObjective(ctx, { ref: "A" });
    const b = await makeObjective(ctx, { ref: "B" });
    const count = (await entries(ctx.orgId)).length;

    await moveObjective(ctx, a.id, "up");
    await moveObjective(ctx, b.id, "down");

    expect(await refs(ctx)).toEqual(["A", "B"]);
    expect((await entries(ctx.orgId)).length).toBe(count);
  });

  it("never swaps with another organisation's objective", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    const only = await makeObjective(mine, { ref: "MINE" });
    await makeObjective(theirs, { ref: "T1" });
    await makeObjective(theirs, { ref: "T2" });

    await moveObjective(mine, only.id, "down");
    await moveObjective(mine, only.id, "up");

    expect((await listObjectives(mine))[0]).toMatchObject({ ref: "MINE", sortOrder: 1 });
    expect(
      (await listObjectives(theirs)).map(({ ref, sortOrder }) => ({ ref, sortOrder })),
    ).toEqual([
      { ref: "T1", sortOrder: 1 },
      { ref: "T2", sortOrder: 2 },
    ]);
  });
});

describe("adoptStarterObjectives", () => {
  it("adds only the starter objectives the organisation does not have yet", async () => {
    const ctx = await makeOrg();
    await makeObjective(ctx, { ref: "ITGC-01", title: "Our own wording" });

    expect(await adoptStarterObjectives(ctx, ["ITGC-01", "ITGC-02", "BP-01"])).toEqual({
      added: 2,
    });
    expect(await adoptStarterObjectives(ctx, ["ITGC-02", "BP-01"])).toEqual({ added: 0 });

    const listed = await listObjectives(ctx);
    expect(listed.map((objective) => objective.ref)).toEqual(["ITGC-01", "ITGC-02", "BP-01"]);
    expect(listed[0]?.title).toBe("Our own wording");
    expect(listed[1]).toMatchObject({ area: "itgc", retired: false });
    expect((await entries(ctx.orgId)).slice(-2)).toMatchObject([
      { action: "objective.created", after: { ref: "ITGC-02", source: "starter" } },
      { action: "objective.created", after: { ref: "BP-01", source: "starter" } },
    ]);
    await expectIntactLog(ctx);
  });

  it("refuses an unknown starter reference and adds nothing", async () => {
    const ctx = await makeOrg();

    await expectAppError(
      adoptStarterObjectives(ctx, ["ITGC-01", "NOPE-9"]),
      "VALIDATION",
      /NOPE-9/,
    );

    expect(await refs(ctx, { includeRetired: true })).toEqual([]);
  });

  it("adds to the caller's organisation only, whatever another organisation already has", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    await adoptStarterObjectives(theirs, ["BP-01"]);

    expect(await adoptStarterObjectives(mine, ["BP-01", "BP-02"])).toEqual({ added: 2 });

    expect(await refs(theirs)).toEqual(["BP-01"]);
  });
});

describe("adoptStarterObjectivesInTx", () => {
  it("returns the context's own objective ids, never another organisation's", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    await adoptStarterObjectives(theirs, ["BP-01"]);
    const existing = await makeObjective(mine, { ref: "BP-02" });

    const ids = await getDb().$transaction((tx) =>
      adoptStarterObjectivesInTx(tx, mine, ["BP-01", "BP-02"]),
    );

    const my = await listObjectives(mine);
    expect(Object.fromEntries(ids)).toEqual({
      "BP-01": my.find((objective) => objective.ref === "BP-01")?.id,
      "BP-02": existing.id,
    });
    expect(await refs(theirs)).toEqual(["BP-01"]);
  });
});

describe("another organisation's objectives", () => {
  it("are not found for update, retire, restore or move, and stay unchanged", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    const their = await makeObjective(theirs, { ref: "THEIRS" });
    const theirLog = await actions(theirs.orgId);

    await expectAppError(
      updateObjective(
        mine,
        their.id,
        objectiveInput({ ref: "HIJACK" }),
        await versionOf("objective", their.id),
      ),
      "NOT_FOUND",
    );
    await expectAppError(
      setObjectiveRetired(mine, their.id, true, await versionOf("objective", their.id)),
      "NOT_FOUND",
    );
    await expectAppError(
      setObjectiveRetired(mine, their.id, false, await versionOf("objective", their.id)),
      "NOT_FOUND",
    );
    await expectAppError(moveObjective(mine, their.id, "up"), "NOT_FOUND");

    expect(await listObjectives(theirs)).toEqual([
      expect.objectContaining({ id: their.id, ref: "THEIRS", retired: false }),
    ]);
    expect(await actions(theirs.orgId)).toEqual(theirLog);
    expect(await actions(mine.orgId)).not.toContain("objective.updated");
  });
});

describe("roles", () => {
  it("lets an editor create, edit, retire, move and adopt objectives", async () => {
    const owner = await makeOrg();
    const { ctx: editor } = await addMember(owner, "editor");

    const a = await makeObjective(editor, { ref: "A" });
    const b = await makeObjective(editor, { ref: "B" });
    await updateObjective(
      editor,
      a.id,
      objectiveInput({ ref: "A1" }),
      await versionOf("objective", a.id),
    );
    await moveObjective(editor, b.id, "up");
    await setObjectiveRetired(editor, a.id, true, await versionOf("objective", a.id));
    await adoptStarterObjectives(editor, ["BP-01"]);

    expect(await refs(owner, { includeRetired: true })).toEqual(["B", "A1", "BP-01"]);
    expect(await refs(owner)).toEqual(["B", "BP-01"]);
    await expectIntactLog(owner);
  });

  it("lets a viewer list objectives but change nothing", async () => {
    const owner = await makeOrg();
    const { ctx: viewer } = await addMember(owner, "viewer");
    const objective = await makeObjective(owner, { ref: "A" });
    await makeObjective(owner, { ref: "B" });

    expect(await refs(viewer)).toEqual(["A", "B"]);
    await expectAppError(createObjective(viewer, objectiveInput()), "FORBIDDEN");
    await expectAppError(
      updateObjective(
        viewer,
        objective.id,
        objectiveInput({ ref: "A" }),
        await versionOf("objective", objective.id),
      ),
      "FORBIDDEN",
    );
    await expectAppError(
      setObjectiveRetired(viewer, objective.id, true, await versionOf("objective", objective.id)),
      "FORBIDDEN",
    );
    await expectAppError(moveObjective(viewer, objective.id, "down"), "FORBIDDEN");
    await expectAppError(adoptStarterObjectives(viewer, ["BP-01"]), "FORBIDDEN");

    expect(await refs(owner, { includeRetired: true })).toEqual(["A", "B"]);
  });
});
