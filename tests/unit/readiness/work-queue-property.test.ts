import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONTROL_FREQUENCIES, CONTROL_STATUSES } from "@/lib/domain/controls";
import { computeReadiness, type ReadinessInput } from "@/lib/domain/readiness/engine";
import { workQueue } from "@/lib/domain/readiness/work-queue";
import { addDays } from "@/lib/domain/readiness/calendar";

// Whatever the engine says, the queue never comes out empty while a requirement is in progress:
// every in-progress requirement is named by some item, every unmapped one by its own.

const START = "2026-01-01";
const day = fc.integer({ min: -400, max: 400 }).map((offset) => addDays(START, offset));

const world: fc.Arbitrary<ReadinessInput> = fc
  .record({
    typeII: fc.boolean(),
    today: day,
    length: fc.integer({ min: 0, max: 200 }),
    requirements: fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
    controls: fc.array(
      fc.record({
        status: fc.constantFrom(...CONTROL_STATUSES),
        owned: fc.boolean(),
        described: fc.boolean(),
        frequency: fc.constantFrom(...CONTROL_FREQUENCIES),
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
      freshnessDays: 365,
      requirements: w.requirements.map((notApplicable, i) => ({ id: `r-${i}`, notApplicable })),
      controls: w.controls.map((c, i) => ({
        id: `c-${i}`,
        ref: `C-${i}`,
        status: c.status,
        ownerId: c.owned ? "u" : null,
        description: c.described ? "Does the thing." : "",
        frequency: c.frequency,
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

describe("workQueue over random engine results", () => {
  it("names every in-progress and unmapped requirement, so it is never empty while work remains", () => {
    fc.assert(
      fc.property(world, (readinessInput) => {
        const readiness = computeReadiness(readinessInput);
        const items = workQueue({
          readiness,
          requirements: readinessInput.requirements.map((r) => ({
            id: r.id,
            code: r.id,
            title: "",
          })),
          owners: new Map(readinessInput.controls.map((c) => [c.id, c.ownerId])),
          today: readinessInput.today,
          freshnessDays: 365,
          periodEnd: readinessInput.engagement.periodEnd ?? null,
        });
        const named = new Set(items.flatMap((item) => item.requirementIds));
        for (const requirement of readiness.requirements) {
          if (requirement.status === "in_progress" || requirement.status === "unmapped")
            expect(named.has(requirement.requirementId)).toBe(true);
        }
        if (readiness.counts.in_progress > 0) expect(items.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
