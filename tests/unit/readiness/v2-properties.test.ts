// Properties of contract version 2 over random periods, frequencies, grace days and evidence.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONTROL_FREQUENCIES, type ControlFrequency } from "@/lib/domain/controls";
import { addDays } from "@/lib/domain/readiness/calendar";
import { operatingReadiness, type OperatingEvidence } from "@/lib/domain/readiness/operating";
import { expectedSlots } from "@/lib/domain/readiness/slots";

const DAY0 = "2025-11-01";
const day = fc.integer({ min: 0, max: 500 }).map((offset) => addDays(DAY0, offset));
const frequency = fc.constantFrom(...CONTROL_FREQUENCIES.filter((f) => f !== "event_driven"));

const scenario = fc
  .record({
    frequency,
    start: fc.integer({ min: 0, max: 200 }),
    length: fc.integer({ min: 0, max: 240 }),
    today: day,
    graceDays: fc.integer({ min: 0, max: 90 }),
    evidence: fc.array(
      fc.record({
        effectiveDate: day,
        span: fc.option(fc.integer({ min: -5, max: 60 }), { nil: null }),
        slot: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
      }),
      { maxLength: 12 },
    ),
  })
  .map((raw) => {
    const period = { start: addDays(DAY0, raw.start), end: addDays(DAY0, raw.start + raw.length) };
    const slots = expectedSlots(raw.frequency, period);
    const evidence: OperatingEvidence[] = raw.evidence.map((item) => ({
      effectiveDate: item.effectiveDate,
      coverageEnd: item.span === null ? null : addDays(item.effectiveDate, item.span),
      // Some name a slot of this control, some a key it does not have.
      slotKey: item.slot === null ? null : (slots[item.slot]?.key ?? `none-${item.slot}`),
    }));
    return { ...raw, period, slots, evidence };
  });

function run(s: {
  frequency: ControlFrequency;
  period: { start: string; end: string };
  today: string;
  graceDays: number;
  evidence: OperatingEvidence[];
}) {
  return operatingReadiness(
    { frequency: s.frequency },
    {
      period: s.period,
      today: s.today,
      graceDays: s.graceDays,
      evidence: s.evidence,
      events: [],
      exceptions: [],
      designResult: { ready: true, reasons: [] },
    },
  );
}

describe("readiness v2 properties", () => {
  it("never counts a slot that is not due: due slots are exactly those with end + graceDays < today", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = run(s);
        for (const slot of result.slots)
          expect(slot.due).toBe(addDays(slot.end, s.graceDays) < s.today);
        expect(result.due).toBe(result.slots.filter((slot) => slot.due).length);
        expect(result.covered).toBe(
          result.slots.filter((slot) => slot.due && slot.state === "covered").length,
        );
        expect(result.coverage).toBe(result.due === 0 ? null : result.covered / result.due);
      }),
    );
  });

  it("gives each slot the one state its facts call for, and a due date to open ones only", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const slot of run(s).slots) {
          if (slot.state === "missing") expect(slot.due).toBe(true);
          if (slot.state === "open") {
            expect(slot.due).toBe(false);
            expect(slot.start <= s.today).toBe(true);
            expect(slot.dueFrom).toBe(addDays(slot.end, s.graceDays + 1));
          } else expect(slot.dueFrom).toBeNull();
          if (slot.state === "upcoming") expect(slot.start > s.today).toBe(true);
        }
      }),
    );
  });

  it("lists as missing exactly the due slots not covered, and is ready exactly when there are none", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = run(s);
        expect(result.missing).toEqual(
          result.slots.filter((slot) => slot.state === "missing").map((slot) => slot.key),
        );
        expect(result.ready).toBe(result.missing.length === 0);
      }),
    );
  });

  it("never lets more grace make a slot missing that was not", () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 30 }), (s, extra) => {
        const base = run(s);
        const more = run({ ...s, graceDays: s.graceDays + extra });
        expect(more.missing.every((key) => base.missing.includes(key))).toBe(true);
      }),
    );
  });

  it("covers a named slot only with evidence naming it, and only known keys are warned about", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = run(s);
        const keys = new Set(s.slots.map((slot) => slot.key));
        const unknown = s.evidence
          .map((item) => item.slotKey ?? null)
          .filter((key): key is string => key !== null && !keys.has(key));
        const warning = result.warnings.find((item) => item.code === "unknown_slot");
        if (unknown.length === 0) expect(warning).toBeUndefined();
        else expect(warning).toMatchObject({ slotKeys: [...new Set(unknown)] });
        // Dropping the unknown-key evidence changes nothing else.
        const known = run({
          ...s,
          evidence: s.evidence.filter((item) => !item.slotKey || keys.has(item.slotKey)),
        });
        expect(known.slots).toEqual(result.slots);
      }),
    );
  });
});
