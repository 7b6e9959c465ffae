import { beforeAll, describe, expect, it } from "vitest";
import { loadMetrics } from "@/lib/export/pdf/measure";
import { summaryLines } from "@/lib/export/matrix-summary";
import { scopeIntro } from "@/lib/export/pdf/scope";
import { makeExportSummary } from "@/tests/fixtures/export-summary";

function summaryOf(family: "SOC2" | "SOC1" | "ISAE3402") {
  const base = makeExportSummary();
  return makeExportSummary({ engagement: { ...base.engagement, family } });
}

describe("criteria edition in exports", () => {
  beforeAll(async () => {
    await loadMetrics();
  });

  it("is printed for SOC 2 in the workbook's summary and the PDF's scope", () => {
    const summary = summaryOf("SOC2");
    expect(summaryLines(summary).map((line) => line.label)).toContain("Criteria edition");
    expect(scopeIntro(summary.engagement)).toContain("criteria edition tsc-2017-rev2022");
  });

  it.each(["SOC1", "ISAE3402"] as const)(
    "is not printed for %s (objectives, not criteria)",
    (family) => {
      const summary = summaryOf(family);
      expect(summaryLines(summary).map((line) => line.label)).not.toContain("Criteria edition");
      expect(scopeIntro(summary.engagement)).not.toMatch(/criteria edition|tsc-2017/i);
    },
  );
});
