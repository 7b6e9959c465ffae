import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import {
  assertOwnerIsMember,
  bulkUpdateControls,
  CONTROL_PAGE_SIZE,
  createControl,
  createControlInTx,
  getControl,
  listControlOptions,
  listControlRefs,
  listControls,
  listMemberOptions,
  updateControl,
  updateControlInTx,
} from "@/lib/db/controls";
import { setControlMappings } from "@/lib/db/mappings";
import { ControlListQuery } from "@/lib/schemas/control";
import {
  actions,
  addMember,
  controlInput,
  criterion,
  entries,
  expectAppError,
  expectIntactLog,
  makeControl,
  makeOrg,
  makeUser,
} from "./helpers";
import { asListed, versionOf } from "./version-of";

/** A list query the way the controls page parses its search params. */
const query = (params: Record<string, string> = {}): ControlListQuery =>
  ControlListQuery.parse(params);
const listedRefs = async (ctx: OrgContext, params: Record<string, string> = {}) =>
  (await listControls(ctx, query(params))).rows.map((row) => row.ref);

describe("createControl and getControl", () => {
  it("creates a control with its owner and logs it", async () => {
    const ctx = await makeOrg();
    const input = controlInput({
      ref: "AC-01",
      title: "Quarterly access review",
      description: "The IT manager reviews access.",
      ownerId: ctx.userId,
      status: "implemented",
      frequency: "quarterly",
      nature: "it_dependent_manual",
      key: true,
    });

    const { id } = await createControl(ctx, input);

    expect(await getControl(ctx, id)).toMatchObject({
      id,
      ...input,
      owner: { id: ctx.userId },
      mappingCount: 0,
      criterionIds: [],
      objectiveIds: [],
    });
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "control.created",
      entityType: "control",
      entityId: id,
      actorId: ctx.userId,
      after: input,
    });
    await expectIntactLog(ctx);
  });

  it("refuses a reference already used in the organisation, with the error on the ref field", async () => {
    const ctx = await makeOrg();
    await makeControl(ctx, { ref: "AC-01" });

    const error = await expectAppError(
      createControl(ctx, controlInput({ ref: "AC-01" })),
      "CONFLICT",
    );

    expect(error.fieldErrors?.ref).toEqual([expect.stringMatching(/already uses/)]);
    expect(await listControlRefs(ctx)).toEqual(["AC-01"]);
  });

  it("lets another organisation use the same reference", async () => {
    const theirs = await makeOrg();
    await makeControl(await makeOrg(), { ref: "AC-01" });

    await makeControl(theirs, { ref: "AC-01" });

    expect(await listControlRefs(theirs)).toEqual(["AC-01"]);
  });

  it("refuses an owner who is not a member of the organisation and creates nothing", async () => {
    const ctx = await makeOrg();
    const outsider = await makeUser();
    const otherOrgOwner = await makeOrg();

    for (const ownerId of [outsider.userId, otherOrgOwner.userId]) {
      const error = await expectAppError(
        createControl(ctx, controlInput({ ownerId })),
        "VALIDATION",
      );
      expect(error.fieldErrors).toHaveProperty("ownerId");
    }
    expect(await listControlRefs(ctx)).toEqual([]);
    expect(await actions(ctx.orgId)).not.toContain("control.created");
  });
});

