import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { applyControlImport, exportControlsCsv, planControlImport } from "@/lib/db/control-import";
import { setControlMappings } from "@/lib/db/mappings";
import { CONTROL_CSV_COLUMNS } from "@/lib/domain/control-csv";
import {
  actions,
  addMember,
  criterion,
  expectAppError,
  expectIntactLog,
  makeControl,
  makeObjective,
  makeOrg,
  makeUser,
} from "./helpers";

// The rows below are written without grace_days (an optional column; tests/unit/control-csv.test.ts reads it).
const HEADER = CONTROL_CSV_COLUMNS.filter((column) => column !== "grace_days").join(",");
const csv = (...rows: string[]) => [HEADER, ...rows].join("\r\n");

/** Everything an import could touch, to prove that a refused import touched nothing. */
async function snapshot(ctx: OrgContext) {
  const db = getDb();
  const [controls, mappings, activity] = await Promise.all([
    db.control.findMany({
      where: { organizationId: ctx.orgId },
      orderBy: { ref: "asc" },
      select: { ref: true, title: true, status: true, ownerId: true, key: true, updatedAt: true },
    }),
    db.controlMapping.findMany({
      where: { organizationId: ctx.orgId },
      orderBy: { id: "asc" },
      select: { id: true, controlId: true, criterionId: true, objectiveId: true },
    }),
    db.activityLogEntry.count({ where: { organizationId: ctx.orgId } }),
  ]);
  return { controls, mappings, activity };
}

/** Each control by ref with its criteria codes and objective refs, sorted. */
async function library(ctx: OrgContext) {
  const controls = await getDb().control.findMany({
    where: { organizationId: ctx.orgId },
    orderBy: { ref: "asc" },
    select: {
      ref: true,
      title: true,
      description: true,
      status: true,
      frequency: true,
      nature: true,
      key: true,
      owner: { select: { email: true } },
      mappings: {
        select: { criterion: { select: { code: true } }, objective: { select: { ref: true } } },
      },
    },
  });
  return controls.map(({ mappings, owner, ...control }) => ({
    ...control,
    owner: owner?.email ?? null,
    criteria: mappings.flatMap((m) => m.criterion?.code ?? []).sort(),
    objectives: mappings.flatMap((m) => m.objective?.ref ?? []).sort(),
  }));
}

/** An organisation with AC-01 (owned, mapped to CC6.1 and ITGC-03) and ITGC-03, BP-01. */
async function seededOrg() {
  const owner = await makeUser();
  const ctx = await makeOrg(owner);
  const itgc = await makeObjective(ctx, { ref: "ITGC-03" });
  await makeObjective(ctx, { ref: "BP-01" });
  const control = await makeControl(ctx, {
    ref: "AC-01",
    title: "Access review",
    ownerId: ctx.userId,
    status: "designed",
    key: true,
  });
  await setControlMappings(ctx, control.id, [criterion("CC6.1")], [itgc.id]);
  return { ctx, owner, control };
}

/** Updates AC-01, creates AC-02 (owned by `ownerEmail`) and AC-03; `bad` spoils two rows. */
const fileFor = (ownerEmail: string, bad = false) =>
  csv(
    `AC-01,Access review,"Reviewed, quarterly",${bad ? "nobody@example.test" : ""},implemented,quarterly,manual,yes,CC6.1;CC6.2,BP-01`,
    `AC-02,New joiners get approved access,,${ownerEmail.toUpperCase()},draft,event_driven,it_dependent_manual,no,cc6.2,ITGC-03`,
    `AC-03,Backups are tested,"Restore test,\nthen sign-off",,designed,${bad ? "hourly" : "annual"},automated,,,`,
  );

describe("planControlImport", () => {
  it("reports what would change and changes nothing", async () => {
    const { ctx, owner } = await seededOrg();
    const before = await snapshot(ctx);

    const report = await planControlImport(ctx, fileFor(owner.email));

    expect(report).toMatchObject({
      rowCount: 3,
      created: 2,
      updated: 1,
      unchanged: 0,
      problemCount: 0,
    });
    // AC-01's owner cell is blank: the owner stays, and the dry run says exactly what changes.
    expect(report.changes).toEqual([
      {
        row: 2,
        ref: "AC-01",
        kind: "update",
        fields: [
          { column: "description", before: "", after: "Reviewed, quarterly" },
          { column: "status", before: "designed", after: "implemented" },
          { column: "criteria", before: "CC6.1", after: "CC6.1;CC6.2" },
          { column: "objectives", before: "ITGC-03", after: "BP-01" },
        ],
      },
      { row: 3, ref: "AC-02", kind: "create", fields: [] },
      { row: 4, ref: "AC-03", kind: "create", fields: [] },
    ]);
    expect(await snapshot(ctx)).toEqual(before);
  });
});

