import { describe, expect, it, vi } from "vitest";
import { ensureCatalog } from "@/lib/db/catalog";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { markNotApplicable } from "@/lib/db/engagements";
import { addNoteEvidence } from "@/lib/db/evidence";
import { deleteEvidence } from "@/lib/db/evidence-corrections";
import { recordException, remediateException } from "@/lib/db/exceptions";
import { setControlMappings } from "@/lib/db/mappings";
import { addPopulationEvent } from "@/lib/db/population";
import { engagementReadiness, type ReadinessRequirementView } from "@/lib/db/readiness";
import { listSnapshots, recordDailySnapshot } from "@/lib/db/snapshots";
import type { ControlInput } from "@/lib/schemas/control";
import type { StatusCounts } from "@/lib/domain/requirement-status";
import {
  addMember,
  criterion,
  exceptionInput,
  expectAppError,
  makeControl,
  makeEngagement,
  makeOrg,
  noteEvidenceInput,
} from "./helpers";
import { versionOf } from "./version-of";

// engagementReadiness end to end: rows written through the data layer, loaded in a fixed number
// of queries, judged by the pure engine. A SOC 2 Type II engagement for 2026 seen on TODAY:
// a quarterly control owes 2026-Q1; design evidence counts from a year before TODAY.

// Counts the Prisma operations the data layer runs (as in engagement-requirements.test.ts).
const queries = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/db/client", async (importOriginal) => {
  const { countingDbModule } = await import("./query-counter");
  return countingDbModule(await importOriginal(), queries);
});

const TODAY = "2026-04-15";
const CC61 = criterion("CC6.1");
const CC62 = criterion("CC6.2");

/** An implemented, owned, described quarterly control: only evidence stands between it and ready. */
async function readyableControl(
  ctx: OrgContext,
  ref: string,
  overrides: Partial<ControlInput> = {},
): Promise<string> {
  const { id } = await makeControl(ctx, {
    ref,
    status: "implemented",
    ownerId: ctx.userId,
    description: "Access is reviewed every quarter.",
    frequency: "quarterly",
    ...overrides,
  });
  return id;
}

const designEvidence = (ctx: OrgContext, controlId: string) =>
  addNoteEvidence(
    ctx,
    noteEvidenceInput([controlId], {
      purpose: "design",
      title: "Access review procedure",
      effectiveDate: "2026-01-15",
    }),
  );
const q1Evidence = (ctx: OrgContext, controlId: string) =>
  addNoteEvidence(
    ctx,
    noteEvidenceInput([controlId], {
      purpose: "operating",
      title: "Q1 access review",
      effectiveDate: "2026-03-31",
    }),
  );

/** A control mapped to `requirementIds` with design and Q1 operating evidence. */
async function evidencedControl(
  ctx: OrgContext,
  ref: string,
  requirementIds: string[],
): Promise<{ id: string; operatingId: string }> {
  const id = await readyableControl(ctx, ref);
  await setControlMappings(ctx, id, requirementIds, []);
  await designEvidence(ctx, id);
  const { id: operatingId } = await q1Evidence(ctx, id);
  return { id, operatingId };
}

async function requirement(
  ctx: OrgContext,
  engagementId: string,
  requirementId: string,
): Promise<Pick<ReadinessRequirementView, "status" | "reasons">> {
  const found = (await engagementReadiness(ctx, engagementId, TODAY)).requirements.find(
    (row) => row.id === requirementId,
  );
  if (!found) throw new Error(`${requirementId} is not in scope`);
  return { status: found.status, reasons: found.reasons };
}