describe("updateControl", () => {
  it("changes the control, keeps search in step and logs before and after", async () => {
    const ctx = await makeOrg();
    const { ctx: editor } = await addMember(ctx, "editor");
    const before = controlInput({ ref: "AC-01", title: "Old title" });
    const { id } = await createControl(ctx, before);
    const after = controlInput({
      ref: "AC-10",
      title: "Firewall review",
      description: "Reviewed monthly.",
      ownerId: editor.userId,
      status: "designed",
      frequency: "monthly",
      nature: "automated",
      key: true,
    });

    await updateControl(ctx, id, after, await versionOf("control", id));

    expect(await getControl(ctx, id)).toMatchObject({ ...after, owner: { id: editor.userId } });
    expect(await listedRefs(ctx, { q: "firewall" })).toEqual(["AC-10"]);
    expect(await listedRefs(ctx, { q: "old title" })).toEqual([]);
    const { id: _id, ...previous } = { id, ...before };
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "control.updated",
      entityId: id,
      before: previous,
      after,
    });
    await expectIntactLog(ctx);
  });

  it("refuses a taken reference or a non-member owner and leaves the control as it was", async () => {
    const ctx = await makeOrg();
    await makeControl(ctx, { ref: "AC-01" });
    const { id } = await makeControl(ctx, { ref: "AC-02", title: "Unchanged" });

    await expectAppError(
      updateControl(ctx, id, controlInput({ ref: "AC-01" }), await versionOf("control", id)),
      "CONFLICT",
    );
    await expectAppError(
      updateControl(
        ctx,
        id,
        controlInput({ ref: "AC-02", ownerId: (await makeUser()).userId }),
        await versionOf("control", id),
      ),
      "VALIDATION",
    );

    expect(await getControl(ctx, id)).toMatchObject({
      ref: "AC-02",
      title: "Unchanged",
      ownerId: null,
    });
  });
});

