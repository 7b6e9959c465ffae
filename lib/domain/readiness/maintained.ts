// The maintained copy of readiness (docs/decisions/0043): each control's engine result in the
// compact form stored per (engagement, control), and an engagement's figures rolled up from
// those results by the engine's own rollUp. Pure: the engine stays the one definition; this
// only chooses what of its result is kept.
import type { ControlFrequency } from "../controls";
import type { StatusCounts } from "../requirement-status";
import type { DesignResult } from "./design";
import {
  controlsInScope,
  rollUp,
  type ControlCounts,
  type ControlReadiness,
  type EngagementReadiness,
  type ReadinessMapping,
  type ReadinessRequirement,
  type RequirementReadiness,
} from "./engine";
import type { ReadinessWarning, Reason } from "./reasons";

/** The slots the work queue reads: the missing and the open ones (not covered, not upcoming). */
export type MaintainedSlot = {
  key: string;
  label: string;
  start: string;
  end: string;
  state: "missing" | "open";
  dueFrom: string | null;
};

export type MaintainedOperating = {
  asOf: string;
  due: number;
  covered: number;
  coverage: number | null;
  missing: string[];
  slots: MaintainedSlot[];
};

/**
 * One control's result without the engagement's mappings (inScope is applied when read), and
 * without what is the same for every control (the design date and window) or what only the
 * control's own page shows (sampling guidance, every slot): 2,000 of them are read per request.
 */
export type MaintainedControl = {
  controlId: string;
  ref: string;
  frequency: ControlFrequency;
  ready: boolean;
  reasons: Reason[];
  warnings: ReadinessWarning[];
  design: Pick<DesignResult, "ready" | "reasons" | "latestEvidence">;
  operating: MaintainedOperating | null;
};

export type SummaryControl = MaintainedControl & { inScope: boolean };

export type ReadinessSummary = {
  type: "TYPE_I" | "TYPE_II";
  designDate: string;
  asOf: string | null;
  /** Every non-retired control of the engagement, in the loader's order. */
  controls: SummaryControl[];
  requirements: RequirementReadiness[];
  counts: StatusCounts;
  controlCounts: ControlCounts;
};

export function compactControl(result: ControlReadiness): MaintainedControl {
  const operating = result.operating;
  return {
    controlId: result.controlId,
    ref: result.ref,
    frequency: result.frequency,
    ready: result.ready,
    reasons: result.reasons,
    warnings: result.warnings,
    design: {
      ready: result.design.ready,
      reasons: result.design.reasons,
      latestEvidence: result.design.latestEvidence,
    },
    operating: operating
      ? {
          asOf: operating.asOf,
          due: operating.due,
          covered: operating.covered,
          coverage: operating.coverage,
          missing: operating.missing,
          slots: operating.slots.flatMap((slot) =>
            slot.state === "missing" || slot.state === "open"
              ? [
                  {
                    key: slot.key,
                    label: slot.label,
                    start: slot.start,
                    end: slot.end,
                    state: slot.state,
                    dueFrom: slot.dueFrom,
                  },
                ]
              : [],
          ),
        }
      : null,
  };
}

export type SummaryInput = {
  type: "TYPE_I" | "TYPE_II";
  designDate: string;
  asOf: string | null;
  requirements: readonly ReadinessRequirement[];
  mappings: readonly ReadinessMapping[];
};

/** An engagement's figures from its controls' results: exactly what computeReadiness rolls up. */
export function summarize(
  input: SummaryInput,
  controls: readonly MaintainedControl[],
): ReadinessSummary {
  const inScope = controlsInScope(input);
  const withScope = controls.map((control) => ({
    ...control,
    inScope: inScope.has(control.controlId),
  }));
  return {
    type: input.type,
    designDate: input.designDate,
    asOf: input.asOf,
    controls: withScope,
    ...rollUp(input, withScope),
  };
}

/** The same summary from a full computation by the engine (the reference it must equal). */
export function summaryOf(readiness: EngagementReadiness): ReadinessSummary {
  return {
    type: readiness.type,
    designDate: readiness.designDate,
    asOf: readiness.asOf,
    controls: readiness.controls.map((control) => ({
      ...compactControl(control),
      inScope: control.inScope,
    })),
    requirements: readiness.requirements,
    counts: readiness.counts,
    controlCounts: readiness.controlCounts,
  };
}
