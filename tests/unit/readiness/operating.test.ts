import { describe, expect, it } from "vitest";
import type { ControlFrequency } from "@/lib/domain/controls";
import {
  operatingReadiness,
  type OperatingEvidence,
  type OperatingInput,
} from "@/lib/domain/readiness/operating";
import type { Reason } from "@/lib/domain/readiness/reasons";
import type { Period, SlotEvent } from "@/lib/domain/readiness/slots";
import { H1_2026, TODAY } from "./builders";

const DESIGN_READY = { ready: true, reasons: [] };
const NO_OWNER: Reason = { code: "no_owner", text: "no owner" };

function run(frequency: ControlFrequency, overrides: Partial<OperatingInput> = {}) {
  return operatingReadiness(
    { frequency },
    {
      period: H1_2026,
      today: TODAY,
      evidence: [],
      events: [],
      exceptions: [],
      designResult: DESIGN_READY,
      ...overrides,
    },
  );
}
const on = (...dates: string[]): OperatingEvidence[] =>
  dates.map((effectiveDate) => ({ effectiveDate }));
const states = (result: ReturnType<typeof run>) =>
  Object.fromEntries(result.slots.map((slot) => [slot.key, slot.state]));
const codes = (result: ReturnType<typeof run>) => result.reasons.map((reason) => reason.code);

