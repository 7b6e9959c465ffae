// readiness-rules.md (version 2), section 7, verbatim: one test per variant.
import { describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/readiness/calendar";
import { computeReadiness } from "@/lib/domain/readiness/engine";
import { makeControl, makeEvidence, makeInput } from "./builders";

type Variant = { today?: string; slotKey?: string | null; graceDays?: number };

function workedExample(operatingEvidenceDate: string, variant: Variant = {}) {
  return computeReadiness(
    makeInput({
      engagement: { type: "TYPE_II", periodStart: "2026-01-01", periodEnd: "2026-06-30" },
      today: variant.today ?? "2026-05-15",
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
          graceDays: variant.graceDays ?? 0,
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
          slotKey: variant.slotKey ?? null,
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
      { key: "2026-Q2", start: "2026-04-01", end: "2026-06-30", state: "open" },
    ]);
    expect(control?.operating?.slots[1]?.dueFrom).toBe("2026-07-01");
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

  it("covers 2026-Q1 again when the 2026-04-02 evidence has slotKey 2026-Q1, and not Q2", () => {
    const result = workedExample("2026-04-02", { slotKey: "2026-Q1" });
    const control = result.controls[0];
    expect(control?.operating?.slots.map((slot) => [slot.key, slot.state])).toEqual([
      ["2026-Q1", "covered"],
      ["2026-Q2", "open"],
    ]);
    expect(control?.operating).toMatchObject({ due: 1, covered: 1, coverage: 1, missing: [] });
    expect(control?.ready).toBe(true);
    expect(control?.warnings).toEqual([]);
  });

  it("keeps 2026-Q1 open with graceDays 14 on 2026-04-10, then missing from 2026-04-15", () => {
    const during = workedExample("2026-04-02", { graceDays: 14, today: "2026-04-10" });
    const control = during.controls[0];
    expect(control?.operating?.slots[0]).toMatchObject({
      key: "2026-Q1",
      state: "open",
      due: false,
      dueFrom: "2026-04-15",
    });
    expect(control?.operating).toMatchObject({ due: 0, coverage: null, missing: [] });
    expect(control?.ready).toBe(true);

    const lastOpenDay = workedExample("2026-04-02", { graceDays: 14, today: "2026-04-14" });
    expect(lastOpenDay.controls[0]?.operating?.slots[0]?.state).toBe("open");
    const dueDay = workedExample("2026-04-02", { graceDays: 14, today: "2026-04-15" });
    expect(dueDay.controls[0]?.operating).toMatchObject({
      due: 1,
      coverage: 0,
      missing: ["2026-Q1"],
    });
    expect(dueDay.controls[0]?.operating?.slots[0]?.state).toBe("missing");
    expect(dueDay.controls[0]?.ready).toBe(false);
  });

  it("keeps today's daily slot open: evidence through 2026-03-09, today 2026-03-10, 68 of 68", () => {
    const days: string[] = [];
    for (let day = "2026-01-01"; day <= "2026-03-09"; day = addDays(day, 1)) days.push(day);
    const result = computeReadiness(
      makeInput({
        today: "2026-03-10",
        controls: [makeControl({ frequency: "daily" })],
        evidence: [
          makeEvidence({ purpose: "design", effectiveDate: "2025-12-01" }),
          ...days.map((effectiveDate) => makeEvidence({ effectiveDate })),
        ],
      }),
    );
    const operating = result.controls[0]?.operating;
    expect(operating?.slots.find((slot) => slot.key === "2026-03-10")).toMatchObject({
      state: "open",
      dueFrom: "2026-03-11",
    });
    expect(operating?.slots.find((slot) => slot.key === "2026-03-11")?.state).toBe("upcoming");
    expect(operating).toMatchObject({ due: 68, covered: 68, coverage: 1, missing: [] });
    expect(result.controls[0]?.ready).toBe(true);
  });
});
