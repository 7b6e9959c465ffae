import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import {
  getEngagement,
  markNotApplicable,
  clearNotApplicable,
  updateEngagement,
} from "@/lib/db/engagements";
import { addNoteEvidence } from "@/lib/db/evidence";
import { deleteEvidence, updateEvidence } from "@/lib/db/evidence-corrections";
import { recordException, remediateException } from "@/lib/db/exceptions";
import { maintainReadiness } from "@/lib/db/maintained-readiness";
import { setControlMappings } from "@/lib/db/mappings";
import { getReadinessSettings, updateReadinessSettings } from "@/lib/db/organization-settings";
import { addPopulationEvent, deletePopulationEvent } from "@/lib/db/population";
import { loadReadinessInput } from "@/lib/db/readiness";
import { orgReadiness } from "@/lib/db/org-readiness";
import { orgReadinessSummary } from "@/lib/db/org-readiness-summary";
import { engagementSummary } from "@/lib/db/readiness-summary";
import { updateControl } from "@/lib/db/controls";
import { addDays } from "@/lib/domain/readiness/calendar";
import { computeReadiness } from "@/lib/domain/readiness/engine";
import { summaryOf } from "@/lib/domain/readiness/maintained";
import { todayIn } from "@/lib/domain/time-zone";
import type { ControlInput } from "@/lib/schemas/control";
import { readinessJob } from "@/lib/jobs/readiness-job";
import { runDueJobs } from "@/lib/jobs/runner";
import { currentInstant } from "@/lib/server/clock";
import {
  controlInput,
  criterion,
  engagementInput,
  makeControl,
  makeEngagement,
  makeOrg,
  noteEvidenceInput,
} from "./helpers";

// The maintained readiness is exact (docs/decisions/0043): random sequences of writes through
// the real lib/db functions, day changes with and without the job runner's roll-forward, and
// writes that bypass lib/db altogether; after each step the figures read from the maintained
// rows equal a full recomputation by the engine, and the fast path was the one taken whenever
// the write went through lib/db.

const START = "2026-03-02T12:00:00Z";
const CRITERIA = ["CC6.1", "CC6.2", "CC7.1", "CC7.2"].map(criterion);
const described = "Reviewed by the system owner, evidence kept in the ticket.";

let clockDir = "";
let clockFile = "";
const setClock = (iso: string) => fs.writeFileSync(clockFile, iso);
const today = () => todayIn("UTC", currentInstant());

beforeAll(() => {
  clockDir = fs.mkdtempSync(path.join(os.tmpdir(), "assay-clock-"));
  clockFile = path.join(clockDir, "now");
  setClock(START);
  process.env.ASSAY_CLOCK_FILE = clockFile;
});
afterAll(() => {
  delete process.env.ASSAY_CLOCK_FILE;
  fs.rmSync(clockDir, { recursive: true, force: true });
});

type World = {
  ctx: OrgContext;
  engagementId: string;
  controls: { id: string; input: ControlInput; mapped: string[] }[];
};

async function makeWorld(): Promise<World> {
  const ctx = await makeOrg();
  const controls: World["controls"] = [];
  const shapes: [ControlInput["frequency"], string[]][] = [
    ["quarterly", [CRITERIA[0] ?? "", CRITERIA[1] ?? ""]],
    ["monthly", [CRITERIA[1] ?? ""]],
    ["event_driven", [CRITERIA[2] ?? ""]],
    ["weekly", []],
  ];
  for (const [index, [frequency, mapped]] of shapes.entries()) {
    const input = controlInput({
      ref: `MR-${index}`,
      status: "implemented",
      // One control owned by nobody: My work's selection (the member's own) leaves it out.
      ownerId: index === 1 ? null : ctx.userId,
      description: described,
      frequency,
    });
    const { id } = await makeControl(ctx, input);
    if (mapped.length > 0) await setControlMappings(ctx, id, mapped, []);
    controls.push({ id, input, mapped });
  }
  const { id: engagementId } = await makeEngagement(ctx, { name: "Maintained" });
  return { ctx, engagementId, controls };
}

