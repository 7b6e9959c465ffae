import { describe, expect, it } from "vitest";
import {
  computeReadiness,
  engagementDates,
  evidenceWindow,
  type ReadinessEngagement,
} from "@/lib/domain/readiness/engine";
import { makeControl, makeEvent, makeEvidence, makeInput } from "./builders";

const TYPE_I: ReadinessEngagement = { type: "TYPE_I", asOfDate: "2026-05-15" };
const DESIGN = makeEvidence({ purpose: "design", effectiveDate: "2025-12-01" });
const statuses = (result: ReturnType<typeof computeReadiness>) =>
  Object.fromEntries(
    result.requirements.map((requirement) => [requirement.requirementId, requirement.status]),
  );

describe("computeReadiness: Type I and Type II", () => {
  it("judges the same control on design alone for Type I and on occurrences too for Type II", () => {
    const input = makeInput({ evidence: [DESIGN] });
    const typeII = computeReadiness(input);
    const typeI = computeReadiness({ ...input, engagement: TYPE_I });
    expect(typeI).toMatchObject({ type: "TYPE_I", designDate: "2026-05-15", asOf: null });
    expect(typeI.controls[0]).toMatchObject({
      ready: true,
      operating: null,
      sampling: null,
      warnings: [],
    });
    expect(typeII.controls[0]?.ready).toBe(false);
    expect(typeII.controls[0]?.reasons.map((reason) => reason.code)).toEqual([
      "missing_occurrences",
    ]);
    expect(statuses(typeI)).toEqual({ "CC6.2": "ready" });
    expect(statuses(typeII)).toEqual({ "CC6.2": "in_progress" });
  });

  it("uses the as-of date for Type I, so evidence after it does not count and older evidence may be stale", () => {
    const input = makeInput({
      engagement: { type: "TYPE_I", asOfDate: "2025-11-30" },
      evidence: [DESIGN],
    });
    expect(computeReadiness(input).controls[0]?.reasons.map((reason) => reason.code)).toEqual([
      "no_design_evidence",
    ]);
    const later = makeInput({
      engagement: { type: "TYPE_I", asOfDate: "2026-12-02" },
      evidence: [DESIGN],
    });
    expect(computeReadiness(later).controls[0]?.reasons.map((reason) => reason.code)).toEqual([
      "stale_design_evidence",
    ]);
  });

  it("clamps the Type II design date to the period when today is before or after it", () => {
    const before = computeReadiness(makeInput({ today: "2025-11-15", evidence: [DESIGN] }));
    expect(before).toMatchObject({ designDate: "2026-01-01", asOf: "2025-11-15" });
    expect(before.controls[0]?.operating?.coverage).toBeNull();
    expect(before.controls[0]?.ready).toBe(true);

    const lateDesign = makeEvidence({ purpose: "design", effectiveDate: "2026-07-10" });
    const after = computeReadiness(
      makeInput({
        today: "2026-09-01",
        evidence: [
          lateDesign,
          makeEvidence({ effectiveDate: "2026-02-01" }),
          makeEvidence({ effectiveDate: "2026-05-01" }),
        ],
      }),
    );
    expect(after).toMatchObject({ designDate: "2026-06-30", asOf: "2026-06-30" });
    expect(after.controls[0]?.reasons.map((reason) => reason.code)).toEqual(["no_design_evidence"]);
    expect(after.controls[0]?.operating).toMatchObject({ due: 2, coverage: 1 });
  });

  it("gives sampling guidance over the whole period, not only what is due", () => {
    const result = computeReadiness(
      makeInput({
        engagement: { type: "TYPE_II", periodStart: "2026-01-01", periodEnd: "2026-12-31" },
        controls: [makeControl({ frequency: "monthly" })],
      }),
    );
    expect(result.controls[0]?.sampling?.text).toBe(
      "the auditor will likely test 2–5 of 12 occurrences",
    );
  });
});

