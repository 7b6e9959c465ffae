import { describe, expect, it } from "vitest";
import { computeReadiness } from "@/lib/domain/readiness/engine";
import { compactControl, summarize, summaryOf } from "@/lib/domain/readiness/maintained";
import { makeControl, makeEvidence, makeInput } from "./builders";

// The maintained copy's pure half: per-control results computed without the engagement's
// mappings, rolled up later with them, give exactly the engine's full computation.

const input = makeInput({
  requirements: [
    { id: "CC6.2", notApplicable: false },
    { id: "CC6.3", notApplicable: true },
    { id: "CC7.1", notApplicable: false },
  ],
  controls: [makeControl(), makeControl({ id: "c-ac04", ref: "AC-04", ownerId: null })],
  mappings: [
    { controlId: "c-ac03", requirementId: "CC6.2" },
    { controlId: "c-ac04", requirementId: "CC6.3" },
  ],
  evidence: [
    makeEvidence({ purpose: "design", effectiveDate: "2025-12-01" }),
    makeEvidence({ effectiveDate: "2026-04-02" }),
  ],
});

describe("maintained readiness summary", () => {
  it("rolls per-control results computed without mappings up to the engine's figures", () => {
    const alone = computeReadiness({ ...input, requirements: [], mappings: [] });
    const full = computeReadiness(input);
    const summary = summarize(
      {
        type: full.type,
        designDate: full.designDate,
        asOf: full.asOf,
        requirements: input.requirements,
        mappings: input.mappings,
      },
      alone.controls.map(compactControl),
    );
    expect(summary).toEqual(summaryOf(full));
    expect(summary.counts).toMatchObject({ in_progress: 1, not_applicable: 1, unmapped: 1 });
    expect(summary.controls.map((control) => control.inScope)).toEqual([true, false]);
  });

  it("keeps only the missing and open slots (Q2 is covered by the April evidence)", () => {
    const [control] = computeReadiness(input).controls;
    if (!control) throw new Error("no control");
    const kept = compactControl(control).operating?.slots.map((slot) => [slot.key, slot.state]);
    expect(control.operating?.slots.map((slot) => slot.state)).toEqual(["missing", "covered"]);
    expect(kept).toEqual([["2026-Q1", "missing"]]);
  });
});