describe("listControls", () => {
  async function library(ctx: OrgContext) {
    const { ctx: editor } = await addMember(ctx, "editor");
    const access = await makeControl(ctx, {
      ref: "AC-01",
      title: "User Access Review",
      status: "implemented",
      frequency: "quarterly",
      ownerId: ctx.userId,
    });
    await makeControl(ctx, {
      ref: "ac_02",
      title: "Privileged access",
      status: "draft",
      frequency: "monthly",
      ownerId: editor.userId,
    });
    await makeControl(ctx, {
      ref: "CM-01",
      title: "Change approval",
      status: "designed",
      frequency: "event_driven",
    });
    await makeControl(ctx, {
      ref: "BK-01",
      title: "Backups",
      status: "retired",
      frequency: "daily",
    });
    await setControlMappings(ctx, access.id, [criterion("CC6.2")], []);
    return { editor };
  }

  it("searches ref and title case-insensitively", async () => {
    const ctx = await makeOrg();
    await library(ctx);

    expect(await listedRefs(ctx, { q: "ACCESS" })).toEqual(["AC-01", "ac_02"]);
    expect(await listedRefs(ctx, { q: "ac-0" })).toEqual(["AC-01"]);
    expect(await listedRefs(ctx, { q: "AC_" })).toEqual(["ac_02"]);
    expect(await listedRefs(ctx, { q: "change APP" })).toEqual(["CM-01"]);
    expect(await listedRefs(ctx, { q: "nothing like it" })).toEqual([]);
  });

  it("treats %, _ and \\ in a search as the characters themselves", async () => {
    const ctx = await makeOrg();
    await makeControl(ctx, { ref: "SM-01", title: "Sample 50% of changes" });
    await makeControl(ctx, { ref: "SM-02", title: "Sample 500 changes" });
    await makeControl(ctx, { ref: "BK_01", title: "Copy C:\\backups offsite" });
    await makeControl(ctx, { ref: "BK-02", title: "Backups checked" });

    expect(await listedRefs(ctx, { q: "50%" })).toEqual(["SM-01"]);
    expect(await listedRefs(ctx, { q: "%" })).toEqual(["SM-01"]);
    expect(await listedRefs(ctx, { q: "bk_" })).toEqual(["BK_01"]);
    expect(await listedRefs(ctx, { q: "c:\\back" })).toEqual(["BK_01"]);
    expect(await listedRefs(ctx, { q: "\\" })).toEqual(["BK_01"]);
  });

  it("filters by owner (including none), status, frequency and unmapped, alone or together", async () => {
    const ctx = await makeOrg();
    const { editor } = await library(ctx);

    expect(await listedRefs(ctx, { owner: ctx.userId })).toEqual(["AC-01"]);
    expect(await listedRefs(ctx, { owner: editor.userId })).toEqual(["ac_02"]);
    expect(await listedRefs(ctx, { owner: "none" })).toEqual(["BK-01", "CM-01"]);
    expect(await listedRefs(ctx, { status: "retired" })).toEqual(["BK-01"]);
    expect(await listedRefs(ctx, { frequency: "monthly" })).toEqual(["ac_02"]);
    expect(await listedRefs(ctx, { unmapped: "1" })).toEqual(["BK-01", "CM-01", "ac_02"]);
    expect(await listedRefs(ctx, { unmapped: "1", owner: "none", status: "designed" })).toEqual([
      "CM-01",
    ]);
    expect(await listedRefs(ctx, { q: "access", unmapped: "1" })).toEqual(["ac_02"]);
  });

  it("sorts by ref, title, status, frequency or last update, either way", async () => {
    const ctx = await makeOrg();
    await library(ctx);
    const db = getDb();
    for (const [ref, day] of [
      ["CM-01", 1],
      ["AC-01", 2],
      ["BK-01", 3],
      ["ac_02", 4],
    ] as const) {
      await db.control.updateMany({
        where: { organizationId: ctx.orgId, ref },
        data: { updatedAt: new Date(Date.UTC(2026, 0, day)) },
      });
    }

    expect(await listedRefs(ctx)).toEqual(["AC-01", "BK-01", "CM-01", "ac_02"]);
    expect(await listedRefs(ctx, { sort: "ref", dir: "desc" })).toEqual([
      "ac_02",
      "CM-01",
      "BK-01",
      "AC-01",
    ]);
    expect(await listedRefs(ctx, { sort: "title" })).toEqual(["BK-01", "CM-01", "ac_02", "AC-01"]);
    expect(await listedRefs(ctx, { sort: "status" })).toEqual(["CM-01", "ac_02", "AC-01", "BK-01"]);
    expect(await listedRefs(ctx, { sort: "frequency", dir: "desc" })).toEqual([
      "AC-01",
      "ac_02",
      "CM-01",
      "BK-01",
    ]);
    expect(await listedRefs(ctx, { sort: "updated", dir: "desc" })).toEqual([
      "ac_02",
      "BK-01",
      "AC-01",
      "CM-01",
    ]);
    expect(await listedRefs(ctx, { sort: "updated", dir: "asc" })).toEqual([
      "CM-01",
      "AC-01",
      "BK-01",
      "ac_02",
    ]);
  });

  it("returns rows with owner and mapping count, and never another organisation's controls", async () => {
    const ctx = await makeOrg();
    await library(ctx);
    const theirs = await makeOrg();
    await makeControl(theirs, { ref: "AC-99", title: "Access elsewhere", ownerId: theirs.userId });

    const { rows, total } = await listControls(ctx, query({ q: "access" }));

    expect(total).toBe(2);
    expect(rows[0]).toMatchObject({
      ref: "AC-01",
      status: "implemented",
      owner: { id: ctx.userId },
      mappingCount: 1,
    });
    expect(rows[1]).toMatchObject({ ref: "ac_02", mappingCount: 0 });
    expect(await listedRefs(ctx, { owner: theirs.userId })).toEqual([]);
  });

  it(`pages ${CONTROL_PAGE_SIZE} rows at a time with the total, clamping a page past the end`, async () => {
    const ctx = await makeOrg();
    const count = CONTROL_PAGE_SIZE + 3;
    for (let n = 1; n <= count; n += 1)
      await makeControl(ctx, {
        ref: `PG-${String(n).padStart(3, "0")}`,
        status: n % 2 ? "draft" : "implemented",
      });
    await makeControl(await makeOrg(), { ref: "PG-999" });

    const first = await listControls(ctx, query());
    const second = await listControls(ctx, query({ page: "2" }));
    const beyond = await listControls(ctx, query({ page: "9" }));

    expect(first).toMatchObject({ total: count, pageCount: 2, page: 1 });
    expect(first.rows).toHaveLength(CONTROL_PAGE_SIZE);
    expect(first.rows[0]?.ref).toBe("PG-001");
    expect(second.rows.map((row) => row.ref)).toEqual(["PG-051", "PG-052", "PG-053"]);
    expect(beyond).toMatchObject({ page: 2, rows: second.rows });
    expect(await listControls(ctx, query({ status: "implemented" }))).toMatchObject({
      total: (count - 1) / 2,
      pageCount: 1,
    });
    expect(await listControls(ctx, query({ q: "no such control" }))).toEqual({
      rows: [],
      total: 0,
      pageCount: 1,
      page: 1,
    });
  });
});