describe("blank cells", () => {
  /** AC-01 with a narrative, an owner, key, and mappings; a row that changes only its title. */
  async function narratedOrg() {
    const { ctx, owner, control } = await seededOrg();
    await applyControlImport(
      ctx,
      csv(
        `AC-01,Access review,The narrative an auditor reads,${owner.email},designed,quarterly,manual,yes,CC6.1,ITGC-03`,
      ),
    );
    return { ctx, owner, control, titleOnly: csv("AC-01,Quarterly access review,,,,,,,,") };
  }

  it("leave every existing value alone by default: only the title changes, and the dry run says only that", async () => {
    const { ctx, owner, titleOnly } = await narratedOrg();

    const report = await planControlImport(ctx, titleOnly);
    expect(report).toMatchObject({ updated: 1, problemCount: 0 });
    expect(report.changes).toEqual([
      {
        row: 2,
        ref: "AC-01",
        kind: "update",
        fields: [{ column: "title", before: "Access review", after: "Quarterly access review" }],
      },
    ]);

    expect(await applyControlImport(ctx, titleOnly)).toMatchObject({
      applied: true,
      report: { updated: 1 },
    });
    expect(await library(ctx)).toEqual([
      {
        ref: "AC-01",
        title: "Quarterly access review",
        description: "The narrative an auditor reads",
        status: "designed",
        frequency: "quarterly",
        nature: "manual",
        key: true,
        owner: owner.email,
        criteria: ["CC6.1"],
        objectives: ["ITGC-03"],
      },
    ]);
  });

  it("clear values when asked, with every cleared field old → new in the dry run; required ones cannot be cleared", async () => {
    const { ctx, owner } = await narratedOrg();
    const clearing = csv("AC-01,Access review,,,designed,quarterly,manual,,,");

    const report = await planControlImport(ctx, clearing, { clearBlanks: true });
    expect(report.changes).toEqual([
      {
        row: 2,
        ref: "AC-01",
        kind: "update",
        fields: [
          { column: "description", before: "The narrative an auditor reads", after: "" },
          { column: "owner_email", before: owner.email, after: "" },
          { column: "key", before: "yes", after: "no" },
          { column: "criteria", before: "CC6.1", after: "" },
          { column: "objectives", before: "ITGC-03", after: "" },
        ],
      },
    ]);
    expect(
      (
        await planControlImport(ctx, csv("AC-01,,,,designed,quarterly,manual,,,"), {
          clearBlanks: true,
        })
      ).problems,
    ).toEqual([{ row: 2, column: "title", message: "Enter a title." }]);

    expect(await applyControlImport(ctx, clearing, { clearBlanks: true })).toMatchObject({
      applied: true,
    });
    expect(await library(ctx)).toEqual([
      {
        ref: "AC-01",
        title: "Access review",
        description: "",
        status: "designed",
        frequency: "quarterly",
        nature: "manual",
        key: false,
        owner: null,
        criteria: [],
        objectives: [],
      },
    ]);
  });

  it("of a new control still need the required columns", async () => {
    const { ctx } = await seededOrg();
    expect(
      (await planControlImport(ctx, csv("NEW-01,,,,,,,,,"))).problems.map((p) => p.column),
    ).toEqual(["title", "status", "frequency", "nature"]);
  });
});

