// The readiness engine (readiness-rules.md, sections 3–6): every control, requirement and count
// of one engagement from plain data. Evidence, events and exceptions are indexed by control once,
// so the work grows with controls + evidence, never with their product.
import type { ControlFrequency, ControlStatus } from "../controls";
import type { EngagementDates, ReportType } from "../engagements";
import {
  requirementStatus,
  statusCounts,
  type RequirementStatus,
  type StatusCounts,
} from "../requirement-status";
import { addDays, minDate } from "./calendar";
import { DEFAULT_FRESHNESS_DAYS, designDate, designReadiness, type DesignResult } from "./design";
import { operatingReadiness, type ExceptionStatus, type OperatingResult } from "./operating";
import type { ReadinessWarning, Reason } from "./reasons";
import { samplingGuidance, type SamplingGuidance } from "./sampling";
import { expectedSlots, type Period, type Slot } from "./slots";

export type ReadinessEngagement = {
  type: ReportType;
  asOfDate?: string | null;
  periodStart?: string | null;
  periodEnd?: string | null;
};
export type ReadinessRequirement = { id: string; notApplicable: boolean };
export type ReadinessControl = {
  id: string;
  ref: string;
  status: ControlStatus;
  ownerId: string | null;
  description: string | null;
  frequency: ControlFrequency;
  /** Days after an occurrence's end before it is due (section 2, 0–90); 0 when left out. */
  graceDays?: number;
};
export type ReadinessMapping = { controlId: string; requirementId: string };
export type EvidencePurpose = "design" | "operating";
export type ReadinessEvidence = {
  /** Named in the unknown_slot warning; the loader reads it only for evidence naming a slot. */
  id?: string;
  purpose: EvidencePurpose;
  effectiveDate: string;
  coverageEnd?: string | null;
  controlIds: readonly string[];
  eventId?: string | null;
  /** Operating evidence only: the occurrence it is for (section 3); empty is none. */
  slotKey?: string | null;
};
export type ReadinessEvent = { id: string; controlId: string; date: string; label?: string };
export type ReadinessException = { controlId: string; status: ExceptionStatus };

export type ReadinessInput = {
  engagement: ReadinessEngagement;
  today: string;
  freshnessDays?: number;
  /** The requirements in scope of the engagement. */
  requirements: readonly ReadinessRequirement[];
  controls: readonly ReadinessControl[];
  mappings: readonly ReadinessMapping[];
  evidence: readonly ReadinessEvidence[];
  events: readonly ReadinessEvent[];
  exceptions: readonly ReadinessException[];
};

export type ControlReadiness = {
  controlId: string;
  ref: string;
  frequency: ControlFrequency;
  /** Mapped to at least one in-scope requirement that is not N/A. */
  inScope: boolean;
  /** Design-ready for Type I; operating-ready (to date) for Type II. */
  ready: boolean;
  reasons: Reason[];
  warnings: ReadinessWarning[];
  design: DesignResult;
  operating: OperatingResult | null;
  sampling: SamplingGuidance | null;
};

export type RequirementReadiness = {
  requirementId: string;
  status: RequirementStatus;
  /** Non-retired mapped controls, by ref. */
  controlIds: string[];
  /** One line per reason of each mapped control that is not ready: "AC-03: 2026-Q1 missing". */
  reasons: string[];
};

export type ControlCounts = { ready: number; notReady: number; total: number };

export type EngagementReadiness = {
  type: ReportType;
  designDate: string;
  /** Type II: min(today, periodEnd); null for Type I. */
  asOf: string | null;
  /** Every non-retired control given, in input order. */
  controls: ControlReadiness[];
  requirements: RequirementReadiness[];
  counts: StatusCounts;
  controlCounts: ControlCounts;
};

