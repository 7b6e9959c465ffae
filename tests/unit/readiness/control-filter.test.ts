import { describe, expect, it } from "vitest";
import { filterControls } from "@/lib/domain/readiness/control-filter";

const control = (ref: string, title: string, ready: boolean, missing: string[] | null = null) => ({
  ref,
  title,
  ready,
  operating: missing === null ? null : { missing },
});

const CONTROLS = [
  control("AC-01", "Quarterly access review", false, ["2026-Q1"]),
  control("AC-02", "Leaver removal", true, []),
  control("CH-01", "Change approval", false, []),
  control("IR-01", "Incident response plan", true),
];

const refs = (rows: readonly { ref: string }[]) => rows.map((row) => row.ref);

describe("filterControls", () => {
  it("keeps every control without a filter, in order", () => {
    expect(refs(filterControls(CONTROLS, {}))).toEqual(["AC-01", "AC-02", "CH-01", "IR-01"]);
  });

  it("finds a control by ref or by title, whatever the case", () => {
    expect(refs(filterControls(CONTROLS, { control: "ac-" }))).toEqual(["AC-01", "AC-02"]);
    expect(refs(filterControls(CONTROLS, { control: "  APPROVAL " }))).toEqual(["CH-01"]);
    expect(filterControls(CONTROLS, { control: "nothing like it" })).toEqual([]);
  });

  it("filters by state: ready, not ready, or with missing occurrences", () => {
    expect(refs(filterControls(CONTROLS, { state: "ready" }))).toEqual(["AC-02", "IR-01"]);
    expect(refs(filterControls(CONTROLS, { state: "not_ready" }))).toEqual(["AC-01", "CH-01"]);
    expect(refs(filterControls(CONTROLS, { state: "missing" }))).toEqual(["AC-01"]);
  });

  it("combines both", () => {
    expect(refs(filterControls(CONTROLS, { control: "AC", state: "ready" }))).toEqual(["AC-02"]);
  });
});