describe("applyControlImport", () => {
  it("changes nothing at all when any row is bad", async () => {
    const { ctx, owner } = await seededOrg();
    const before = await snapshot(ctx);

    const result = await applyControlImport(ctx, fileFor(owner.email, true));

    expect(result.applied).toBe(false);
    expect(result.report.problems).toEqual([
      {
        row: 2,
        column: "owner_email",
        message: "nobody@example.test is not a member of this organisation.",
      },
      {
        row: 4,
        column: "frequency",
        message: expect.stringMatching(/^Unknown frequency "hourly"/),
      },
    ]);
    expect(await snapshot(ctx)).toEqual(before);
  });

  it("applies a correct file with its mappings and logs every change", async () => {
    const { ctx, owner, control } = await seededOrg();
    const logged = (await actions(ctx.orgId)).length;

    const result = await applyControlImport(ctx, fileFor(owner.email));

    expect(result).toMatchObject({
      applied: true,
      report: { created: 2, updated: 1, problemCount: 0 },
    });
    expect(await library(ctx)).toEqual([
      {
        ref: "AC-01",
        title: "Access review",
        description: "Reviewed, quarterly",
        status: "implemented",
        frequency: "quarterly",
        nature: "manual",
        key: true,
        owner: owner.email,
        criteria: ["CC6.1", "CC6.2"],
        objectives: ["BP-01"],
      },
      {
        ref: "AC-02",
        title: "New joiners get approved access",
        description: "",
        status: "draft",
        frequency: "event_driven",
        nature: "it_dependent_manual",
        key: false,
        owner: owner.email,
        criteria: ["CC6.2"],
        objectives: ["ITGC-03"],
      },
      {
        ref: "AC-03",
        title: "Backups are tested",
        description: "Restore test,\nthen sign-off",
        status: "designed",
        frequency: "annual",
        nature: "automated",
        key: false,
        owner: null,
        criteria: [],
        objectives: [],
      },
    ]);
    expect((await actions(ctx.orgId)).slice(logged)).toEqual([
      "control.created",
      "control.mappings_changed",
      "control.created",
      "control.updated",
      "control.mappings_changed",
      "control.imported",
    ]);
    const entries = await getDb().activityLogEntry.findMany({
      where: { organizationId: ctx.orgId, entityId: control.id, action: "control.updated" },
      select: { actorId: true, before: true },
    });
    expect(entries).toEqual([
      { actorId: ctx.userId, before: expect.stringContaining('"status":"designed"') },
    ]);
    await expectIntactLog(ctx);
  });

  it("changes and logs nothing when the file matches the library", async () => {
    const { ctx, owner } = await seededOrg();
    await applyControlImport(ctx, fileFor(owner.email));
    const before = await snapshot(ctx);

    const again = await applyControlImport(ctx, fileFor(owner.email));

    expect(again).toMatchObject({
      applied: true,
      report: { created: 0, updated: 0, unchanged: 3 },
    });
    expect(await snapshot(ctx)).toEqual(before);
  });

  it("lets an editor import, and refuses a viewer and an auditor", async () => {
    const { ctx, owner } = await seededOrg();
    const editor = await addMember(ctx, "editor");
    const viewer = await addMember(ctx, "viewer");
    const before = await snapshot(ctx);

    await expectAppError(planControlImport(viewer.ctx, fileFor(owner.email)), "FORBIDDEN");
    await expectAppError(applyControlImport(viewer.ctx, fileFor(owner.email)), "FORBIDDEN");
    await expectAppError(
      applyControlImport({ ...viewer.ctx, role: "auditor" }, fileFor(owner.email)),
      "FORBIDDEN",
    );
    expect(await snapshot(ctx)).toEqual(before);

    expect(await applyControlImport(editor.ctx, fileFor(owner.email))).toMatchObject({
      applied: true,
    });
  });

  it("keeps organisations apart: another organisation neither sees nor changes these controls", async () => {
    const { ctx, owner } = await seededOrg();
    const other = await makeOrg();
    const before = await snapshot(ctx);

    expect(await exportControlsCsv(other)).toBe(`\uFEFF${CONTROL_CSV_COLUMNS.join(",")}\r\n`);
    expect((await planControlImport(other, fileFor(owner.email))).problems).toEqual([
      { row: 2, column: "objectives", message: expect.stringMatching(/^Unknown objective: BP-01/) },
      {
        row: 3,
        column: "owner_email",
        message: `${owner.email.toUpperCase()} is not a member of this organisation.`,
      },
      {
        row: 3,
        column: "objectives",
        message: expect.stringMatching(/^Unknown objective: ITGC-03/),
      },
    ]);

    const result = await applyControlImport(
      other,
      csv("AC-01,Another organisation's review,,,draft,daily,manual,,CC6.1,"),
    );

    expect(result).toMatchObject({ applied: true, report: { created: 1, updated: 0 } });
    expect(await snapshot(ctx)).toEqual(before);
    expect((await library(other)).map((c) => c.title)).toEqual(["Another organisation's review"]);
  });
});

describe("exportControlsCsv", () => {
  it("round-trips into a new organisation: same controls, owners and mappings", async () => {
    const { ctx, owner } = await seededOrg();
    await applyControlImport(ctx, fileFor(owner.email));
    const viewer = await addMember(ctx, "viewer");
    const exported = await exportControlsCsv(viewer.ctx);
    const target = await makeOrg(owner);

    const missing = await applyControlImport(target, exported);
    expect(missing.applied).toBe(false);
    expect(missing.report.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^Unknown objective: BP-01/),
      expect.stringMatching(/^Unknown objective: ITGC-03/),
    ]);
    expect(await library(target)).toEqual([]);

    await makeObjective(target, { ref: "ITGC-03" });
    await makeObjective(target, { ref: "BP-01" });
    expect(await applyControlImport(target, exported)).toMatchObject({
      applied: true,
      report: { created: 3 },
    });

    expect(await library(target)).toEqual(await library(ctx));
    expect(await exportControlsCsv(target)).toBe(exported);
  });
});
