// Tiny builders for the readiness tests: a sensible, ready-looking default plus overrides.
import type {
  ReadinessControl,
  ReadinessEvent,
  ReadinessEvidence,
  ReadinessInput,
} from "@/lib/domain/readiness/engine";

export const TODAY = "2026-05-15";
export const H1_2026 = { start: "2026-01-01", end: "2026-06-30" };

export function makeControl(overrides: Partial<ReadinessControl> = {}): ReadinessControl {
  return {
    id: "c-ac03",
    ref: "AC-03",
    status: "implemented",
    ownerId: "u-alice",
    description: "Quarterly user access review by the system owner.",
    frequency: "quarterly",
    ...overrides,
  };
}

let nextEvidence = 0;
export function makeEvidence(overrides: Partial<ReadinessEvidence> = {}): ReadinessEvidence {
  nextEvidence += 1;
  return {
    id: `ev-${nextEvidence}`,
    purpose: "operating",
    effectiveDate: "2026-03-28",
    coverageEnd: null,
    controlIds: ["c-ac03"],
    eventId: null,
    ...overrides,
  };
}

export function makeEvent(overrides: Partial<ReadinessEvent> = {}): ReadinessEvent {
  return { id: "e-1", controlId: "c-ac03", date: "2026-02-10", ...overrides };
}

/** A Type II engagement over H1 2026 with one requirement mapped to AC-03 and nothing else. */
export function makeInput(overrides: Partial<ReadinessInput> = {}): ReadinessInput {
  return {
    engagement: {
      type: "TYPE_II",
      asOfDate: null,
      periodStart: H1_2026.start,
      periodEnd: H1_2026.end,
    },
    today: TODAY,
    freshnessDays: 365,
    requirements: [{ id: "CC6.2", notApplicable: false }],
    controls: [makeControl()],
    mappings: [{ controlId: "c-ac03", requirementId: "CC6.2" }],
    evidence: [],
    events: [],
    exceptions: [],
    ...overrides,
  };
}
