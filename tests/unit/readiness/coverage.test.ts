import { describe, expect, it } from "vitest";
import type { ControlFrequency } from "@/lib/domain/controls";
import { operatingReadiness, type OperatingEvidence } from "@/lib/domain/readiness/operating";
import { H1_2026 } from "./builders";

// Which time slots evidence covers, whatever order it comes in and however far its ranges reach
// (operatingReadiness finds each range's slots by binary search rather than by sorting).

const AFTER_H1 = "2026-07-15";

function covered(frequency: ControlFrequency, evidence: OperatingEvidence[]): string[] {
  const result = operatingReadiness(
    { frequency },
    {
      period: H1_2026,
      today: AFTER_H1,
      evidence,
      events: [],
      exceptions: [],
      designResult: { ready: true, reasons: [] },
    },
  );
  return result.slots.filter((slot) => slot.state === "covered").map((slot) => slot.key);
}

describe("operatingReadiness: slot coverage", () => {
  it("gives the same slots whatever order the evidence comes in", () => {
    const evidence: OperatingEvidence[] = [
      { effectiveDate: "2026-05-20" },
      { effectiveDate: "2026-01-10", coverageEnd: "2026-02-03" },
      { effectiveDate: "2026-04-01" },
      { effectiveDate: "2026-01-12" },
    ];
    const expected = ["2026-01", "2026-02", "2026-04", "2026-05"];
    expect(covered("monthly", evidence)).toEqual(expected);
    expect(covered("monthly", [...evidence].reverse())).toEqual(expected);
  });

  it("covers every day a range spans for a daily control, and none beyond it", () => {
    const days = covered("daily", [{ effectiveDate: "2026-02-26", coverageEnd: "2026-03-02" }]);
    expect(days).toEqual(["2026-02-26", "2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
  });

  it("covers from the period start with a range that began before it, and nothing with evidence after it", () => {
    expect(
      covered("quarterly", [{ effectiveDate: "2025-11-01", coverageEnd: "2026-01-05" }]),
    ).toEqual(["2026-Q1"]);
    expect(
      covered("quarterly", [{ effectiveDate: "2025-11-01", coverageEnd: "2025-12-31" }]),
    ).toEqual([]);
    expect(covered("weekly", [{ effectiveDate: "2026-07-01", coverageEnd: "2026-09-30" }])).toEqual(
      [],
    );
  });

  it("covers the whole period with one range that spans it", () => {
    expect(
      covered("weekly", [{ effectiveDate: "2025-12-01", coverageEnd: "2027-01-01" }]),
    ).toHaveLength(27);
  });
});