describe("engagementReadiness for a Type II engagement", () => {
  it("is ready for a requirement whose control has fresh design evidence and every due occurrence", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);
    await evidencedControl(ctx, "AC-01", [CC61]);

    const view = await engagementReadiness(ctx, id, TODAY);

    expect(view.requirements.find((row) => row.id === CC61)).toMatchObject({
      code: "CC6.1",
      status: "ready",
      reasons: [],
    });
    expect(view.counts).toEqual({
      ready: 1,
      in_progress: 0,
      unmapped: 32,
      not_applicable: 0,
      total: 33,
      readinessPercent: 100 / 33,
    });
    expect(view.readiness).toMatchObject({
      type: "TYPE_II",
      asOf: TODAY,
      designDate: TODAY,
      controlCounts: { ready: 1, notReady: 0, total: 1 },
    });
    expect(view.readiness.controls[0]?.operating).toMatchObject({
      due: 1,
      covered: 1,
      missing: [],
    });
  });

  it("falls back to in progress, naming the missing occurrence, when the coverage goes", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);
    const control = await evidencedControl(ctx, "AC-01", [CC61]);

    await deleteEvidence(
      ctx,
      control.operatingId,
      await versionOf("evidence", control.operatingId),
      "Recorded in error",
    );

    expect(await requirement(ctx, id, CC61)).toEqual({
      status: "in_progress",
      reasons: ["AC-01: 2026-Q1 missing"],
    });
    expect((await engagementReadiness(ctx, id, TODAY)).counts).toMatchObject({
      ready: 0,
      in_progress: 1,
    });
  });

  it("is blocked by an open exception until it is remediated", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);
    const control = await evidencedControl(ctx, "AC-01", [CC61]);

    const exception = await recordException(ctx, exceptionInput(control.id));

    expect(await requirement(ctx, id, CC61)).toEqual({
      status: "in_progress",
      reasons: ["AC-01: 1 open exception"],
    });
    await remediateException(
      ctx,
      exception.id,
      "Reviewed late, on 2026-03-20.",
      await versionOf("exception", exception.id),
    );
    expect(await requirement(ctx, id, CC61)).toEqual({ status: "ready", reasons: [] });
  });

  it("counts operating evidence that names a population event for an event-driven control", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);
    const controlId = await readyableControl(ctx, "HR-01", { frequency: "event_driven" });
    await setControlMappings(ctx, controlId, [CC62], []);
    await designEvidence(ctx, controlId);
    const hire = await addPopulationEvent(ctx, {
      controlId,
      date: "2026-02-02",
      reference: "HIRE-1",
      description: "",
    });
    await addPopulationEvent(ctx, {
      controlId,
      date: "2026-03-09",
      reference: "HIRE-2",
      description: "",
    });
    await addNoteEvidence(
      ctx,
      noteEvidenceInput([controlId], { effectiveDate: "2026-02-03", eventId: hire.id }),
    );

    expect(await requirement(ctx, id, CC62)).toEqual({
      status: "in_progress",
      reasons: ["HR-01: 2026-03-09 HIRE-2 missing"],
    });
  });

  it("waits out the control's grace days, and counts evidence for the occurrence it names", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);
    const controlId = await readyableControl(ctx, "AC-09", { graceDays: 20 });
    await setControlMappings(ctx, controlId, [CC61], []);
    await designEvidence(ctx, controlId);

    const during = (await engagementReadiness(ctx, id, TODAY)).readiness.controls[0];
    expect(during?.operating?.slots[0]).toMatchObject({
      key: "2026-Q1",
      state: "open",
      dueFrom: "2026-04-21",
    });
    expect(during).toMatchObject({ ready: true, operating: { due: 0, coverage: null } });
    const after = await engagementReadiness(ctx, id, "2026-04-21");
    expect(after.requirements.find((row) => row.id === CC61)?.reasons).toEqual([
      "AC-09: 2026-Q1 missing",
    ]);

    const forQ1 = await addNoteEvidence(
      ctx,
      noteEvidenceInput([controlId], { effectiveDate: "2026-04-10" }),
    );
    const unknown = await addNoteEvidence(
      ctx,
      noteEvidenceInput([controlId], { effectiveDate: "2026-04-11" }),
    );
    await getDb().evidence.update({ where: { id: forQ1.id }, data: { slotKey: "2026-Q1" } });
    await getDb().evidence.update({ where: { id: unknown.id }, data: { slotKey: "2026-Q5" } });
    const control = (await engagementReadiness(ctx, id, "2026-04-21")).readiness.controls[0];
    expect(control?.operating?.slots.slice(0, 2).map((slot) => slot.state)).toEqual([
      "covered",
      "open",
    ]);
    expect(control?.ready).toBe(true);
    expect(control?.warnings).toEqual([
      expect.objectContaining({
        code: "unknown_slot",
        slotKeys: ["2026-Q5"],
        evidenceIds: [unknown.id],
      }),
    ]);
  });

  it("ignores retired controls", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);
    await evidencedControl(ctx, "AC-01", [CC61]);
    const retired = await readyableControl(ctx, "AC-02", { status: "retired" });
    await setControlMappings(ctx, retired, [CC61, CC62], []);

    const view = await engagementReadiness(ctx, id, TODAY);

    expect(view.requirements.find((row) => row.id === CC61)).toMatchObject({
      status: "ready",
      reasons: [],
    });
    expect(view.requirements.find((row) => row.id === CC62)).toMatchObject({
      status: "unmapped",
      reasons: [],
    });
    expect(view.readiness.controls.map((control) => control.ref)).toEqual(["AC-01"]);
  });

  it("leaves a not-applicable requirement out, even with an unready control mapped to it", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);
    await setControlMappings(ctx, await readyableControl(ctx, "AC-09"), [CC62], []);

    await markNotApplicable(ctx, id, CC62, "No logical access to production in scope.");

    const view = await engagementReadiness(ctx, id, TODAY);
    expect(view.requirements.find((row) => row.id === CC62)).toMatchObject({
      status: "not_applicable",
      reasons: [],
    });
    expect(view.counts).toMatchObject({ not_applicable: 1, in_progress: 0 });
    expect(view.readiness.controlCounts).toEqual({ ready: 0, notReady: 0, total: 0 });
  });
});