/** The engagement's dates as the contract requires them; throws on an incomplete engagement. */
export function engagementDates(engagement: ReadinessEngagement): EngagementDates {
  if (engagement.type === "TYPE_I") {
    if (!engagement.asOfDate) throw new Error("A Type I engagement needs an as-of date");
    return { type: "TYPE_I", asOfDate: engagement.asOfDate };
  }
  const { periodStart, periodEnd } = engagement;
  if (!periodStart || !periodEnd || periodStart > periodEnd)
    throw new Error("A Type II engagement needs periodStart ≤ periodEnd");
  return { type: "TYPE_II", periodStart, periodEnd };
}

export type EvidenceWindow = "in_window" | "before_window" | "after_window";

/**
 * Where evidence falls against the engagement's window, so that nothing is hidden. Type I:
 * [asOfDate − freshnessDays, asOfDate]; Type II: the period. Evidence whose range
 * [effectiveDate, coverageEnd ?? effectiveDate] touches the window is in it.
 */
export function evidenceWindow(
  evidence: { effectiveDate: string; coverageEnd?: string | null },
  engagement: ReadinessEngagement,
  freshnessDays: number = DEFAULT_FRESHNESS_DAYS,
): EvidenceWindow {
  const dates = engagementDates(engagement);
  const window: Period =
    dates.type === "TYPE_I"
      ? { start: addDays(dates.asOfDate, -freshnessDays), end: dates.asOfDate }
      : { start: dates.periodStart, end: dates.periodEnd };
  const end =
    evidence.coverageEnd && evidence.coverageEnd > evidence.effectiveDate
      ? evidence.coverageEnd
      : evidence.effectiveDate;
  if (end < window.start) return "before_window";
  if (evidence.effectiveDate > window.end) return "after_window";
  return "in_window";
}

export function computeReadiness(input: ReadinessInput): EngagementReadiness {
  const dates = engagementDates(input.engagement);
  const freshnessDays = input.freshnessDays ?? DEFAULT_FRESHNESS_DAYS;
  const date = designDate(dates, input.today);
  const period: Period | null =
    dates.type === "TYPE_II" ? { start: dates.periodStart, end: dates.periodEnd } : null;
  const index = indexByControl(input);

  const slotCache = new Map<ControlFrequency, Slot[]>();
  const slotsFor = (control: ReadinessControl, p: Period): Slot[] => {
    if (control.frequency === "event_driven")
      return expectedSlots("event_driven", p, index.events.get(control.id) ?? []);
    let slots = slotCache.get(control.frequency);
    if (!slots) {
      slots = expectedSlots(control.frequency, p);
      slotCache.set(control.frequency, slots);
    }
    return slots;
  };

  const inScope = controlsInScope(input);

  const controls: ControlReadiness[] = [];
  for (const control of input.controls) {
    if (control.status === "retired") continue;
    const design = designReadiness(
      control,
      index.design.get(control.id) ?? [],
      date,
      freshnessDays,
    );
    let operating: OperatingResult | null = null;
    let sampling: SamplingGuidance | null = null;
    if (period) {
      const slots = slotsFor(control, period);
      operating = operatingReadiness(control, {
        period,
        today: input.today,
        graceDays: control.graceDays ?? 0,
        evidence: index.operating.get(control.id) ?? [],
        events: index.events.get(control.id) ?? [],
        exceptions: index.exceptions.get(control.id) ?? [],
        designResult: design,
        slots,
      });
      sampling = samplingGuidance(control.frequency, slots.length);
    }
    const result: ControlReadiness = {
      controlId: control.id,
      ref: control.ref,
      frequency: control.frequency,
      inScope: inScope.has(control.id),
      ready: operating ? operating.ready : design.ready,
      reasons: operating ? operating.reasons : design.reasons,
      warnings: operating ? operating.warnings : [],
      design,
      operating,
      sampling,
    };
    controls.push(result);
  }

  return {
    type: dates.type,
    designDate: date,
    asOf: period ? minDate(input.today, period.end) : null,
    controls,
    ...rollUp(input, controls),
  };
}

/** What the requirement and engagement figures read of each control's result. */
export type RollUpControl = {
  controlId: string;
  ref: string;
  inScope: boolean;
  ready: boolean;
  reasons: readonly { text: string }[];
};
type RollUpInput = Pick<ReadinessInput, "requirements" | "mappings">;

