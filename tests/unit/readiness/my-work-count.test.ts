import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONTROL_FREQUENCIES, CONTROL_STATUSES } from "@/lib/domain/controls";
import { addDays } from "@/lib/domain/readiness/calendar";
import { DEFAULT_FRESHNESS_DAYS } from "@/lib/domain/readiness/design";
import { computeReadiness, type ReadinessInput } from "@/lib/domain/readiness/engine";
import { compactControl, type MaintainedControl } from "@/lib/domain/readiness/maintained";
import { workCountFromRows, type CountedEngagement } from "@/lib/domain/readiness/my-work-count";
import { workCount, workQueue } from "@/lib/domain/readiness/work-queue";
import { makeControl, makeEvidence, makeInput, TODAY } from "./builders";

// The navigation's count from the maintained rows: the number of items workQueue lists on the
// member's controls (unmapped requirements are nobody's), or null where the rows cannot tell.

const START = "2026-01-01";
const day = fc.integer({ min: -400, max: 400 }).map((offset) => addDays(START, offset));

const world: fc.Arbitrary<ReadinessInput> = fc
  .record({
    typeII: fc.boolean(),
    today: day,
    length: fc.integer({ min: 0, max: 200 }),
    freshnessDays: fc.constantFrom(30, 90, 365),
    requirements: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
    controls: fc.array(
      fc.record({
        status: fc.constantFrom(...CONTROL_STATUSES),
        described: fc.boolean(),
        frequency: fc.constantFrom(...CONTROL_FREQUENCIES),
        graceDays: fc.constantFrom(0, 5, 30),
      }),
      { maxLength: 6 },
    ),
    mappings: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 12 }),
    evidence: fc.array(
      fc.record({
        design: fc.boolean(),
        date: day,
        span: fc.integer({ min: 0, max: 120 }),
        control: fc.nat(),
      }),
      { maxLength: 20 },
    ),
    exceptions: fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 4 }),
  })
  .map((w) => {
    const controlId = (n: number) => `c-${n % Math.max(w.controls.length, 1)}`;
    return {
      engagement: w.typeII
        ? { type: "TYPE_II", periodStart: START, periodEnd: addDays(START, w.length) }
        : { type: "TYPE_I", asOfDate: addDays(START, w.length) },
      today: w.today,
      freshnessDays: w.freshnessDays,
      requirements: w.requirements.map((notApplicable, i) => ({ id: `r-${i}`, notApplicable })),
      controls: w.controls.map((c, i) => ({
        id: `c-${i}`,
        ref: `C-${i}`,
        status: c.status,
        ownerId: "u-me",
        description: c.described ? "Does the thing." : "",
        frequency: c.frequency,
        graceDays: c.graceDays,
      })),
      mappings: w.mappings.map(([c, r]) => ({
        controlId: controlId(c),
        requirementId: `r-${r % w.requirements.length}`,
      })),
      evidence: w.evidence.map((e) => ({
        purpose: e.design ? "design" : "operating",
        effectiveDate: e.date,
        coverageEnd: addDays(e.date, e.span),
        controlIds: [controlId(e.control)],
      })),
      events: [],
      exceptions: w.exceptions.map(([c, open]) => ({
        controlId: controlId(c),
        status: open ? "open" : "remediated",
      })),
    } satisfies ReadinessInput;
  });

const freshnessOf = (input: ReadinessInput) => input.freshnessDays ?? DEFAULT_FRESHNESS_DAYS;

/** The engagement as the loader hands it over: each control's stored (compact) result. */
function counted(input: ReadinessInput, readinessDay: string | null = input.today) {
  const readiness = computeReadiness({ ...input, requirements: [], mappings: [] });
  const engagement: CountedEngagement = {
    type: readiness.type,
    periodEnd: input.engagement.periodEnd ?? null,
    readinessDay,
    requirements: input.requirements,
    rows: new Map(readiness.controls.map((c) => [c.controlId, compactControl(c)])),
  };
  const active = new Set(input.controls.filter((c) => c.status !== "retired").map((c) => c.id));
  return {
    today: input.today,
    freshnessDays: freshnessOf(input),
    engagements: [engagement],
    // The loader reads the mappings of the member's active controls only.
    mappings: input.mappings.filter((mapping) => active.has(mapping.controlId)),
  };
}

