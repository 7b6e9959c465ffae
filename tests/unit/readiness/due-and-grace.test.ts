// Version 2 of the contract, section 5 "Due" and "Slot states": a slot is due once it has closed
// and the control's grace has passed (slot.end + graceDays < today).
import { describe, expect, it } from "vitest";
import type { ControlFrequency } from "@/lib/domain/controls";
import {
  operatingReadiness,
  type OperatingEvidence,
  type OperatingInput,
} from "@/lib/domain/readiness/operating";
import type { SlotEvent } from "@/lib/domain/readiness/slots";
import { H1_2026 } from "./builders";

function run(frequency: ControlFrequency, overrides: Partial<OperatingInput> = {}) {
  return operatingReadiness(
    { frequency },
    {
      period: H1_2026,
      today: "2026-05-15",
      evidence: [],
      events: [],
      exceptions: [],
      designResult: { ready: true, reasons: [] },
      ...overrides,
    },
  );
}
const slot = (result: ReturnType<typeof run>, key: string) =>
  result.slots.find((candidate) => candidate.key === key);
const on = (...dates: string[]): OperatingEvidence[] =>
  dates.map((effectiveDate) => ({ effectiveDate }));

describe("due at the period end and the day after", () => {
  it("keeps the last slot open on the period's last day", () => {
    const result = run("monthly", { today: "2026-06-30" });
    expect(slot(result, "2026-06")).toMatchObject({
      state: "open",
      due: false,
      dueFrom: "2026-07-01",
    });
    expect(result.due).toBe(5);
  });

  it("makes every slot due the day after the period ends", () => {
    const result = run("monthly", { today: "2026-07-01" });
    expect(result.due).toBe(6);
    expect(result.slots.every((candidate) => candidate.state === "missing")).toBe(true);
    expect(result.missing).toEqual([
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
    ]);
  });

  it("with grace, makes every slot due only after periodEnd + graceDays", () => {
    expect(run("monthly", { today: "2026-07-07", graceDays: 7 }).due).toBe(5);
    expect(slot(run("monthly", { today: "2026-07-07", graceDays: 7 }), "2026-06")).toMatchObject({
      state: "open",
      dueFrom: "2026-07-08",
    });
    expect(run("monthly", { today: "2026-07-08", graceDays: 7 }).due).toBe(6);
    expect(run("annual", { today: "2026-09-28", graceDays: 90 }).due).toBe(0);
    expect(run("annual", { today: "2026-09-28", graceDays: 90 }).slots[0]?.dueFrom).toBe(
      "2026-09-29",
    );
    expect(run("annual", { today: "2026-09-29", graceDays: 90 }).due).toBe(1);
  });

  it("gives asOf as min(today, periodEnd)", () => {
    expect(run("monthly", { today: "2026-07-01" }).asOf).toBe("2026-06-30");
    expect(run("monthly", { today: "2026-03-01" }).asOf).toBe("2026-03-01");
  });
});

describe("grace boundaries: slot.end + graceDays against today", () => {
  // The March slot ends 2026-03-31; with 7 grace days, end + grace = 2026-04-07.
  it("is due when end + graceDays is today − 1", () => {
    expect(slot(run("monthly", { today: "2026-04-08", graceDays: 7 }), "2026-03")).toMatchObject({
      due: true,
      state: "missing",
      dueFrom: null,
    });
  });

  it("is open, not due, when end + graceDays is today", () => {
    expect(slot(run("monthly", { today: "2026-04-07", graceDays: 7 }), "2026-03")).toMatchObject({
      due: false,
      state: "open",
      dueFrom: "2026-04-08",
    });
  });

  it("is open, not due, when end + graceDays is today + 1", () => {
    expect(slot(run("monthly", { today: "2026-04-06", graceDays: 7 }), "2026-03")).toMatchObject({
      due: false,
      state: "open",
      dueFrom: "2026-04-08",
    });
  });

  it("with no grace, is due the day after the slot's end and open on it", () => {
    expect(slot(run("daily", { today: "2026-03-10" }), "2026-03-09")?.state).toBe("missing");
    expect(slot(run("daily", { today: "2026-03-10" }), "2026-03-10")).toMatchObject({
      state: "open",
      dueFrom: "2026-03-11",
    });
    expect(slot(run("daily", { today: "2026-03-10" }), "2026-03-11")?.state).toBe("upcoming");
  });

  it("accepts the largest grace, 90 days, across a year end", () => {
    const period = { start: "2026-07-01", end: "2026-12-31" };
    const result = run("quarterly", { period, today: "2027-03-31", graceDays: 90 });
    expect(slot(result, "2026-Q3")?.state).toBe("missing");
    expect(slot(result, "2026-Q4")).toMatchObject({ state: "open", dueFrom: "2027-04-01" });
  });
});