describe("bulkUpdateControls", () => {
  it("sets the owner and status of several controls at once, logging each", async () => {
    const ctx = await makeOrg();
    const { ctx: editor } = await addMember(ctx, "editor");
    const [a, b, c] = [
      await makeControl(ctx),
      await makeControl(ctx),
      await makeControl(ctx, { status: "designed" }),
    ];

    expect(
      await bulkUpdateControls(ctx, {
        controls: await asListed([a.id, b.id, a.id]),
        ownerId: editor.userId,
        status: "implemented",
      }),
    ).toEqual({ updated: 2 });

    expect(await getControl(ctx, a.id)).toMatchObject({
      ownerId: editor.userId,
      status: "implemented",
    });
    expect(await getControl(ctx, b.id)).toMatchObject({
      ownerId: editor.userId,
      status: "implemented",
    });
    expect(await getControl(ctx, c.id)).toMatchObject({ ownerId: null, status: "designed" });
    expect((await entries(ctx.orgId)).slice(-2)).toMatchObject([
      {
        action: "control.bulk_updated",
        before: { ownerId: null, status: "draft" },
        after: { ownerId: editor.userId, status: "implemented" },
      },
      {
        action: "control.bulk_updated",
        before: { ownerId: null, status: "draft" },
        after: { ownerId: editor.userId, status: "implemented" },
      },
    ]);
    await expectIntactLog(ctx);
  });

  it("changes only what is asked: clearing the owner keeps the status", async () => {
    const ctx = await makeOrg();
    const { id } = await makeControl(ctx, { ownerId: ctx.userId, status: "implemented" });

    await bulkUpdateControls(ctx, { controls: await asListed([id]), ownerId: null });

    expect(await getControl(ctx, id)).toMatchObject({ ownerId: null, status: "implemented" });
  });

  it("changes nothing when one control belongs to another organisation", async () => {
    const ctx = await makeOrg();
    const theirs = await makeOrg();
    const mine = await makeControl(ctx, { status: "draft" });
    const their = await makeControl(theirs, { status: "draft" });
    const theirLog = await actions(theirs.orgId);

    await expectAppError(
      bulkUpdateControls(ctx, { controls: await asListed([mine.id, their.id]), status: "retired" }),
      "NOT_FOUND",
    );

    expect((await getControl(ctx, mine.id)).status).toBe("draft");
    expect((await getControl(theirs, their.id)).status).toBe("draft");
    expect(await actions(ctx.orgId)).not.toContain("control.bulk_updated");
    expect(await actions(theirs.orgId)).toEqual(theirLog);
  });

  it("refuses an owner who is not a member and changes nothing", async () => {
    const ctx = await makeOrg();
    const { id } = await makeControl(ctx);

    await expectAppError(
      bulkUpdateControls(ctx, {
        controls: await asListed([id]),
        ownerId: (await makeOrg()).userId,
        status: "implemented",
      }),
      "VALIDATION",
    );

    expect(await getControl(ctx, id)).toMatchObject({ ownerId: null, status: "draft" });
  });
});

describe("listMemberOptions, listControlRefs and listControlOptions", () => {
  it("offer the organisation's own members and controls only, by name and by ref", async () => {
    const ctx = await makeOrg();
    const editor = await addMember(ctx, "editor");
    const auditor = await makeUser();
    await getDb().membership.create({
      data: { organizationId: ctx.orgId, userId: auditor.userId, role: "auditor" },
    });
    const theirs = await makeOrg();
    await addMember(theirs, "editor");
    await makeControl(theirs, { ref: "ZZ-01" });
    const b = await makeControl(ctx, { ref: "B-01", title: "Second", status: "designed" });
    const a = await makeControl(ctx, { ref: "A-01", title: "First" });

    const members = await listMemberOptions(ctx);
    expect(members.map((member) => member.id).sort()).toEqual(
      [ctx.userId, editor.user.userId].sort(),
    );
    expect(members.map((member) => member.name)).toEqual(
      [...members.map((member) => member.name)].sort(),
    );
    expect([...(await listControlRefs(ctx))].sort()).toEqual(["A-01", "B-01"]);
    expect(await listControlOptions(ctx)).toEqual([
      { id: a.id, ref: "A-01", title: "First", status: "draft" },
      { id: b.id, ref: "B-01", title: "Second", status: "designed" },
    ]);
  });
});

