// Why a control is not ready (readiness-rules.md, sections 4 and 5). Codes are the contract's;
// the text is what a user reads next to the control, and next to its requirements as
// "AC-03: 2026-Q1 missing".

export const REASON_CODES = [
  "not_implemented",
  "no_owner",
  "no_description",
  "no_design_evidence",
  "stale_design_evidence",
  "missing_occurrences",
  "open_exception",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export type Reason =
  | { code: "missing_occurrences"; text: string; missing: readonly string[] }
  | { code: Exclude<ReasonCode, "missing_occurrences">; text: string };

/** Never makes a control not ready; something the user (and the auditor) must look at. */
export type ReadinessWarning =
  | { code: "empty_population"; text: string }
  | {
      /** Operating evidence names a slot key the control does not have in this period. */
      code: "unknown_slot";
      text: string;
      /** The keys named, each once, in the order first met. */
      slotKeys: readonly string[];
      /** The evidence naming them, where the caller gave ids. */
      evidenceIds: readonly string[];
    };

/** How many missing slots the reason text names before "and N more". */
const MISSING_NAMED = 5;

/**
 * `missing` holds the slots' keys; the text names them by label, the same as the key for every
 * time slot, an event's date and reference for an event-driven control (its key is an id).
 */
export function missingOccurrences(keys: readonly string[], labels: readonly string[]): Reason {
  const named = labels.slice(0, MISSING_NAMED).map((label) => `${label} missing`);
  const more = labels.length - named.length;
  const text = more > 0 ? `${named.join(", ")} and ${more} more` : named.join(", ");
  return { code: "missing_occurrences", text, missing: keys };
}

export function openException(count: number): Reason {
  return {
    code: "open_exception",
    text: count === 1 ? "1 open exception" : `${count} open exceptions`,
  };
}

export const EMPTY_POPULATION: ReadinessWarning = {
  code: "empty_population",
  text: "no events recorded in the period: the auditor will ask you to confirm that none happened",
};

export function unknownSlot(
  evidence: readonly { id?: string; slotKey?: string | null }[],
): ReadinessWarning {
  const slotKeys = [...new Set(evidence.map((item) => item.slotKey?.trim() ?? ""))];
  const evidenceIds = evidence.flatMap((item) => (item.id ? [item.id] : []));
  const count =
    evidence.length === 1 ? "1 evidence item names" : `${evidence.length} evidence items name`;
  const keys = slotKeys.length === 1 ? "an occurrence" : "occurrences";
  return {
    code: "unknown_slot",
    text: `${count} ${keys} this control does not have in the period (${slotKeys.join(", ")}): it covers nothing here`,
    slotKeys,
    evidenceIds,
  };
}