describe("the four slot states", () => {
  it("gives each slot exactly one state: covered, missing, open or upcoming", () => {
    const result = run("monthly", {
      today: "2026-04-03",
      graceDays: 5,
      evidence: on("2026-01-20", "2026-05-02"),
    });
    expect(result.slots.map((candidate) => [candidate.key, candidate.state])).toEqual([
      ["2026-01", "covered"],
      ["2026-02", "missing"],
      ["2026-03", "open"],
      ["2026-04", "open"],
      ["2026-05", "covered"],
      ["2026-06", "upcoming"],
    ]);
    expect(result).toMatchObject({ due: 2, covered: 1, coverage: 0.5, missing: ["2026-02"] });
  });

  it("gives a due date only to open slots", () => {
    const result = run("monthly", { today: "2026-04-03", evidence: on("2026-04-01") });
    expect(result.slots.map((candidate) => candidate.dueFrom)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(slot(run("monthly", { today: "2026-04-03" }), "2026-04")?.dueFrom).toBe("2026-05-01");
  });

  it("calls a slot that starts today open, and one that starts tomorrow upcoming", () => {
    const result = run("weekly", { today: "2026-03-09" });
    expect(slot(result, "2026-W11")).toMatchObject({ start: "2026-03-09", state: "open" });
    expect(slot(result, "2026-W12")).toMatchObject({ start: "2026-03-16", state: "upcoming" });
  });

  it("has coverage null while nothing is due, even with slots open and covered", () => {
    const result = run("quarterly", { today: "2026-02-01", evidence: on("2026-01-15") });
    expect(result).toMatchObject({ due: 0, covered: 0, coverage: null, ready: true });
    expect(result.slots[0]?.state).toBe("covered");
  });

  it("lets only missing slots block readiness", () => {
    expect(run("daily", { today: "2026-01-01" }).ready).toBe(true);
    expect(run("daily", { today: "2026-01-02" }).ready).toBe(false);
  });
});

describe("event-driven controls with grace", () => {
  const events: SlotEvent[] = [
    { id: "e-hire", date: "2026-05-01", label: "HIRE-1" },
    { id: "e-leaver", date: "2026-05-10", label: "LEAVE-1" },
  ];

  it("makes an event due when event.date + graceDays < today", () => {
    const result = run("event_driven", { events, graceDays: 10 });
    expect(result.slots.map((candidate) => [candidate.key, candidate.state])).toEqual([
      ["e-hire", "missing"],
      ["e-leaver", "open"],
    ]);
    expect(slot(result, "e-leaver")?.dueFrom).toBe("2026-05-21");
    expect(result.missing).toEqual(["e-hire"]);
    expect(result.reasons[0]?.text).toBe("2026-05-01 HIRE-1 missing");
  });

  it("keeps an event open on event.date + graceDays and due the day after", () => {
    expect(slot(run("event_driven", { events, graceDays: 14 }), "e-hire")?.state).toBe("open");
    expect(slot(run("event_driven", { events, graceDays: 13 }), "e-hire")?.state).toBe("missing");
  });

  it("never covers an event by dates, even within its grace", () => {
    const result = run("event_driven", { events, graceDays: 3, evidence: on("2026-05-01") });
    expect(slot(result, "e-hire")?.state).toBe("missing");
  });
});
