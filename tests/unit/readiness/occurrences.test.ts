import { describe, expect, it } from "vitest";
import { CONTROL_FREQUENCIES, type ControlFrequency } from "@/lib/domain/controls";
import {
  isSlotKeyFor,
  occurrenceChoices,
  occurrenceOn,
  type OccurrenceChoice,
} from "@/lib/domain/readiness/occurrences";
import { expectedSlots } from "@/lib/domain/readiness/slots";

describe("isSlotKeyFor", () => {
  it("accepts each frequency's own shapes", () => {
    const good: [ControlFrequency, string][] = [
      ["annual", "period"],
      ["continuous", "period"],
      ["semi_annual", "2026-H1"],
      ["semi_annual", "2026-H2"],
      ["quarterly", "2026-Q1"],
      ["quarterly", "2026-Q4"],
      ["monthly", "2026-01"],
      ["monthly", "2026-12"],
      ["weekly", "2026-W01"],
      ["weekly", "2026-W53"],
      ["daily", "2026-02-28"],
      ["multiple_daily", "2028-02-29"],
    ];
    for (const [frequency, key] of good)
      expect(isSlotKeyFor(frequency, key), `${frequency} ${key}`).toBe(true);
  });

  it("refuses another frequency's keys, impossible periods and sloppy spellings", () => {
    const bad: [ControlFrequency, string][] = [
      ["annual", "2026"],
      ["quarterly", "2026-Q5"],
      ["quarterly", "2026-Q0"],
      ["quarterly", "2026-q1"],
      ["quarterly", "2026-H1"],
      ["quarterly", " 2026-Q1"],
      ["semi_annual", "2026-H3"],
      ["monthly", "2026-13"],
      ["monthly", "2026-00"],
      ["monthly", "2026-1"],
      ["weekly", "2026-W00"],
      ["weekly", "2026-W54"],
      ["weekly", "2027-W53"],
      ["weekly", "2026-W1"],
      ["daily", "2026-02-29"],
      ["daily", "2026-13-01"],
      ["daily", "2026-03"],
      ["monthly", "period"],
    ];
    for (const [frequency, key] of bad)
      expect(isSlotKeyFor(frequency, key), `${frequency} ${key}`).toBe(false);
  });

  it("knows 53-week ISO years (2026, 2020) from 52-week ones (2027, 2025)", () => {
    expect(isSlotKeyFor("weekly", "2020-W53")).toBe(true);
    expect(isSlotKeyFor("weekly", "2026-W53")).toBe(true);
    expect(isSlotKeyFor("weekly", "2025-W53")).toBe(false);
    expect(isSlotKeyFor("weekly", "2027-W53")).toBe(false);
  });

  it("never takes a shape for an event-driven control: its keys are event ids", () => {
    expect(isSlotKeyFor("event_driven", "period")).toBe(false);
    expect(isSlotKeyFor("event_driven", "2026-03-01")).toBe(false);
  });

  it("accepts every key expectedSlots makes, for every frequency, across New Year", () => {
    const period = { start: "2025-12-01", end: "2027-01-31" };
    for (const frequency of CONTROL_FREQUENCIES) {
      if (frequency === "event_driven") continue;
      for (const slot of expectedSlots(frequency, period))
        expect(isSlotKeyFor(frequency, slot.key), `${frequency} ${slot.key}`).toBe(true);
    }
  });
});

const choice = (
  key: string,
  state: OccurrenceChoice["state"],
  start: string,
  end = start,
): OccurrenceChoice => ({
  key,
  label: key,
  start,
  end,
  state,
  dueFrom: state === "open" ? end : null,
});

describe("occurrenceChoices", () => {
  it("lists missing first, then open, then covered and upcoming, each oldest first", () => {
    const ordered = occurrenceChoices([
      choice("2026-01", "covered", "2026-01-01", "2026-01-31"),
      choice("2026-02", "missing", "2026-02-01", "2026-02-28"),
      choice("2026-03", "covered", "2026-03-01", "2026-03-31"),
      choice("2026-04", "missing", "2026-04-01", "2026-04-30"),
      choice("2026-05", "open", "2026-05-01", "2026-05-31"),
      choice("2026-06", "upcoming", "2026-06-01", "2026-06-30"),
    ]);
    expect(ordered.map((c) => c.key)).toEqual([
      "2026-02",
      "2026-04",
      "2026-05",
      "2026-01",
      "2026-03",
      "2026-06",
    ]);
  });

  it("shows a key found in two engagements once, with its widest dates and most urgent state", () => {
    const merged = occurrenceChoices([
      choice("2026-Q1", "covered", "2026-01-01", "2026-03-31"),
      choice("2026-Q1", "missing", "2026-02-01", "2026-03-31"),
      choice("2026-Q2", "open", "2026-04-01", "2026-05-31"),
      choice("2026-Q2", "upcoming", "2026-04-01", "2026-06-30"),
    ]);
    expect(merged).toEqual([
      { ...choice("2026-Q1", "missing", "2026-01-01", "2026-03-31") },
      { ...choice("2026-Q2", "open", "2026-04-01", "2026-06-30"), dueFrom: "2026-05-31" },
    ]);
  });

  it("is empty for no slots", () => {
    expect(occurrenceChoices([])).toEqual([]);
  });
});

describe("occurrenceOn", () => {
  const choices = occurrenceChoices([
    choice("2026-Q1", "missing", "2026-01-01", "2026-03-31"),
    choice("2026-Q2", "open", "2026-04-01", "2026-06-30"),
  ]);

  it("is the occurrence whose dates contain the effective date, ends included", () => {
    expect(occurrenceOn(choices, "2026-01-01")).toBe("2026-Q1");
    expect(occurrenceOn(choices, "2026-03-31")).toBe("2026-Q1");
    expect(occurrenceOn(choices, "2026-04-01")).toBe("2026-Q2");
  });

  it("is the occurrence containing the whole range when the evidence covers one", () => {
    expect(occurrenceOn(choices, "2026-01-05", "2026-03-31")).toBe("2026-Q1");
    expect(occurrenceOn(choices, "2026-04-02", "")).toBe("2026-Q2");
    expect(occurrenceOn(choices, "2026-04-02", null)).toBe("2026-Q2");
  });

  it("is none for a range over several occurrences: the dates decide which it covers", () => {
    expect(occurrenceOn(choices, "2026-01-01", "2026-06-30")).toBeNull();
    expect(occurrenceOn(choices, "2026-03-31", "2026-04-01")).toBeNull();
  });

  it("is none outside every occurrence", () => {
    expect(occurrenceOn(choices, "2025-12-31")).toBeNull();
    expect(occurrenceOn(choices, "2026-07-01")).toBeNull();
  });
});
