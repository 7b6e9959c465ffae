import { describe, expect, it } from "vitest";
import { CONTROL_FREQUENCIES } from "@/lib/domain/controls";
import { expectedSlots, type Slot } from "@/lib/domain/readiness/slots";

const range = (slots: Slot[]) => slots.map((slot) => `${slot.key} ${slot.start}…${slot.end}`);
const YEAR_2026 = { start: "2026-01-01", end: "2026-12-31" };

describe("expectedSlots", () => {
  it("gives annual and continuous controls one slot: the whole period", () => {
    for (const frequency of ["annual", "continuous"] as const) {
      expect(expectedSlots(frequency, { start: "2026-02-15", end: "2026-11-30" })).toEqual([
        { key: "period", label: "2026-02-15…2026-11-30", start: "2026-02-15", end: "2026-11-30" },
      ]);
    }
  });

  it("cuts a calendar year into 2 halves, 4 quarters, 12 months, 53 ISO weeks (2026) and 365 days", () => {
    expect(expectedSlots("semi_annual", YEAR_2026).map((slot) => slot.key)).toEqual([
      "2026-H1",
      "2026-H2",
    ]);
    expect(range(expectedSlots("quarterly", YEAR_2026))).toEqual([
      "2026-Q1 2026-01-01…2026-03-31",
      "2026-Q2 2026-04-01…2026-06-30",
      "2026-Q3 2026-07-01…2026-09-30",
      "2026-Q4 2026-10-01…2026-12-31",
    ]);
    expect(expectedSlots("monthly", YEAR_2026)).toHaveLength(12);
    expect(expectedSlots("weekly", YEAR_2026)).toHaveLength(53);
    expect(expectedSlots("daily", YEAR_2026)).toHaveLength(365);
    expect(expectedSlots("multiple_daily", YEAR_2026)).toHaveLength(365);
  });

  it("clips the first and last slot when the period starts and ends mid-quarter", () => {
    expect(range(expectedSlots("quarterly", { start: "2026-02-15", end: "2026-08-10" }))).toEqual([
      "2026-Q1 2026-02-15…2026-03-31",
      "2026-Q2 2026-04-01…2026-06-30",
      "2026-Q3 2026-07-01…2026-08-10",
    ]);
  });

  it("uses calendar halves across a year end, clipped to the period", () => {
    expect(range(expectedSlots("semi_annual", { start: "2026-04-15", end: "2027-03-31" }))).toEqual(
      [
        "2026-H1 2026-04-15…2026-06-30",
        "2026-H2 2026-07-01…2026-12-31",
        "2027-H1 2027-01-01…2027-03-31",
      ],
    );
  });

  it("gives February 29 days in a leap year, and months across a year end", () => {
    expect(range(expectedSlots("monthly", { start: "2028-01-01", end: "2028-03-31" }))).toEqual([
      "2028-01 2028-01-01…2028-01-31",
      "2028-02 2028-02-01…2028-02-29",
      "2028-03 2028-03-01…2028-03-31",
    ]);
    expect(
      expectedSlots("monthly", { start: "2026-11-15", end: "2027-02-10" }).map((slot) => slot.key),
    ).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
  });

  it("lists the leap day as a daily slot, and 366 days in 2028", () => {
    expect(
      expectedSlots("daily", { start: "2028-02-27", end: "2028-03-01" }).map((slot) => slot.key),
    ).toEqual(["2028-02-27", "2028-02-28", "2028-02-29", "2028-03-01"]);
    expect(expectedSlots("daily", { start: "2028-01-01", end: "2028-12-31" })).toHaveLength(366);
    expect(expectedSlots("daily", { start: "2026-03-14", end: "2026-03-14" })).toEqual([
      { key: "2026-03-14", label: "2026-03-14", start: "2026-03-14", end: "2026-03-14" },
    ]);
  });

  it("uses ISO weeks Monday–Sunday, clipping a period that starts and ends mid-week", () => {
    expect(range(expectedSlots("weekly", { start: "2026-03-04", end: "2026-03-18" }))).toEqual([
      "2026-W10 2026-03-04…2026-03-08",
      "2026-W11 2026-03-09…2026-03-15",
      "2026-W12 2026-03-16…2026-03-18",
    ]);
  });

  it("keys weeks by ISO week-year: 2026-W53 runs 2026-12-28…2027-01-03", () => {
    expect(range(expectedSlots("weekly", { start: "2026-12-21", end: "2027-01-10" }))).toEqual([
      "2026-W52 2026-12-21…2026-12-27",
      "2026-W53 2026-12-28…2027-01-03",
      "2027-W01 2027-01-04…2027-01-10",
    ]);
    expect(range(expectedSlots("weekly", { start: "2027-01-01", end: "2027-01-05" }))).toEqual([
      "2026-W53 2027-01-01…2027-01-03",
      "2027-W01 2027-01-04…2027-01-05",
    ]);
  });

  it("gives an event-driven control one slot per event in the period, by date, ignoring the rest", () => {
    const events = [
      { id: "e-late", date: "2026-07-01" },
      { id: "e-b", date: "2026-03-14", label: "New joiner" },
      { id: "e-first-day", date: "2026-01-01" },
      { id: "e-a", date: "2026-03-14" },
      { id: "e-early", date: "2025-12-31" },
      { id: "e-last-day", date: "2026-06-30" },
    ];
    expect(
      expectedSlots("event_driven", { start: "2026-01-01", end: "2026-06-30" }, events),
    ).toEqual([
      { key: "e-first-day", label: "event 2026-01-01", start: "2026-01-01", end: "2026-01-01" },
      { key: "e-a", label: "event 2026-03-14", start: "2026-03-14", end: "2026-03-14" },
      { key: "e-b", label: "2026-03-14 New joiner", start: "2026-03-14", end: "2026-03-14" },
      { key: "e-last-day", label: "event 2026-06-30", start: "2026-06-30", end: "2026-06-30" },
    ]);
    expect(expectedSlots("event_driven", YEAR_2026)).toEqual([]);
  });

  it("gives no slots for an inverted period", () => {
    for (const frequency of CONTROL_FREQUENCIES)
      expect(
        expectedSlots(frequency, { start: "2026-02-01", end: "2026-01-31" }, [
          { id: "e", date: "2026-01-31" },
        ]),
      ).toEqual([]);
  });

  it("never leaves a slot outside the period, and time slots neither overlap nor leave gaps", () => {
    const period = { start: "2025-11-19", end: "2027-02-03" };
    for (const frequency of CONTROL_FREQUENCIES.filter((value) => value !== "event_driven")) {
      const slots = expectedSlots(frequency, period);
      expect(slots[0]?.start).toBe(period.start);
      expect(slots.at(-1)?.end).toBe(period.end);
      for (const slot of slots) expect(slot.start <= slot.end).toBe(true);
      for (let i = 1; i < slots.length; i += 1) {
        const previous = new Date(`${slots[i - 1]?.end}T00:00:00Z`);
        previous.setUTCDate(previous.getUTCDate() + 1);
        expect(previous.toISOString().slice(0, 10)).toBe(slots[i]?.start);
      }
      expect(new Set(slots.map((slot) => slot.key)).size).toBe(slots.length);
    }
  });
});