/** What My work lists on the member's controls: the queue, less what is nobody's. */
function listed(input: ReadinessInput): number {
  const readiness = computeReadiness(input);
  return workQueue({
    readiness,
    requirements: input.requirements.map((r) => ({ id: r.id, code: r.id, title: "" })),
    owners: new Map(input.controls.map((c) => [c.id, c.ownerId])),
    today: input.today,
    freshnessDays: freshnessOf(input),
    periodEnd: readiness.type === "TYPE_II" ? (input.engagement.periodEnd ?? null) : null,
  }).filter((item) => item.ownerId === "u-me").length;
}

describe("workCountFromRows", () => {
  it("equals the number of items the queue lists on the member's controls", () => {
    fc.assert(
      fc.property(world, (input) => {
        expect(workCountFromRows(counted(input))).toBe(listed(input));
      }),
      { numRuns: 500 },
    );
  });

  it("adds up the engagements", () => {
    const input = makeInput({ controls: [makeControl({ description: "" })] });
    const one = counted(input);
    expect(workCountFromRows(one)).toBe(2);
    expect(
      workCountFromRows({ ...one, engagements: [...one.engagements, ...one.engagements] }),
    ).toBe(4);
  });

  it("cannot tell from rows for another day, or when a mapped control has no row", () => {
    const input = makeInput();
    expect(workCountFromRows(counted(input, addDays(TODAY, -1)))).toBeNull();
    expect(workCountFromRows(counted(input, null))).toBeNull();
    const [engagement] = counted(input).engagements;
    if (!engagement) throw new Error("no engagement");
    const noRow = { ...engagement, rows: new Map<string, MaintainedControl>() };
    expect(workCountFromRows({ ...counted(input), engagements: [noRow] })).toBeNull();
    // Mapped to a requirement the engagement does not cover: no row is needed.
    const elsewhere = [{ controlId: "c-ac03", requirementId: "CC9.9" }];
    expect(
      workCountFromRows({ ...counted(input), engagements: [noRow], mappings: elsewhere }),
    ).toBe(0);
  });
});

describe("workCount", () => {
  it("counts each kind once per control: design, missing, exception, expiring, due soon", () => {
    const input = makeInput({
      today: "2026-05-20",
      freshnessDays: 150,
      controls: [
        makeControl({ frequency: "monthly" }),
        makeControl({ id: "c-ac04", ref: "AC-04", description: "" }),
      ],
      mappings: [
        { controlId: "c-ac03", requirementId: "CC6.2" },
        { controlId: "c-ac04", requirementId: "CC6.2" },
      ],
      evidence: [
        makeEvidence({ purpose: "design", effectiveDate: "2026-01-05" }),
        makeEvidence({ effectiveDate: "2026-01-20" }),
      ],
      exceptions: [{ controlId: "c-ac03", status: "open" }],
    });
    const readiness = computeReadiness(input);
    const kinds = workQueue({
      readiness,
      requirements: [],
      owners: new Map(),
      today: input.today,
      freshnessDays: freshnessOf(input),
      periodEnd: "2026-06-30",
    }).map((item) => item.kind);
    expect(new Set(kinds)).toEqual(
      new Set(["design", "missing", "exception", "expiring", "due_soon"]),
    );
    expect(
      workCount({
        type: readiness.type,
        today: input.today,
        freshnessDays: freshnessOf(input),
        periodEnd: "2026-06-30",
        controls: readiness.controls.filter((control) => control.inScope),
      }),
    ).toBe(kinds.length);
  });
});
