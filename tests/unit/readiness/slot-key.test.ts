// Version 2 of the contract, sections 3 and 5 "Covered": operating evidence may name the
// occurrence it is for (slotKey); it then covers that slot only, whatever its dates.
import { describe, expect, it } from "vitest";
import type { ControlFrequency } from "@/lib/domain/controls";
import { computeReadiness } from "@/lib/domain/readiness/engine";
import {
  operatingReadiness,
  type OperatingEvidence,
  type OperatingInput,
} from "@/lib/domain/readiness/operating";
import { expectedSlots } from "@/lib/domain/readiness/slots";
import { H1_2026, makeControl, makeEvidence, makeInput } from "./builders";

function run(frequency: ControlFrequency, overrides: Partial<OperatingInput> = {}) {
  return operatingReadiness(
    { frequency },
    {
      period: H1_2026,
      today: "2026-07-15",
      evidence: [],
      events: [],
      exceptions: [],
      designResult: { ready: true, reasons: [] },
      ...overrides,
    },
  );
}
const states = (result: ReturnType<typeof run>) =>
  Object.fromEntries(result.slots.map((slot) => [slot.key, slot.state]));
const forSlot = (
  slotKey: string | null,
  effectiveDate: string,
  id?: string,
): OperatingEvidence => ({
  id,
  effectiveDate,
  slotKey,
});

describe("evidence naming a slot", () => {
  it("covers the slot it names, whatever its dates", () => {
    const result = run("quarterly", { evidence: [forSlot("2026-Q1", "2026-07-02")] });
    expect(states(result)).toEqual({ "2026-Q1": "covered", "2026-Q2": "missing" });
  });

  it("covers that slot only, not the one its dates fall in", () => {
    const result = run("quarterly", { evidence: [forSlot("2026-Q2", "2026-02-10")] });
    expect(states(result)).toEqual({ "2026-Q1": "missing", "2026-Q2": "covered" });
  });

  it("covers only the named slot even when its date range spans several", () => {
    const result = run("monthly", {
      evidence: [{ effectiveDate: "2026-01-01", coverageEnd: "2026-06-30", slotKey: "2026-03" }],
    });
    expect(result.covered).toBe(1);
    expect(result.missing).toEqual(["2026-01", "2026-02", "2026-04", "2026-05", "2026-06"]);
  });

  it("names the annual or continuous slot 'period'", () => {
    expect(run("annual", { evidence: [forSlot("period", "2026-08-01")] }).coverage).toBe(1);
    expect(run("continuous", { evidence: [forSlot("period", "2025-01-01")] }).coverage).toBe(1);
  });

  it("names half-years, days and ISO weeks by their keys", () => {
    expect(states(run("semi_annual", { evidence: [forSlot("2026-H1", "2026-07-03")] }))).toEqual({
      "2026-H1": "covered",
    });
    expect(
      states(
        run("daily", { today: "2026-01-04", evidence: [forSlot("2026-01-02", "2026-01-03")] }),
      ),
    ).toMatchObject({
      "2026-01-01": "missing",
      "2026-01-02": "covered",
      "2026-01-03": "missing",
      "2026-01-04": "open",
    });
    expect(
      states(run("weekly", { today: "2026-01-20", evidence: [forSlot("2026-W02", "2026-01-19")] })),
    ).toMatchObject({ "2026-W02": "covered", "2026-W03": "missing" });
  });

  it("reads an empty or blank slotKey as no slotKey: it covers by its dates", () => {
    const result = run("quarterly", {
      evidence: [forSlot("", "2026-02-10"), forSlot("   ", "2026-05-10")],
    });
    expect(states(result)).toEqual({ "2026-Q1": "covered", "2026-Q2": "covered" });
    expect(result.warnings).toEqual([]);
  });
});

describe("unknown slot keys", () => {
  it("cover nothing and are listed with the warning unknown_slot", () => {
    const result = run("quarterly", {
      evidence: [
        forSlot("2026-Q3", "2026-02-10", "ev-q3"),
        forSlot("2026-03", "2026-05-01", "ev-m"),
      ],
    });
    expect(states(result)).toEqual({ "2026-Q1": "missing", "2026-Q2": "missing" });
    expect(result.ready).toBe(false);
    expect(result.warnings).toEqual([
      {
        code: "unknown_slot",
        text: "2 evidence items name occurrences this control does not have in the period (2026-Q3, 2026-03): it covers nothing here",
        slotKeys: ["2026-Q3", "2026-03"],
        evidenceIds: ["ev-q3", "ev-m"],
      },
    ]);
  });

  it("include a key of the control's slots outside this period", () => {
    const result = run("quarterly", { evidence: [forSlot("2025-Q4", "2026-01-05", "ev-old")] });
    expect(result.covered).toBe(0);
    expect(result.warnings).toMatchObject([{ code: "unknown_slot", slotKeys: ["2025-Q4"] }]);
  });

  it("name each key once and leave out ids the caller did not give", () => {
    const result = run("quarterly", {
      evidence: [forSlot("Q9", "2026-01-05"), forSlot("Q9", "2026-01-06", "ev-2")],
    });
    expect(result.warnings).toMatchObject([
      { code: "unknown_slot", slotKeys: ["Q9"], evidenceIds: ["ev-2"] },
    ]);
  });

  it("do not make a control not ready by themselves", () => {
    const result = run("quarterly", {
      evidence: [
        forSlot("2026-Q1", "2026-04-01"),
        forSlot("2026-Q2", "2026-07-01"),
        forSlot("x", "2026-01-01"),
      ],
    });
    expect(result).toMatchObject({ ready: true, coverage: 1, reasons: [] });
    expect(result.warnings.map((warning) => warning.code)).toEqual(["unknown_slot"]);
  });
});