describe("operatingReadiness: due, covered, missing", () => {
  it("covers a due quarter with evidence inside it and leaves the current quarter open", () => {
    const result = run("quarterly", { evidence: on("2026-03-28") });
    expect(states(result)).toEqual({ "2026-Q1": "covered", "2026-Q2": "open" });
    expect(result).toMatchObject({
      ready: true,
      asOf: TODAY,
      due: 1,
      covered: 1,
      coverage: 1,
      missing: [],
      reasons: [],
      warnings: [],
    });
  });

  it("reports a due slot without evidence as missing, with its label", () => {
    const result = run("quarterly", { evidence: on("2026-04-02") });
    expect(states(result)).toEqual({ "2026-Q1": "missing", "2026-Q2": "covered" });
    expect(result.coverage).toBe(0);
    expect(result.missing).toEqual(["2026-Q1"]);
    expect(result.reasons).toEqual([
      { code: "missing_occurrences", text: "2026-Q1 missing", missing: ["2026-Q1"] },
    ]);
    expect(result.ready).toBe(false);
  });

  it("makes a slot due the day after it ends, not on its last day", () => {
    expect(run("quarterly", { today: "2026-03-30" }).slots[0]?.state).toBe("open");
    expect(run("quarterly", { today: "2026-03-31" }).slots[0]).toMatchObject({
      state: "open",
      due: false,
      dueFrom: "2026-04-01",
    });
    expect(run("quarterly", { today: "2026-04-01" }).slots[0]).toMatchObject({
      state: "missing",
      due: true,
      dueFrom: null,
    });
  });

  it("counts evidence dated exactly on a slot's first or last day for that slot only", () => {
    expect(
      states(run("quarterly", { today: "2026-07-01", evidence: on("2026-01-01", "2026-06-30") })),
    ).toEqual({ "2026-Q1": "covered", "2026-Q2": "covered" });
    expect(states(run("quarterly", { today: "2026-07-01", evidence: on("2026-03-31") }))).toEqual({
      "2026-Q1": "covered",
      "2026-Q2": "missing",
    });
    expect(states(run("quarterly", { today: "2026-07-01", evidence: on("2026-04-01") }))).toEqual({
      "2026-Q1": "missing",
      "2026-Q2": "covered",
    });
  });

  it("lets one evidence range cover every slot it overlaps", () => {
    const result = run("monthly", {
      evidence: [{ effectiveDate: "2026-01-31", coverageEnd: "2026-03-01" }],
    });
    expect(states(result)).toEqual({
      "2026-01": "covered",
      "2026-02": "covered",
      "2026-03": "covered",
      "2026-04": "missing",
      "2026-05": "open",
      "2026-06": "upcoming",
    });
    expect(result.coverage).toBe(0.75);
  });

  it("reads a missing or inverted coverageEnd as the single day effectiveDate", () => {
    expect(
      states(
        run("monthly", {
          today: "2026-04-01",
          evidence: [{ effectiveDate: "2026-02-10", coverageEnd: null }],
        }),
      )["2026-03"],
    ).toBe("missing");
    expect(
      states(
        run("monthly", {
          today: "2026-03-31",
          evidence: [{ effectiveDate: "2026-02-10", coverageEnd: "2026-01-05" }],
        }),
      ),
    ).toMatchObject({ "2026-01": "missing", "2026-02": "covered" });
  });

  it("does not let evidence from before a mid-quarter period start cover the clipped first slot", () => {
    const period: Period = { start: "2026-02-15", end: "2026-08-14" };
    expect(states(run("quarterly", { period, evidence: on("2026-02-01") }))["2026-Q1"]).toBe(
      "missing",
    );
    expect(states(run("quarterly", { period, evidence: on("2026-02-15") }))["2026-Q1"]).toBe(
      "covered",
    );
    expect(
      states(
        run("quarterly", {
          period,
          evidence: [{ effectiveDate: "2025-12-15", coverageEnd: "2026-02-15" }],
        }),
      )["2026-Q1"],
    ).toBe("covered");
  });

  it("calls a slot covered as soon as evidence covers it, due or not, and never missing before it is due", () => {
    const result = run("quarterly", { evidence: on("2026-03-01", "2026-04-20") });
    expect(result.slots[1]).toEqual({
      key: "2026-Q2",
      label: "2026-Q2",
      start: "2026-04-01",
      end: "2026-06-30",
      due: false,
      state: "covered",
      dueFrom: null,
    });
    expect(result).toMatchObject({ due: 1, covered: 1, coverage: 1 });
    expect(states(run("quarterly", { today: "2026-01-02" }))).toEqual({
      "2026-Q1": "open",
      "2026-Q2": "upcoming",
    });
    expect(states(run("quarterly", { today: "2025-12-31" }))).toEqual({
      "2026-Q1": "upcoming",
      "2026-Q2": "upcoming",
    });
  });

  it("has coverage null (and is ready) when nothing is due yet", () => {
    const result = run("annual", { today: "2026-06-29" });
    expect(result).toMatchObject({ due: 0, covered: 0, coverage: null, missing: [], ready: true });
    expect(run("quarterly", { today: "2025-12-01" })).toMatchObject({
      asOf: "2025-12-01",
      coverage: null,
      ready: true,
    });
  });

  it("treats every slot as due once today is past the period", () => {
    const result = run("quarterly", { today: "2026-09-01", evidence: on("2026-02-01") });
    expect(result).toMatchObject({
      asOf: "2026-06-30",
      due: 2,
      covered: 1,
      coverage: 0.5,
      missing: ["2026-Q2"],
    });
  });

  it("finds a missing leap day for a daily control and covers February with evidence on the 29th", () => {
    const period = { start: "2028-02-01", end: "2028-03-31" };
    const days = Array.from(
      { length: 29 },
      (_, index) => `2028-02-${String(index + 1).padStart(2, "0")}`,
    ).filter((day) => day !== "2028-02-29");
    const daily = run("daily", {
      period,
      today: "2028-03-02",
      evidence: [...on(...days), { effectiveDate: "2028-03-01" }],
    });
    expect(daily.missing).toEqual(["2028-02-29"]);
    expect(daily.due).toBe(30);
    expect(
      run("monthly", { period, today: "2028-03-02", evidence: on("2028-02-29") }),
    ).toMatchObject({ missing: [], coverage: 1 });
  });

  it("counts week 53 as due the Monday after its Sunday in the next year, covered by evidence dated in January", () => {
    const period = { start: "2026-10-01", end: "2027-03-31" };
    const onSunday = run("weekly", { period, today: "2027-01-03" });
    expect(onSunday.slots.find((slot) => slot.key === "2026-W53")).toMatchObject({
      state: "open",
      dueFrom: "2027-01-04",
    });
    const result = run("weekly", { period, today: "2027-01-04", evidence: on("2027-01-02") });
    const week53 = result.slots.find((slot) => slot.key === "2026-W53");
    expect(week53).toMatchObject({
      start: "2026-12-28",
      end: "2027-01-03",
      due: true,
      state: "covered",
    });
    expect(result.slots.find((slot) => slot.key === "2027-W01")?.state).toBe("open");
  });

  it("names the first five missing slots and counts the rest", () => {
    const result = run("daily", { today: "2026-01-09" });
    expect(result.missing).toHaveLength(8);
    expect(result.reasons[0]?.text).toBe(
      "2026-01-01 missing, 2026-01-02 missing, 2026-01-03 missing, 2026-01-04 missing, 2026-01-05 missing and 3 more",
    );
  });
});

