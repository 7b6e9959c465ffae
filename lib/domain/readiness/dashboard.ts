import { toDayNumber } from "../dates";
import type { RequirementStatus } from "../requirement-status";
import { REQUIREMENT_STATUSES } from "../requirement-status";
import type { ControlReadiness, EngagementReadiness } from "./engine";

// What the engagement dashboard shows beyond the counts: statuses by group, and the list of
// what to do next, most impactful first. Pure: everything comes from the engine's result.

export type GroupCounts = {
  group: string;
  counts: Record<RequirementStatus, number>;
  total: number;
};

export function countsByGroup(
  requirements: readonly { group: string; status: RequirementStatus }[],
): GroupCounts[] {
  const groups = new Map<string, GroupCounts>();
  for (const requirement of requirements) {
    let entry = groups.get(requirement.group);
    if (!entry) {
      entry = {
        group: requirement.group,
        counts: Object.fromEntries(REQUIREMENT_STATUSES.map((s) => [s, 0])) as Record<
          RequirementStatus,
          number
        >,
        total: 0,
      };
      groups.set(requirement.group, entry);
    }
    entry.counts[requirement.status] += 1;
    entry.total += 1;
  }
  return [...groups.values()];
}

export type NextAction =
  | {
      kind: "unmapped_requirement";
      impact: number;
      requirementId: string;
      code: string;
      title: string;
    }
  | { kind: "control_without_owner"; impact: number; controlId: string; ref: string }
  | {
      kind: "missing_occurrence";
      impact: number;
      controlId: string;
      ref: string;
      slot: string;
      ended: string;
      count: number;
    }
  | { kind: "due_soon"; impact: number; controlId: string; ref: string; slot: string; ends: string }
  | { kind: "open_exception"; impact: number; controlId: string; ref: string };

const DUE_SOON_DAYS = 14;
const KIND_ORDER: Record<NextAction["kind"], number> = {
  unmapped_requirement: 0,
  open_exception: 1,
  missing_occurrence: 2,
  control_without_owner: 3,
  due_soon: 4,
};

/**
 * The work that moves readiness, ordered by impact (how many requirements it holds back), then
 * by kind, then by date (the oldest missing occurrence first).
 */
export function nextActions(
  readiness: EngagementReadiness,
  requirements: readonly { id: string; code: string; title: string; status: RequirementStatus }[],
  today: string,
): NextAction[] {
  const blocked = new Map<string, number>();
  for (const requirement of readiness.requirements) {
    for (const controlId of requirement.controlIds)
      blocked.set(controlId, (blocked.get(controlId) ?? 0) + 1);
  }
  const impactOf = (control: ControlReadiness) => blocked.get(control.controlId) ?? 0;
  const actions: NextAction[] = requirements
    .filter((requirement) => requirement.status === "unmapped")
    .map((requirement) => ({
      kind: "unmapped_requirement",
      impact: 1,
      requirementId: requirement.id,
      code: requirement.code,
      title: requirement.title,
    }));

  for (const control of readiness.controls.filter((c) => c.inScope)) {
    const impact = impactOf(control);
    const codes = new Set(control.reasons.map((reason) => reason.code));
    if (codes.has("no_owner"))
      actions.push({
        kind: "control_without_owner",
        impact,
        controlId: control.controlId,
        ref: control.ref,
      });
    if (codes.has("open_exception"))
      actions.push({
        kind: "open_exception",
        impact,
        controlId: control.controlId,
        ref: control.ref,
      });
    // One line per control for its missing occurrences, named by the oldest one.
    const missing = (control.operating?.slots ?? []).filter((slot) => slot.state === "missing");
    const oldest = missing[0];
    if (oldest)
      actions.push({
        kind: "missing_occurrence",
        impact,
        controlId: control.controlId,
        ref: control.ref,
        slot: oldest.label,
        ended: oldest.end,
        count: missing.length,
      });
    for (const slot of control.operating?.slots ?? []) {
      if (slot.state === "open" && toDayNumber(slot.end) - toDayNumber(today) <= DUE_SOON_DAYS) {
        actions.push({
          kind: "due_soon",
          impact,
          controlId: control.controlId,
          ref: control.ref,
          slot: slot.label,
          ends: slot.end,
        });
      }
    }
  }
  const dateOf = (action: NextAction) =>
    action.kind === "missing_occurrence"
      ? action.ended
      : action.kind === "due_soon"
        ? action.ends
        : "";
  return actions.sort(
    (a, b) =>
      b.impact - a.impact ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      dateOf(a).localeCompare(dateOf(b)),
  );
}