describe("event-driven controls and slot keys", () => {
  const events = [
    { id: "e-hire", date: "2026-02-10" },
    { id: "e-leaver", date: "2026-04-20" },
  ];

  it("are covered by evidence naming the event's id as its slotKey", () => {
    const result = run("event_driven", { events, evidence: [forSlot("e-leaver", "2026-05-30")] });
    expect(states(result)).toEqual({ "e-hire": "missing", "e-leaver": "covered" });
  });

  it("are still covered by an event link without a slotKey", () => {
    const result = run("event_driven", {
      events,
      evidence: [{ effectiveDate: "2026-02-11", eventId: "e-hire" }],
    });
    expect(states(result)).toEqual({ "e-hire": "covered", "e-leaver": "missing" });
  });

  it("treat a period key on an event-driven control as unknown", () => {
    const result = run("event_driven", { events, evidence: [forSlot("2026-Q1", "2026-02-10")] });
    expect(result.covered).toBe(0);
    expect(result.warnings).toMatchObject([{ code: "unknown_slot", slotKeys: ["2026-Q1"] }]);
  });
});

describe("ISO week-years around New Year", () => {
  const weekKeys = (start: string, end: string) =>
    expectedSlots("weekly", { start, end }).map((slot) => [slot.key, slot.start, slot.end]);

  it("puts 2026-12-31 and 2027-01-01 in 2026-W53", () => {
    expect(weekKeys("2026-12-31", "2027-01-04")).toEqual([
      ["2026-W53", "2026-12-31", "2027-01-03"],
      ["2027-W01", "2027-01-04", "2027-01-04"],
    ]);
    const period = { start: "2026-12-01", end: "2027-01-31" };
    const result = run("weekly", {
      period,
      today: "2027-02-15",
      evidence: [forSlot("2026-W53", "2027-01-05"), { effectiveDate: "2027-01-01" }],
    });
    expect(states(result)["2026-W53"]).toBe("covered");
    expect(states(result)["2027-W01"]).toBe("missing");
  });

  it("puts 2020-12-31 to 2021-01-03 in 2020-W53 and 2021-01-04 in 2021-W01", () => {
    expect(weekKeys("2020-12-31", "2021-01-04")).toEqual([
      ["2020-W53", "2020-12-31", "2021-01-03"],
      ["2021-W01", "2021-01-04", "2021-01-04"],
    ]);
  });

  it("puts 2015-12-31 to 2016-01-03 in 2015-W53 and 2016-01-04 in 2016-W01", () => {
    expect(weekKeys("2015-12-31", "2016-01-04")).toEqual([
      ["2015-W53", "2015-12-31", "2016-01-03"],
      ["2016-W01", "2016-01-04", "2016-01-04"],
    ]);
  });

  it("has no week 53 in a year without one: 2025-12-29 is in 2026-W01", () => {
    expect(weekKeys("2025-12-28", "2025-12-29")).toEqual([
      ["2025-W52", "2025-12-28", "2025-12-28"],
      ["2026-W01", "2025-12-29", "2025-12-29"],
    ]);
    expect(run("weekly", { evidence: [forSlot("2025-W53", "2026-01-01")] }).warnings).toMatchObject(
      [{ code: "unknown_slot" }],
    );
  });
});

describe("slot keys through the engine", () => {
  it("ignore a slotKey on design evidence", () => {
    const result = computeReadiness(
      makeInput({
        today: "2026-07-15",
        evidence: [
          makeEvidence({ purpose: "design", effectiveDate: "2026-01-10", slotKey: "2026-Q9" }),
          makeEvidence({ purpose: "design", effectiveDate: "2026-02-10", slotKey: "2026-Q1" }),
          makeEvidence({ effectiveDate: "2026-03-01" }),
        ],
      }),
    );
    const control = result.controls[0];
    expect(control?.design.ready).toBe(true);
    expect(control?.warnings).toEqual([]);
    expect(control?.operating?.missing).toEqual(["2026-Q2"]);
  });

  it("report unknown_slot among the control's warnings, per control", () => {
    const result = computeReadiness(
      makeInput({
        today: "2026-07-15",
        controls: [makeControl(), makeControl({ id: "c-m", ref: "OP-01", frequency: "monthly" })],
        mappings: [
          { controlId: "c-ac03", requirementId: "CC6.2" },
          { controlId: "c-m", requirementId: "CC6.2" },
        ],
        evidence: [
          makeEvidence({
            purpose: "design",
            effectiveDate: "2026-01-10",
            controlIds: ["c-ac03", "c-m"],
          }),
          makeEvidence({
            id: "ev-q1",
            effectiveDate: "2026-04-03",
            slotKey: "2026-Q1",
            controlIds: ["c-ac03", "c-m"],
          }),
        ],
      }),
    );
    const [quarterly, monthly] = result.controls;
    expect(quarterly?.warnings).toEqual([]);
    expect(quarterly?.operating?.slots[0]?.state).toBe("covered");
    expect(monthly?.warnings).toMatchObject([
      { code: "unknown_slot", slotKeys: ["2026-Q1"], evidenceIds: ["ev-q1"] },
    ]);
    expect(monthly?.operating?.covered).toBe(0);
  });

  it("use the control's graceDays", () => {
    const input = (graceDays: number) =>
      makeInput({
        today: "2026-04-10",
        controls: [makeControl({ graceDays })],
        evidence: [makeEvidence({ purpose: "design", effectiveDate: "2026-01-10" })],
      });
    expect(computeReadiness(input(0)).controls[0]?.ready).toBe(false);
    expect(computeReadiness(input(10)).controls[0]).toMatchObject({
      ready: true,
      operating: { due: 0, coverage: null },
    });
    expect(computeReadiness(input(9)).controls[0]?.ready).toBe(false);
  });
});
