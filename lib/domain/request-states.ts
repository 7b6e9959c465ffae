import { can, ROLES, type Role } from "./permissions";

// A request is a conversation with a state: open → answered (the team answers) → accepted (the
// auditor accepts) or back to open (the auditor reopens it, saying why in a reply).

export const REQUEST_STATES = ["open", "answered", "accepted"] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export type RequestMove = "answer" | "accept" | "reopen";

const MOVES: Record<RequestMove, { from: readonly RequestState[]; to: RequestState }> = {
  answer: { from: ["open"], to: "answered" },
  accept: { from: ["answered"], to: "accepted" },
  reopen: { from: ["answered", "accepted"], to: "open" },
};

/** A stored status as a state; rows written before threads said "closed" (answered). */
export function requestStateOf(status: string): RequestState {
  if (status === "closed") return "answered";
  return REQUEST_STATES.find((state) => state === status) ?? "open";
}

/** The state a move leads to, or why it cannot be made from `state`. */
export function moveRequest(
  state: RequestState,
  move: RequestMove,
): { to: RequestState } | { error: string } {
  const rule = MOVES[move];
  if (rule.from.includes(state)) return { to: rule.to };
  const said: Record<RequestMove, string> = {
    answer: "Only an open request can be answered.",
    accept: "Only an answered request can be accepted.",
    reopen: "Only an answered or accepted request can be reopened.",
  };
  return { error: said[move] };
}

export type DueFilter = "overdue" | "this-week";

/**
 * Whether a due date passes a filter on `today` (YYYY-MM-DD, in the organisation's time zone):
 * overdue is before today and not accepted yet; this week is today to six days ahead.
 */
export function matchesDue(
  dueDate: string | null,
  state: RequestState,
  filter: DueFilter,
  today: string,
): boolean {
  if (!dueDate || state === "accepted") return false;
  if (filter === "overdue") return dueDate < today;
  const end = new Date(`${today}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 6);
  return dueDate >= today && dueDate <= end.toISOString().slice(0, 10);
}

/** The roles that answer requests: who a request can be assigned to. */
export const ANSWERING_ROLES: readonly Role[] = ROLES.filter((role) =>
  can(role, "request.resolve"),
);
