import { describe, expect, it } from "vitest";
import { designDate, designReadiness } from "@/lib/domain/readiness/design";
import { makeControl } from "./builders";

const DESIGN_DATE = "2026-05-15";
const dated = (...dates: string[]) => dates.map((effectiveDate) => ({ effectiveDate }));
const codes = (result: { reasons: { code: string }[] }) =>
  result.reasons.map((reason) => reason.code);

describe("designDate", () => {
  it("is the as-of date for Type I, whatever today is", () => {
    expect(designDate({ type: "TYPE_I", asOfDate: "2026-06-30" }, "2026-05-15")).toBe("2026-06-30");
    expect(designDate({ type: "TYPE_I", asOfDate: "2026-03-31" }, "2026-05-15")).toBe("2026-03-31");
  });

  it("is today clamped into the period for Type II", () => {
    const period = { type: "TYPE_II", periodStart: "2026-01-01", periodEnd: "2026-06-30" } as const;
    expect(designDate(period, "2026-05-15")).toBe("2026-05-15");
    expect(designDate(period, "2025-11-20")).toBe("2026-01-01");
    expect(designDate(period, "2026-09-01")).toBe("2026-06-30");
    expect(designDate(period, "2026-01-01")).toBe("2026-01-01");
    expect(designDate(period, "2026-06-30")).toBe("2026-06-30");
  });
});

describe("designReadiness", () => {
  it("is ready when implemented, owned, described and with design evidence in the window", () => {
    const result = designReadiness(makeControl(), dated("2025-12-01"), DESIGN_DATE);
    expect(result).toEqual({
      ready: true,
      reasons: [],
      designDate: DESIGN_DATE,
      windowStart: "2025-05-15",
      latestEvidence: "2025-12-01",
    });
  });

  it("lists every failing rule in the contract's order", () => {
    const result = designReadiness(
      makeControl({ status: "draft", ownerId: null, description: "   " }),
      [],
      DESIGN_DATE,
    );
    expect(result.ready).toBe(false);
    expect(codes(result)).toEqual([
      "not_implemented",
      "no_owner",
      "no_description",
      "no_design_evidence",
    ]);
    expect(
      codes(
        designReadiness(
          makeControl({ ownerId: null, description: null }),
          dated("2024-01-01"),
          DESIGN_DATE,
        ),
      ),
    ).toEqual(["no_owner", "no_description", "stale_design_evidence"]);
  });

  it("needs the status implemented, not merely designed", () => {
    for (const status of ["draft", "designed", "retired"] as const) {
      expect(
        codes(designReadiness(makeControl({ status }), dated("2026-01-01"), DESIGN_DATE)),
      ).toEqual(["not_implemented"]);
    }
  });

  it("counts evidence exactly freshnessDays old and evidence dated on the design date", () => {
    expect(designReadiness(makeControl(), dated("2025-05-15"), DESIGN_DATE).ready).toBe(true);
    expect(designReadiness(makeControl(), dated("2026-05-15"), DESIGN_DATE).ready).toBe(true);
  });

  it("calls evidence one day older than the window stale, not missing", () => {
    const result = designReadiness(makeControl(), dated("2025-05-14", "2023-01-01"), DESIGN_DATE);
    expect(codes(result)).toEqual(["stale_design_evidence"]);
    expect(result.reasons[0]?.text).toBe(
      "design evidence is older than 365 days (latest 2025-05-14)",
    );
  });

  it("does not count design evidence dated after the design date", () => {
    const result = designReadiness(makeControl(), dated("2026-05-16"), DESIGN_DATE);
    expect(codes(result)).toEqual(["no_design_evidence"]);
    expect(result.reasons[0]?.text).toBe("no design evidence dated 2025-05-15…2026-05-15");
    expect(
      codes(designReadiness(makeControl(), dated("2026-06-01", "2024-02-01"), DESIGN_DATE)),
    ).toEqual(["stale_design_evidence"]);
  });

  it("is ready when one piece of evidence is fresh even if others are stale or later", () => {
    const result = designReadiness(
      makeControl(),
      dated("2020-01-01", "2026-02-01", "2025-09-30", "2027-01-01"),
      DESIGN_DATE,
    );
    expect(result.ready).toBe(true);
    expect(result.latestEvidence).toBe("2026-02-01");
  });

  it("honours the organisation's freshness setting", () => {
    expect(designReadiness(makeControl(), dated("2026-02-14"), DESIGN_DATE, 90).windowStart).toBe(
      "2026-02-14",
    );
    expect(designReadiness(makeControl(), dated("2026-02-14"), DESIGN_DATE, 90).ready).toBe(true);
    expect(codes(designReadiness(makeControl(), dated("2026-02-13"), DESIGN_DATE, 90))).toEqual([
      "stale_design_evidence",
    ]);
  });

  it("counts days, not calendar years, across a leap day", () => {
    expect(designReadiness(makeControl(), dated("2028-02-29"), "2029-02-28").windowStart).toBe(
      "2028-02-29",
    );
    expect(designReadiness(makeControl(), dated("2028-02-29"), "2029-02-28").ready).toBe(true);
    expect(codes(designReadiness(makeControl(), dated("2028-02-28"), "2029-02-28"))).toEqual([
      "stale_design_evidence",
    ]);
  });
});
