import { describe, expect, it } from "vitest";
import { countsByGroup, nextActions } from "@/lib/domain/readiness/dashboard";
import { computeReadiness } from "@/lib/domain/readiness/engine";
import { makeControl, makeEvidence, makeInput } from "./builders";

describe("countsByGroup", () => {
  it("counts statuses per group in first-seen order", () => {
    const groups = countsByGroup([
      { group: "CC6", status: "ready" },
      { group: "CC1", status: "unmapped" },
      { group: "CC6", status: "not_applicable" },
    ]);
    expect(
      groups.map((g) => [
        g.group,
        g.total,
        g.counts.ready,
        g.counts.unmapped,
        g.counts.not_applicable,
      ]),
    ).toEqual([
      ["CC6", 2, 1, 0, 1],
      ["CC1", 1, 0, 1, 0],
    ]);
  });
});

describe("nextActions", () => {
  const design = makeEvidence({ purpose: "design", effectiveDate: "2025-12-01" });

  it("puts the control holding back most requirements first, oldest missing occurrence first", () => {
    const input = makeInput({
      today: "2026-08-15",
      engagement: { type: "TYPE_II", periodStart: "2026-01-01", periodEnd: "2026-12-31" },
      requirements: [
        { id: "CC6.2", notApplicable: false },
        { id: "CC6.3", notApplicable: false },
        { id: "CC7.1", notApplicable: false },
      ],
      controls: [makeControl(), makeControl({ id: "c-ops", ref: "OPS-01", ownerId: null })],
      mappings: [
        { controlId: "c-ac03", requirementId: "CC6.2" },
        { controlId: "c-ac03", requirementId: "CC6.3" },
        { controlId: "c-ops", requirementId: "CC7.1" },
      ],
      evidence: [
        design,
        makeEvidence({ purpose: "design", effectiveDate: "2025-12-01", controlIds: ["c-ops"] }),
      ],
    });
    const readiness = computeReadiness(input);
    const actions = nextActions(
      readiness,
      [{ id: "CC9.9", code: "CC9.9", title: "Nothing maps here", status: "unmapped" }],
      "2026-08-15",
    );
    expect(actions[0]).toMatchObject({
      kind: "missing_occurrence",
      ref: "AC-03",
      slot: "2026-Q1",
      count: 2,
      impact: 2,
    });
    expect(actions.map((a) => a.kind)).toContain("control_without_owner");
    expect(actions.find((a) => a.kind === "unmapped_requirement")).toMatchObject({
      code: "CC9.9",
      impact: 1,
    });
  });

  it("warns about a slot ending within two weeks that has no evidence yet", () => {
    const readiness = computeReadiness(
      makeInput({
        today: "2026-06-20",
        evidence: [design, makeEvidence({ effectiveDate: "2026-03-01" })],
      }),
    );
    expect(nextActions(readiness, [], "2026-06-20")).toEqual([
      {
        kind: "due_soon",
        impact: 1,
        controlId: "c-ac03",
        ref: "AC-03",
        slot: "2026-Q2",
        ends: "2026-06-30",
      },
    ]);
  });
});
