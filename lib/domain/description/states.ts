// A section's review state: draft → in review → approved. Editing the text of a section in
// review or approved sends it back to draft (what was reviewed is no longer what is written).
// Who may do what: editors write and submit; approving (and sending an approved section back)
// needs an admin or owner; viewers and auditors read. docs/decisions/0042-system-description.md.
import { can, type Role } from "../permissions";
import { SECTION_STATE_LABELS } from "../labels";

export const SECTION_STATES = ["draft", "in_review", "approved"] as const;
export type SectionState = (typeof SECTION_STATES)[number];

export function isSectionState(value: string): value is SectionState {
  return (SECTION_STATES as readonly string[]).includes(value);
}

/** The moves from each state, and the permission each needs. */
const MOVES: Record<SectionState, Partial<Record<SectionState, "write" | "approve">>> = {
  draft: { in_review: "write" },
  in_review: { draft: "write", approved: "approve" },
  approved: { draft: "approve" },
};

export function canWriteDescription(role: Role): boolean {
  return can(role, "control.edit");
}

export function canApproveDescription(role: Role): boolean {
  return can(role, "engagement.manage");
}

/** Why `role` may not move a section from `from` to `to`, or null when it may. */
export function transitionProblem(role: Role, from: SectionState, to: SectionState): string | null {
  const needs = MOVES[from][to];
  if (needs === undefined)
    return `A section that is ${SECTION_STATE_LABELS[from].toLowerCase()} cannot be moved to ${SECTION_STATE_LABELS[to].toLowerCase()}.`;
  if (needs === "write" && !canWriteDescription(role))
    return "Only editors, admins and owners change a section's state.";
  if (needs === "approve" && !canApproveDescription(role))
    return "Only admins and owners approve a section or reopen an approved one.";
  return null;
}

/** The states `role` may move a section in `from` to, for the buttons. */
export function allowedMoves(role: Role, from: SectionState): SectionState[] {
  return SECTION_STATES.filter((to) => to !== from && transitionProblem(role, from, to) === null);
}

/** The state after a save: a changed text sends the section back to draft. */
export function stateAfterEdit(state: SectionState, textChanged: boolean): SectionState {
  return textChanged ? "draft" : state;
}