describe("engagementReadiness for a Type I engagement", () => {
  it("judges the same controls on design alone, ignoring operating gaps", async () => {
    const ctx = await makeOrg();
    const typeII = await makeEngagement(ctx);
    const typeI = await makeEngagement(ctx, {
      type: "TYPE_I",
      asOfDate: TODAY,
      periodStart: undefined,
      periodEnd: undefined,
    });
    const controlId = await readyableControl(ctx, "AC-01");
    await setControlMappings(ctx, controlId, [CC61], []);
    await designEvidence(ctx, controlId);

    expect(await requirement(ctx, typeII.id, CC61)).toEqual({
      status: "in_progress",
      reasons: ["AC-01: 2026-Q1 missing"],
    });
    const view = await engagementReadiness(ctx, typeI.id, TODAY);
    expect(view.requirements.find((row) => row.id === CC61)).toMatchObject({
      status: "ready",
      reasons: [],
    });
    expect(view.readiness).toMatchObject({ type: "TYPE_I", asOf: null, designDate: TODAY });
    expect(view.readiness.controls[0]?.operating).toBeNull();
  });

  it("still needs design evidence dated within the freshness window", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx, {
      type: "TYPE_I",
      asOfDate: TODAY,
      periodStart: undefined,
      periodEnd: undefined,
    });
    const controlId = await readyableControl(ctx, "AC-01");
    await setControlMappings(ctx, controlId, [CC61], []);
    await addNoteEvidence(
      ctx,
      noteEvidenceInput([controlId], { purpose: "design", effectiveDate: "2025-01-31" }),
    );

    expect(await requirement(ctx, id, CC61)).toEqual({
      status: "in_progress",
      reasons: ["AC-01: design evidence is older than 365 days (latest 2025-01-31)"],
    });
  });
});