describe("computeReadiness: evidence, events and exceptions reach the right control", () => {
  const other = makeControl({ id: "c-other", ref: "AC-01" });

  it("counts evidence for every control it names and for no other", () => {
    const shared = makeEvidence({ purpose: "design", controlIds: ["c-ac03", "c-other"] });
    const input = makeInput({
      controls: [makeControl(), other],
      evidence: [shared, makeEvidence({ controlIds: ["c-other"], effectiveDate: "2026-02-01" })],
    });
    const [ac03, ac01] = computeReadiness(input).controls;
    expect(ac03?.design.ready).toBe(true);
    expect(ac03?.operating?.missing).toEqual(["2026-Q1"]);
    expect(ac01?.ready).toBe(true);
  });

  it("does not count operating evidence as design evidence, nor the other way round", () => {
    const input = makeInput({
      evidence: [
        makeEvidence({ purpose: "operating", effectiveDate: "2025-12-01" }),
        makeEvidence({ purpose: "design", effectiveDate: "2026-02-01" }),
      ],
    });
    const control = computeReadiness(input).controls[0];
    expect(control?.design.latestEvidence).toBe("2026-02-01");
    expect(control?.operating?.missing).toEqual(["2026-Q1"]);
  });

  it("covers an event with evidence linked to the event, even when the evidence names no control", () => {
    const control = makeControl({ frequency: "event_driven" });
    const events = [
      makeEvent({ id: "e-1", date: "2026-02-10" }),
      makeEvent({ id: "e-2", date: "2026-03-01" }),
      makeEvent({ id: "e-out", date: "2026-08-01" }),
    ];
    const input = makeInput({
      controls: [control],
      events,
      evidence: [
        DESIGN,
        makeEvidence({ eventId: "e-1" }),
        makeEvidence({ eventId: "e-2", controlIds: [] }),
      ],
    });
    const result = computeReadiness(input).controls[0];
    expect(result?.operating?.slots.map((slot) => [slot.key, slot.state])).toEqual([
      ["e-1", "covered"],
      ["e-2", "covered"],
    ]);
    expect(result?.sampling).toMatchObject({ population: 2, band: "event_driven_population_2_4" });
    expect(result?.ready).toBe(true);
  });

  it("is ready with empty_population for an event-driven control without events", () => {
    const input = makeInput({
      controls: [makeControl({ frequency: "event_driven" })],
      evidence: [DESIGN],
    });
    const result = computeReadiness(input);
    expect(result.controls[0]).toMatchObject({
      ready: true,
      warnings: [{ code: "empty_population" }],
    });
    expect(statuses(result)).toEqual({ "CC6.2": "ready" });
  });

  it("blocks a control with an open exception and not one whose exceptions are remediated", () => {
    const evidence = [DESIGN, makeEvidence({ effectiveDate: "2026-02-01" })];
    const open = computeReadiness(
      makeInput({
        evidence,
        exceptions: [
          { controlId: "c-ac03", status: "open" },
          { controlId: "c-elsewhere", status: "open" },
        ],
      }),
    );
    expect(open.requirements[0]?.reasons).toEqual(["AC-03: 1 open exception"]);
    const remediated = computeReadiness(
      makeInput({ evidence, exceptions: [{ controlId: "c-ac03", status: "remediated" }] }),
    );
    expect(remediated.controls[0]?.ready).toBe(true);
    const typeI = computeReadiness(
      makeInput({
        engagement: TYPE_I,
        evidence,
        exceptions: [{ controlId: "c-ac03", status: "open" }],
      }),
    );
    expect(typeI.controls[0]?.ready).toBe(true);
  });
});

describe("computeReadiness: requirements and counts", () => {
  const ready = makeControl({ id: "c-ready", ref: "AC-02" });
  const draft = makeControl({ id: "c-draft", ref: "AC-01", status: "draft", ownerId: null });
  const retired = makeControl({ id: "c-retired", ref: "AC-09", status: "retired" });
  const designFor = (...controlIds: string[]) => makeEvidence({ purpose: "design", controlIds });

  it("ignores retired controls everywhere", () => {
    const input = makeInput({
      engagement: TYPE_I,
      requirements: [
        { id: "R1", notApplicable: false },
        { id: "R2", notApplicable: false },
      ],
      controls: [ready, retired],
      mappings: [
        { controlId: "c-ready", requirementId: "R1" },
        { controlId: "c-retired", requirementId: "R1" },
        { controlId: "c-retired", requirementId: "R2" },
      ],
      evidence: [designFor("c-ready")],
    });
    const result = computeReadiness(input);
    expect(result.controls.map((control) => control.controlId)).toEqual(["c-ready"]);
    expect(result.requirements).toEqual([
      { requirementId: "R1", status: "ready", controlIds: ["c-ready"], reasons: [] },
      { requirementId: "R2", status: "unmapped", controlIds: [], reasons: [] },
    ]);
    expect(result.controlCounts).toEqual({ ready: 1, notReady: 0, total: 1 });
  });

  it("lists each reason of each unready control by ref, and none for ready requirements", () => {
    const input = makeInput({
      engagement: TYPE_I,
      controls: [ready, draft],
      mappings: [
        { controlId: "c-ready", requirementId: "CC6.2" },
        { controlId: "c-draft", requirementId: "CC6.2" },
      ],
      evidence: [designFor("c-ready", "c-draft")],
    });
    expect(computeReadiness(input).requirements[0]).toEqual({
      requirementId: "CC6.2",
      status: "in_progress",
      controlIds: ["c-draft", "c-ready"],
      reasons: ["AC-01: not implemented (status draft)", "AC-01: no owner"],
    });
  });

  it("takes N/A requirements out of the denominator, and is 100% when all are N/A", () => {
    const requirements = [
      { id: "R1", notApplicable: false },
      { id: "R2", notApplicable: false },
      { id: "R3", notApplicable: true },
      { id: "R4", notApplicable: false },
    ];
    const mappings = [
      { controlId: "c-ready", requirementId: "R1" },
      { controlId: "c-draft", requirementId: "R2" },
      { controlId: "c-ready", requirementId: "R3" },
    ];
    const result = computeReadiness(
      makeInput({
        engagement: TYPE_I,
        requirements,
        controls: [ready, draft],
        mappings,
        evidence: [designFor("c-ready")],
      }),
    );
    expect(statuses(result)).toEqual({
      R1: "ready",
      R2: "in_progress",
      R3: "not_applicable",
      R4: "unmapped",
    });
    expect(result.counts).toEqual({
      ready: 1,
      in_progress: 1,
      unmapped: 1,
      not_applicable: 1,
      total: 4,
      readinessPercent: 100 / 3,
    });

    const allNa = computeReadiness(
      makeInput({
        engagement: TYPE_I,
        requirements: [{ id: "R3", notApplicable: true }],
        controls: [draft],
        mappings: [{ controlId: "c-draft", requirementId: "R3" }],
      }),
    );
    expect(allNa.counts).toMatchObject({ not_applicable: 1, total: 1, readinessPercent: 100 });
    expect(allNa.requirements[0]?.reasons).toEqual([]);
  });

  it("counts only controls mapped to in-scope requirements that are not N/A", () => {
    const unmapped = makeControl({ id: "c-unmapped", ref: "AC-05" });
    const naOnly = makeControl({ id: "c-na", ref: "AC-06", status: "draft" });
    const elsewhere = makeControl({ id: "c-elsewhere", ref: "AC-07", status: "draft" });
    const input = makeInput({
      engagement: TYPE_I,
      requirements: [
        { id: "R1", notApplicable: false },
        { id: "R2", notApplicable: true },
      ],
      controls: [ready, draft, unmapped, naOnly, elsewhere],
      mappings: [
        { controlId: "c-ready", requirementId: "R1" },
        { controlId: "c-draft", requirementId: "R1" },
        { controlId: "c-draft", requirementId: "R1" },
        { controlId: "c-na", requirementId: "R2" },
        { controlId: "c-elsewhere", requirementId: "OUT-OF-SCOPE" },
        { controlId: "c-ghost", requirementId: "R1" },
      ],
      evidence: [designFor("c-ready", "c-unmapped")],
    });
    const result = computeReadiness(input);
    expect(result.controlCounts).toEqual({ ready: 1, notReady: 1, total: 2 });
    expect(result.controls.map((control) => [control.ref, control.inScope])).toEqual([
      ["AC-02", true],
      ["AC-01", true],
      ["AC-05", false],
      ["AC-06", false],
      ["AC-07", false],
    ]);
    expect(result.requirements[0]?.controlIds).toEqual(["c-draft", "c-ready"]);
  });
});