describe("operatingReadiness: reasons and exceptions", () => {
  it("makes an open exception a reason, and ignores remediated ones", () => {
    const evidence = on("2026-02-01");
    expect(
      codes(
        run("quarterly", { evidence, exceptions: [{ status: "open" }, { status: "remediated" }] }),
      ),
    ).toEqual(["open_exception"]);
    expect(
      run("quarterly", { evidence, exceptions: [{ status: "open" }, { status: "open" }] })
        .reasons[0]?.text,
    ).toBe("2 open exceptions");
    expect(run("quarterly", { evidence, exceptions: [{ status: "remediated" }] }).ready).toBe(true);
  });

  it("puts design reasons first, then missing occurrences, then open exceptions", () => {
    const result = run("quarterly", {
      designResult: { ready: false, reasons: [NO_OWNER] },
      exceptions: [{ status: "open" }],
    });
    expect(codes(result)).toEqual(["no_owner", "missing_occurrences", "open_exception"]);
  });

  it("is not ready when design is not ready, even with every slot covered", () => {
    const result = run("quarterly", {
      evidence: on("2026-02-01"),
      designResult: { ready: false, reasons: [NO_OWNER] },
    });
    expect(result.coverage).toBe(1);
    expect(result.ready).toBe(false);
    expect(codes(result)).toEqual(["no_owner"]);
  });
});

describe("operatingReadiness: event-driven controls", () => {
  const events: SlotEvent[] = [
    { id: "e-hire", date: "2026-02-10" },
    { id: "e-leaver", date: "2026-04-20" },
    { id: "e-future", date: "2026-06-01" },
    { id: "e-before", date: "2025-12-20" },
  ];

  it("covers an event when operating evidence names it; dates alone do not count", () => {
    const result = run("event_driven", {
      events,
      evidence: [
        { effectiveDate: "2026-02-11", eventId: "e-hire" },
        { effectiveDate: "2026-04-20" },
      ],
    });
    expect(states(result)).toEqual({
      "e-hire": "covered",
      "e-leaver": "missing",
      "e-future": "upcoming",
    });
    expect(result.missing).toEqual(["e-leaver"]);
    expect(result.reasons[0]?.text).toBe("event 2026-04-20 missing");
  });

  it("ignores events outside the period", () => {
    const result = run("event_driven", {
      events,
      evidence: [
        { effectiveDate: "2026-02-11", eventId: "e-hire" },
        { effectiveDate: "2026-04-21", eventId: "e-leaver" },
      ],
    });
    expect(result.slots.map((slot) => slot.key)).toEqual(["e-hire", "e-leaver", "e-future"]);
    expect(result).toMatchObject({ ready: true, due: 2, coverage: 1 });
  });

  it("is ready with the warning empty_population when no event falls in the period", () => {
    for (const population of [[], [{ id: "e-before", date: "2025-12-20" }]]) {
      const result = run("event_driven", { events: population });
      expect(result).toMatchObject({ ready: true, coverage: null, slots: [], reasons: [] });
      expect(result.warnings.map((warning) => warning.code)).toEqual(["empty_population"]);
    }
    expect(run("quarterly").warnings).toEqual([]);
  });
});