describe("another organisation", () => {
  it("never counts: its evidence does not ready my control, its exceptions do not block it", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    const my = await makeEngagement(mine);
    const myControl = await readyableControl(mine, "AC-01");
    await setControlMappings(mine, myControl, [CC61], []);
    const theirControl = await evidencedControl(theirs, "AC-01", [CC61, CC62]);

    expect(await requirement(mine, my.id, CC61)).toEqual({
      status: "in_progress",
      reasons: ["AC-01: no design evidence dated 2025-04-15…2026-04-15", "AC-01: 2026-Q1 missing"],
    });

    await designEvidence(mine, myControl);
    await q1Evidence(mine, myControl);
    await recordException(theirs, exceptionInput(theirControl.id));
    const view = await engagementReadiness(mine, my.id, TODAY);
    expect(view.requirements.find((row) => row.id === CC61)).toMatchObject({
      status: "ready",
      reasons: [],
      controls: [{ id: myControl, ref: "AC-01" }],
    });
    expect(view.requirements.find((row) => row.id === CC62)).toMatchObject({
      status: "unmapped",
      reasons: [],
      controls: [],
    });
    expect(view.readiness.controls.map((control) => control.controlId)).toEqual([myControl]);
  });

  it("cannot load another organisation's engagement", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    const their = await makeEngagement(theirs);
    await evidencedControl(theirs, "AC-01", [CC61]);

    await expectAppError(engagementReadiness(mine, their.id, TODAY), "NOT_FOUND");
  });

  it("lets a viewer read readiness", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);
    await evidencedControl(ctx, "AC-01", [CC61]);
    const { ctx: viewer } = await addMember(ctx, "viewer");

    expect((await engagementReadiness(viewer, id, TODAY)).counts).toMatchObject({
      ready: 1,
      total: 33,
    });
  });
});

describe("engagementReadiness queries", () => {
  it("runs the same number of queries for 3 and for 30 controls with evidence", async () => {
    const CODES = ["CC6.1", "CC6.2", "CC6.3", "CC6.6", "CC7.1", "CC7.2", "CC8.1", "CC9.1"];
    const measure = async (controls: number): Promise<{ queries: number; ready: number }> => {
      const ctx = await makeOrg();
      const { id } = await makeEngagement(ctx);
      for (let n = 0; n < controls; n += 1)
        await evidencedControl(ctx, `AC-${String(n + 1).padStart(2, "0")}`, [
          criterion(CODES[n % CODES.length] ?? "CC1.1"),
        ]);
      await engagementReadiness(ctx, id, TODAY);
      queries.count = 0;
      const view = await engagementReadiness(ctx, id, TODAY);
      return { queries: queries.count, ready: view.readiness.controlCounts.ready };
    };

    const small = await measure(3);
    const large = await measure(30);

    expect(small).toMatchObject({ ready: 3 });
    expect(large).toMatchObject({ ready: 30 });
    expect(small.queries).toBeGreaterThan(0);
    expect(large.queries).toBe(small.queries);
  });

  it("loads an engagement with more controls than SQLite takes bound parameters (999), leaving out unmapped ones", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);
    const db = getDb();
    const count = 1_200;
    const refs = Array.from({ length: count + 1 }, (_, n) => `BULK-${String(n).padStart(4, "0")}`);
    // Written in bulk (the data layer would take minutes); the last control stays unmapped.
    await ensureCatalog();
    for (let start = 0; start < refs.length; start += 100) {
      const chunk = refs.slice(start, start + 100);
      await db.control.createMany({
        data: chunk.map((ref) => ({
          id: `${ctx.orgId}-${ref}`,
          organizationId: ctx.orgId,
          ref,
          title: ref,
          searchText: ref.toLowerCase(),
          description: "Reviewed quarterly.",
          ownerId: ctx.userId,
          status: "implemented",
          frequency: "quarterly",
          nature: "manual",
        })),
      });
      await db.evidence.createMany({
        data: chunk.flatMap((ref) => [
          {
            id: `${ctx.orgId}-${ref}-d`,
            organizationId: ctx.orgId,
            kind: "note",
            purpose: "design",
            title: "Procedure",
            note: "Procedure",
            effectiveDate: "2026-01-15",
            uploadedById: ctx.userId,
          },
          {
            id: `${ctx.orgId}-${ref}-o`,
            organizationId: ctx.orgId,
            kind: "note",
            purpose: "operating",
            title: "Q1 review",
            note: "Q1 review",
            effectiveDate: "2026-03-31",
            uploadedById: ctx.userId,
          },
        ]),
      });
      await db.evidenceControl.createMany({
        data: chunk.flatMap((ref) =>
          ["d", "o"].map((purpose) => ({
            evidenceId: `${ctx.orgId}-${ref}-${purpose}`,
            controlId: `${ctx.orgId}-${ref}`,
            organizationId: ctx.orgId,
          })),
        ),
      });
      const mapped = chunk.filter((ref) => ref !== refs[count]);
      await db.controlMapping.createMany({
        data: mapped.map((ref) => ({
          organizationId: ctx.orgId,
          controlId: `${ctx.orgId}-${ref}`,
          criterionId: CC61,
        })),
      });
    }

    const view = await engagementReadiness(ctx, id, TODAY);

    expect(view.readiness.controlCounts).toEqual({ ready: count, notReady: 0, total: count });
    expect(view.readiness.controls).toHaveLength(count);
    expect(view.counts).toMatchObject({ ready: 1, unmapped: 32 });
  });
});