const control = fc.integer({ min: 0, max: 3 });
const pick = fc.nat({ max: 50 });
const op = fc.oneof(
  fc.record({
    kind: fc.constant("evidence" as const),
    control,
    purpose: fc.constantFrom("design" as const, "operating" as const),
    offset: fc.integer({ min: -400, max: 300 }),
    span: fc.constantFrom(0, 0, 20, 95),
  }),
  fc.record({ kind: fc.constant("move" as const), pick, offset: fc.integer({ min: 0, max: 300 }) }),
  fc.record({ kind: fc.constant("delete" as const), pick }),
  fc.record({ kind: fc.constant("exception" as const), control }),
  fc.record({ kind: fc.constant("remediate" as const), pick }),
  fc.record({
    kind: fc.constant("status" as const),
    control,
    status: fc.constantFrom("implemented" as const, "designed" as const, "retired" as const),
    graceDays: fc.constantFrom(0, 0, 7, 40),
  }),
  fc.record({ kind: fc.constant("map" as const), control, criterion: fc.nat({ max: 3 }) }),
  fc.record({ kind: fc.constant("na" as const), criterion: fc.nat({ max: 3 }) }),
  fc.record({ kind: fc.constant("period" as const), end: fc.integer({ min: 120, max: 364 }) }),
  fc.record({ kind: fc.constant("freshness" as const), days: fc.constantFrom(30, 90, 365) }),
  fc.record({ kind: fc.constant("event" as const), offset: fc.integer({ min: 0, max: 200 }) }),
  fc.record({ kind: fc.constant("dropEvent" as const), pick }),
  fc.record({
    kind: fc.constant("day" as const),
    days: fc.integer({ min: 1, max: 45 }),
    roll: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("unwired" as const),
    pick,
    offset: fc.integer({ min: 0, max: 300 }),
  }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** What the read must have been served from after the step. */
type Expected = "maintained" | "live" | "any";

const dateAt = (offset: number) => addDays("2026-01-01", offset);

async function evidenceRows(world: World) {
  return getDb().evidence.findMany({
    where: { organizationId: world.ctx.orgId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      version: true,
      purpose: true,
      title: true,
      note: true,
      effectiveDate: true,
      coverageEnd: true,
      eventId: true,
      slotKey: true,
      controls: { select: { controlId: true } },
    },
  });
}

function nth<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

/**
 * The clock, whether its day changed since the last roll-forward, and whether the last write
 * changed the period or the freshness (which has the write rebuild the engagement).
 */
type Clock = { iso: string; stale: boolean; rebuilt: boolean };

const quiet = { log: () => undefined, error: () => undefined };

/**
 * Applies one step; answers where the next read must come from: the maintained rows after a
 * write through lib/db, unless the day changed without a roll-forward (a write then leaves the
 * engagement to the job runner, and readers compute it live), which a change of the period or
 * of the organisation's settings ends by rebuilding the engagement in the write.
 */
async function apply(world: World, step: Op, now: Clock): Promise<Expected> {
  const written = await write(world, step, now);
  if (written !== "maintained") {
    now.rebuilt = false;
    return written;
  }
  if (now.rebuilt) now.stale = false;
  now.rebuilt = false;
  return now.stale ? "live" : "maintained";
}

async function write(world: World, step: Op, now: Clock): Promise<Expected> {
  const { ctx } = world;
  const db = getDb();
  switch (step.kind) {
    case "evidence": {
      const target = world.controls[step.control];
      if (!target) return "any";
      const effectiveDate = dateAt(step.offset);
      if (effectiveDate > today()) return "any";
      await addNoteEvidence(
        ctx,
        noteEvidenceInput([target.id], {
          purpose: step.purpose,
          effectiveDate,
          coverageEnd: step.span > 0 ? addDays(effectiveDate, step.span) : undefined,
        }),
      );
      return "maintained";
    }
    case "move":
    case "unwired": {
      const row = nth(await evidenceRows(world), step.pick);
      const effectiveDate = dateAt(step.offset);
      if (!row || effectiveDate > today()) return "any";
      if (step.kind === "unwired") {
        await db.evidence.update({
          where: { id: row.id },
          data: { effectiveDate, coverageEnd: null },
        });
        // Live for the engagement's controls it touched: none when the control is not mapped.
        return "any";
      }
      await updateEvidence(ctx, {
        evidenceId: row.id,
        version: row.version,
        controlIds: row.controls.map((link) => link.controlId),
        purpose: row.purpose === "design" ? "design" : "operating",
        title: row.title,
        note: row.note ?? undefined,
        effectiveDate,
        coverageEnd: undefined,
        eventId: row.eventId ?? undefined,
        slotKey: row.slotKey ?? undefined,
      });
      return "maintained";
    }
    case "delete": {
      const row = nth(await evidenceRows(world), step.pick);
      if (!row) return "any";
      await deleteEvidence(ctx, row.id, row.version, "Uploaded twice.");
      return "maintained";
    }
    case "exception": {
      const target = world.controls[step.control];
      if (!target) return "any";
      await recordException(ctx, {
        controlId: target.id,
        date: addDays(today(), -1),
        description: "A review was skipped.",
        severity: "medium",
      });
      return "maintained";
    }
    case "remediate": {
      const open = await db.controlException.findMany({
        where: { organizationId: ctx.orgId, status: "open" },
        orderBy: { createdAt: "asc" },
        select: { id: true, version: true },
      });
      const row = nth(open, step.pick);
      if (!row) return "any";
      await remediateException(ctx, row.id, "Done late, signed off.", row.version);
      return "maintained";
    }
    case "status": {
      const target = world.controls[step.control];
      if (!target) return "any";
      const { version } = await db.control.findUniqueOrThrow({
        where: { id: target.id },
        select: { version: true },
      });
      target.input = { ...target.input, status: step.status, graceDays: step.graceDays };
      await updateControl(ctx, target.id, target.input, version);
      return "maintained";
    }
    case "map": {
      const target = world.controls[step.control];
      const chosen = CRITERIA[step.criterion];
      if (!target || !chosen) return "any";
      target.mapped = target.mapped.includes(chosen)
        ? target.mapped.filter((id) => id !== chosen)
        : [...target.mapped, chosen];
      await setControlMappings(ctx, target.id, target.mapped, []);
      return "maintained";
    }
    case "na": {
      const requirementId = CRITERIA[step.criterion];
      if (!requirementId) return "any";
      const existing = await db.requirementExclusion.findFirst({
        where: { engagementId: world.engagementId, requirementId },
        select: { id: true },
      });
      if (existing) await clearNotApplicable(ctx, world.engagementId, requirementId, existing.id);
      else
        await markNotApplicable(ctx, world.engagementId, requirementId, "Not used by the service.");
      return "maintained";
    }
    case "period": {
      const engagement = await getEngagement(ctx, world.engagementId);
      now.rebuilt = engagement.periodEnd !== dateAt(step.end);
      await updateEngagement(
        ctx,
        world.engagementId,
        engagementInput({ name: engagement.name, periodEnd: dateAt(step.end) }),
        engagement.version,
      );
      if (now.rebuilt) return "maintained";
      // The same period again: SQLite's trigger fires on the column being set, PostgreSQL's
      // only on a change, so whether the engagement was rebuilt differs (both exact).
      const { readinessDay } = await db.engagement.findUniqueOrThrow({
        where: { id: world.engagementId },
        select: { readinessDay: true },
      });
      now.stale = readinessDay !== today();
      return "any";
    }
    case "freshness": {
      const settings = await getReadinessSettings(ctx);
      now.rebuilt = settings.freshnessDays !== step.days;
      await updateReadinessSettings(ctx, { ...settings, freshnessDays: step.days });
      return "maintained";
    }
    case "event": {
      const target = world.controls[2];
      const date = dateAt(step.offset);
      if (!target || date > today()) return "any";
      await addPopulationEvent(ctx, {
        controlId: target.id,
        date,
        reference: `EV-${step.offset}-${Math.random().toString(36).slice(2, 8)}`,
        description: "",
      });
      return "maintained";
    }
    case "dropEvent": {
      const events = await db.populationEvent.findMany({
        where: { organizationId: ctx.orgId },
        orderBy: { createdAt: "asc" },
        select: { id: true },
      });
      const row = nth(events, step.pick);
      if (!row) return "any";
      await deletePopulationEvent(ctx, row.id);
      return "maintained";
    }
    case "day": {
      now.iso = new Date(Date.parse(now.iso) + step.days * 86_400_000).toISOString();
      setClock(now.iso);
      if (!step.roll) {
        now.stale = true;
        return "live";
      }
      const report = await runDueJobs(db, [readinessJob], () => new Date(now.iso), quiet);
      expect(report.failed).toBe(0);
      now.stale = false;
      return "maintained";
    }
  }
}

async function expectExact(world: World, expected: Expected): Promise<void> {
  const day = today();
  const read = await engagementSummary(world.ctx, world.engagementId, day);
  const { input } = await loadReadinessInput(world.ctx, world.engagementId, day);
  expect(read.summary).toEqual(summaryOf(computeReadiness(input)));
  if (expected !== "any") expect(read.source).toBe(expected);
  // My work, its navigation count, the overview and the calendar feed read orgReadinessSummary.
  for (const selection of [
    { kind: "all" as const },
    { kind: "owner" as const, userId: world.ctx.userId },
  ]) {
    const maintained = await orgReadinessSummary(world.ctx, day, selection);
    const live = await orgReadiness(world.ctx, day, selection);
    expect(maintained.runs).toEqual(
      live.runs.map((run) => ({ ...run, readiness: summaryOf(run.readiness) })),
    );
    expect(maintained.controls).toEqual(live.controls);
    if (expected !== "any") expect(maintained.source).toBe(expected);
  }
}

describe("maintained readiness", () => {
  it("equals a full recomputation after every step of random writes and day changes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 14 }), async (steps) => {
        const now: Clock = { iso: START, stale: false, rebuilt: false };
        setClock(now.iso);
        const world = await makeWorld();
        await expectExact(world, "maintained");
        for (const step of steps) {
          const expected = await apply(world, step, now);
          await expectExact(world, expected);
        }
      }),
      { numRuns: 10, endOnFailure: true },
    );
  }, 600_000);

  it("sees a write that bypassed lib/db (marked by the triggers) until a write maintains it", async () => {
    setClock(START);
    const world = await makeWorld();
    const first = world.controls[0];
    if (!first) throw new Error("no control");
    await addNoteEvidence(
      world.ctx,
      noteEvidenceInput([first.id], { purpose: "design", effectiveDate: "2026-02-10" }),
    );
    const ready = async () =>
      (await engagementSummary(world.ctx, world.engagementId, today())).summary.controls.find(
        (c) => c.controlId === first.id,
      )?.ready;
    expect(await ready()).toBe(true);
    await getDb().control.update({ where: { id: first.id }, data: { description: " " } });
    expect(await ready()).toBe(false);
    await getDb().$transaction((tx) => maintainReadiness(tx, world.ctx.orgId));
    const read = await engagementSummary(world.ctx, world.engagementId, today());
    expect(read.source).toBe("maintained");
    expect(read.summary.controls.find((c) => c.controlId === first.id)?.ready).toBe(false);
  });
});