describe("another organisation's control", () => {
  it("is not found for reading or updating, and stays unchanged", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    const their = await makeControl(theirs, { ref: "THEIRS", title: "Their control" });

    await expectAppError(getControl(mine, their.id), "NOT_FOUND");
    await expectAppError(
      updateControl(
        mine,
        their.id,
        controlInput({ ref: "HIJACK" }),
        await versionOf("control", their.id),
      ),
      "NOT_FOUND",
    );

    expect(await getControl(theirs, their.id)).toMatchObject({
      ref: "THEIRS",
      title: "Their control",
    });
    expect(await listedRefs(mine)).toEqual([]);
  });
});

describe("transaction building blocks", () => {
  it("keep to the context's organisation: its controls, its members", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    const their = await makeControl(theirs, { ref: "THEIRS" });

    const created = await getDb().$transaction(async (tx) => {
      await expectAppError(
        updateControlInTx(tx, mine, their.id, controlInput({ ref: "HIJACK" })),
        "NOT_FOUND",
      );
      await expectAppError(assertOwnerIsMember(tx, mine, theirs.userId), "VALIDATION");
      await assertOwnerIsMember(tx, mine, mine.userId);
      await assertOwnerIsMember(tx, mine, null);
      return createControlInTx(tx, mine, controlInput({ ref: "THEIRS" }));
    });

    expect((await getControl(mine, created.id)).ref).toBe("THEIRS");
    await expectAppError(getControl(theirs, created.id), "NOT_FOUND");
    expect(await getControl(theirs, their.id)).toMatchObject({
      ref: "THEIRS",
      title: "Control THEIRS",
    });
  });
});

describe("roles", () => {
  it("lets an editor create, update and bulk-update controls", async () => {
    const owner = await makeOrg();
    const { ctx: editor } = await addMember(owner, "editor");

    const { id } = await makeControl(editor, { ref: "ED-01" });
    await updateControl(
      editor,
      id,
      controlInput({ ref: "ED-02", title: "Edited" }),
      await versionOf("control", id),
    );
    await bulkUpdateControls(editor, {
      controls: await asListed([id]),
      ownerId: editor.userId,
      status: "implemented",
    });

    expect(await getControl(owner, id)).toMatchObject({
      ref: "ED-02",
      title: "Edited",
      ownerId: editor.userId,
      status: "implemented",
    });
    await expectIntactLog(owner);
  });

  it("lets a viewer read controls but change nothing", async () => {
    const owner = await makeOrg();
    const { ctx: viewer } = await addMember(owner, "viewer");
    const { id } = await makeControl(owner, { ref: "AC-01", title: "Kept" });

    expect(await listedRefs(viewer)).toEqual(["AC-01"]);
    expect((await getControl(viewer, id)).title).toBe("Kept");
    expect(await listControlRefs(viewer)).toEqual(["AC-01"]);
    expect(await listControlOptions(viewer)).toHaveLength(1);
    expect(await listMemberOptions(viewer)).toHaveLength(2);
    await expectAppError(createControl(viewer, controlInput()), "FORBIDDEN");
    await expectAppError(
      updateControl(
        viewer,
        id,
        controlInput({ ref: "AC-01", title: "Changed" }),
        await versionOf("control", id),
      ),
      "FORBIDDEN",
    );
    await expectAppError(
      bulkUpdateControls(viewer, { controls: await asListed([id]), status: "retired" }),
      "FORBIDDEN",
    );

    expect(await getControl(owner, id)).toMatchObject({ title: "Kept", status: "draft" });
  });
});