/** Controls mapped to at least one requirement of `input` that is not N/A. */
export function controlsInScope(input: RollUpInput): Set<string> {
  const inScope = new Set<string>();
  const requirementIds = new Set(input.requirements.map((requirement) => requirement.id));
  const notApplicable = new Set(
    input.requirements
      .filter((requirement) => requirement.notApplicable)
      .map((requirement) => requirement.id),
  );
  for (const mapping of input.mappings) {
    if (requirementIds.has(mapping.requirementId) && !notApplicable.has(mapping.requirementId))
      inScope.add(mapping.controlId);
  }
  return inScope;
}

/**
 * Requirement statuses and the engagement's counts from the per-control results (section 6):
 * the one definition for a computed engagement and for a maintained one (maintained.ts).
 */
export function rollUp(
  input: RollUpInput,
  controls: readonly RollUpControl[],
): Pick<EngagementReadiness, "requirements" | "counts" | "controlCounts"> {
  const requirements = requirementResults(
    input,
    new Map(controls.map((control) => [control.controlId, control])),
  );
  const inScopeControls = controls.filter((control) => control.inScope);
  const ready = inScopeControls.filter((control) => control.ready).length;
  return {
    requirements,
    counts: statusCounts(requirements.map((requirement) => requirement.status)),
    controlCounts: {
      ready,
      notReady: inScopeControls.length - ready,
      total: inScopeControls.length,
    },
  };
}

/** Retired controls are absent from `byId`, so they count for nothing here. */
function requirementResults(
  input: RollUpInput,
  byId: ReadonlyMap<string, RollUpControl>,
): RequirementReadiness[] {
  const mapped = new Map<string, Set<string>>();
  for (const mapping of input.mappings) {
    if (!byId.has(mapping.controlId)) continue;
    const set = mapped.get(mapping.requirementId) ?? new Set<string>();
    set.add(mapping.controlId);
    mapped.set(mapping.requirementId, set);
  }
  return input.requirements.map((requirement) => {
    const controls = [...(mapped.get(requirement.id) ?? [])]
      .map((id) => byId.get(id))
      .filter((control): control is RollUpControl => control !== undefined)
      .sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
    const status = requirementStatus(
      requirement.notApplicable,
      controls.map((control) => ({ retired: false, ready: control.ready })),
    );
    const reasons =
      status === "in_progress"
        ? controls.flatMap((control) =>
            control.ready ? [] : control.reasons.map((reason) => `${control.ref}: ${reason.text}`),
          )
        : [];
    return {
      requirementId: requirement.id,
      status,
      controlIds: controls.map((control) => control.controlId),
      reasons,
    };
  });
}

type ControlIndex = {
  design: Map<string, ReadinessEvidence[]>;
  operating: Map<string, ReadinessEvidence[]>;
  events: Map<string, ReadinessEvent[]>;
  exceptions: Map<string, ReadinessException[]>;
};

/**
 * One pass over each list. Operating evidence linked to an event also counts for the event's
 * control, even if the control itself was not linked (the event already names it).
 */
function indexByControl(input: ReadinessInput): ControlIndex {
  const index: ControlIndex = {
    design: new Map(),
    operating: new Map(),
    events: new Map(),
    exceptions: new Map(),
  };
  const eventControl = new Map<string, string>();
  for (const event of input.events) {
    push(index.events, event.controlId, event);
    eventControl.set(event.id, event.controlId);
  }
  for (const exception of input.exceptions) push(index.exceptions, exception.controlId, exception);
  for (const evidence of input.evidence) {
    const target = evidence.purpose === "design" ? index.design : index.operating;
    for (const controlId of evidence.controlIds) push(target, controlId, evidence);
    if (evidence.purpose !== "operating" || !evidence.eventId) continue;
    const owner = eventControl.get(evidence.eventId);
    if (owner !== undefined && !evidence.controlIds.includes(owner)) push(target, owner, evidence);
  }
  return index;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
