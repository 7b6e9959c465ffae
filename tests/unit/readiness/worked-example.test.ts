// readiness-rules.md, section 7, verbatim.
import { describe, expect, it } from "vitest";
import { computeReadiness } from "@/lib/domain/readiness/engine";
import { makeControl, makeEvidence, makeInput } from "./builders";

function workedExample(operatingEvidenceDate: string) {
  return computeReadiness(
    makeInput({
      engagement: { type: "TYPE_II", periodStart: "2026-01-01", periodEnd: "2026-06-30" },
      today: "2026-05-15",
      freshnessDays: 365,
      requirements: [
        { id: "CC6.2", notApplicable: false },
        { id: "CC6.3", notApplicable: false },
      ],
      controls: [
        makeControl({
          id: "ac-03",
          ref: "AC-03",
          status: "implemented",
          ownerId: "u-owner",
          description: "Quarterly user access review",
          frequency: "quarterly",
        }),
      ],
      mappings: [
        { controlId: "ac-03", requirementId: "CC6.2" },
        { controlId: "ac-03", requirementId: "CC6.3" },
      ],
      evidence: [
        makeEvidence({ purpose: "design", effectiveDate: "2025-12-01", controlIds: ["ac-03"] }),
        makeEvidence({
          purpose: "operating",
          effectiveDate: operatingEvidenceDate,
          controlIds: ["ac-03"],
        }),
      ],
    }),
  );
}

describe("worked example: SOC 2 Type II, 2026-01-01 … 2026-06-30, today 2026-05-15", () => {
  it("is design-ready and operating-ready with operating evidence dated 2026-03-28", () => {
    const result = workedExample("2026-03-28");
    const control = result.controls[0];
    expect(result.designDate).toBe("2026-05-15");
    expect(result.asOf).toBe("2026-05-15");
    expect(control?.design.ready).toBe(true);
    expect(
      control?.operating?.slots.map(({ key, start, end, state }) => ({ key, start, end, state })),
    ).toEqual([
      { key: "2026-Q1", start: "2026-01-01", end: "2026-03-31", state: "covered" },
      { key: "2026-Q2", start: "2026-04-01", end: "2026-06-30", state: "upcoming" },
    ]);
    expect(control?.operating).toMatchObject({ due: 1, covered: 1, coverage: 1 });
    expect(control?.ready).toBe(true);
    expect(control?.sampling).toMatchObject({
      population: 2,
      min: 2,
      max: 2,
      text: "the auditor will likely test 2 of 2 occurrences",
    });
    expect(result.requirements.map(({ requirementId, status }) => [requirementId, status])).toEqual(
      [
        ["CC6.2", "ready"],
        ["CC6.3", "ready"],
      ],
    );
    expect(result.counts).toMatchObject({
      ready: 2,
      in_progress: 0,
      total: 2,
      readinessPercent: 100,
    });
  });

  it("misses 2026-Q1 when the operating evidence is dated 2026-04-02 instead", () => {
    const result = workedExample("2026-04-02");
    const control = result.controls[0];
    expect(control?.design.ready).toBe(true);
    expect(control?.operating).toMatchObject({
      due: 1,
      covered: 0,
      coverage: 0,
      missing: ["2026-Q1"],
    });
    expect(control?.ready).toBe(false);
    expect(result.requirements).toEqual([
      {
        requirementId: "CC6.2",
        status: "in_progress",
        controlIds: ["ac-03"],
        reasons: ["AC-03: 2026-Q1 missing"],
      },
      {
        requirementId: "CC6.3",
        status: "in_progress",
        controlIds: ["ac-03"],
        reasons: ["AC-03: 2026-Q1 missing"],
      },
    ]);
    expect(result.counts).toMatchObject({ ready: 0, in_progress: 2, readinessPercent: 0 });
  });
});