describe("engagementDates", () => {
  it("rejects an engagement without the dates its type needs", () => {
    expect(() => engagementDates({ type: "TYPE_I", asOfDate: null })).toThrow("as-of date");
    expect(() => engagementDates({ type: "TYPE_II", periodStart: "2026-01-01" })).toThrow(
      "periodStart ≤ periodEnd",
    );
    expect(() =>
      engagementDates({ type: "TYPE_II", periodStart: "2026-07-01", periodEnd: "2026-06-30" }),
    ).toThrow("periodStart ≤ periodEnd");
    expect(
      engagementDates({
        type: "TYPE_II",
        asOfDate: "2026-01-01",
        periodStart: "2026-01-01",
        periodEnd: "2026-01-01",
      }),
    ).toEqual({ type: "TYPE_II", periodStart: "2026-01-01", periodEnd: "2026-01-01" });
  });
});

describe("evidenceWindow", () => {
  it("places Type I evidence against [asOfDate − freshnessDays, asOfDate], boundaries inclusive", () => {
    expect(evidenceWindow({ effectiveDate: "2025-05-15" }, TYPE_I)).toBe("in_window");
    expect(evidenceWindow({ effectiveDate: "2026-05-15" }, TYPE_I)).toBe("in_window");
    expect(evidenceWindow({ effectiveDate: "2025-05-14" }, TYPE_I)).toBe("before_window");
    expect(evidenceWindow({ effectiveDate: "2026-05-16" }, TYPE_I)).toBe("after_window");
    expect(evidenceWindow({ effectiveDate: "2026-01-01" }, TYPE_I, 90)).toBe("before_window");
  });

  it("places Type II evidence against the period, counting ranges that reach into it", () => {
    const period: ReadinessEngagement = {
      type: "TYPE_II",
      periodStart: "2026-01-01",
      periodEnd: "2026-06-30",
    };
    expect(evidenceWindow({ effectiveDate: "2026-01-01" }, period)).toBe("in_window");
    expect(evidenceWindow({ effectiveDate: "2026-06-30" }, period)).toBe("in_window");
    expect(evidenceWindow({ effectiveDate: "2025-12-31" }, period)).toBe("before_window");
    expect(evidenceWindow({ effectiveDate: "2025-12-01", coverageEnd: "2026-01-01" }, period)).toBe(
      "in_window",
    );
    expect(evidenceWindow({ effectiveDate: "2025-12-01", coverageEnd: "2025-12-31" }, period)).toBe(
      "before_window",
    );
    expect(evidenceWindow({ effectiveDate: "2026-07-01", coverageEnd: "2026-09-30" }, period)).toBe(
      "after_window",
    );
  });
});