describe("daily readiness snapshots", () => {
  // SQLite through the driver adapter keeps 15 significant digits of a float, not all 17.
  const percent = (ready: number): unknown => expect.closeTo((100 * ready) / 33, 10);
  const counts = (ready: number): StatusCounts => ({
    ready,
    in_progress: 2,
    unmapped: 33 - ready - 2,
    not_applicable: 0,
    total: 33,
    readinessPercent: (100 * ready) / 33,
  });
  const rowsOf = (engagementId: string) =>
    getDb().readinessSnapshot.findMany({
      where: { engagementId },
      orderBy: { day: "asc" },
      select: {
        organizationId: true,
        day: true,
        ready: true,
        inProgress: true,
        unmapped: true,
        notApplicable: true,
        total: true,
        readinessPercent: true,
      },
    });

  it("keeps one row per engagement per day, with that day's latest figures", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);
    const other = await makeEngagement(ctx);

    await recordDailySnapshot(ctx, id, TODAY, counts(1));
    await recordDailySnapshot(ctx, id, TODAY, counts(4));
    await recordDailySnapshot(ctx, other.id, TODAY, counts(2));

    expect(await rowsOf(id)).toEqual([
      {
        organizationId: ctx.orgId,
        day: TODAY,
        ready: 4,
        inProgress: 2,
        unmapped: 27,
        notApplicable: 0,
        total: 33,
        readinessPercent: percent(4),
      },
    ]);
    expect(await listSnapshots(ctx, other.id, "2026-01-01")).toEqual([
      { day: TODAY, readinessPercent: percent(2) },
    ]);
  });

  it("records what engagementReadiness computed, and a viewer's visit refreshes it", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);
    const { ctx: viewer } = await addMember(ctx, "viewer");
    await recordDailySnapshot(ctx, id, TODAY, (await engagementReadiness(ctx, id, TODAY)).counts);
    await evidencedControl(ctx, "AC-01", [CC61]);

    await recordDailySnapshot(
      viewer,
      id,
      TODAY,
      (await engagementReadiness(viewer, id, TODAY)).counts,
    );

    expect(await listSnapshots(viewer, id, TODAY)).toEqual([
      { day: TODAY, readinessPercent: percent(1) },
    ]);
  });

  it("lists days in order from the day asked for", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);
    for (const [day, ready] of [
      ["2026-04-17", 3],
      ["2026-04-15", 1],
      ["2026-04-16", 2],
      ["2026-03-01", 0],
    ] as const) {
      await recordDailySnapshot(ctx, id, day, counts(ready));
    }

    expect(await listSnapshots(ctx, id, "2026-04-01")).toEqual([
      { day: "2026-04-15", readinessPercent: percent(1) },
      { day: "2026-04-16", readinessPercent: percent(2) },
      { day: "2026-04-17", readinessPercent: percent(3) },
    ]);
    expect((await listSnapshots(ctx, id, "2026-01-01")).map((point) => point.day)).toEqual([
      "2026-03-01",
      "2026-04-15",
      "2026-04-16",
      "2026-04-17",
    ]);
  });

  it("writes and shows nothing for another organisation's engagement", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    const their = await makeEngagement(theirs);
    await recordDailySnapshot(theirs, their.id, "2026-04-14", counts(5));

    await recordDailySnapshot(mine, their.id, TODAY, counts(33));

    expect(await rowsOf(their.id)).toEqual([
      expect.objectContaining({ organizationId: theirs.orgId, day: "2026-04-14", ready: 5 }),
    ]);
    expect(await getDb().readinessSnapshot.count({ where: { organizationId: mine.orgId } })).toBe(
      0,
    );
    expect(await listSnapshots(mine, their.id, "2026-01-01")).toEqual([]);
  });
});
