// How an edit reads in the activity log: "status from draft to implemented, description".
// Stored values become words (labels of lib/domain); long texts are named, not quoted.

import {
  AREA_LABELS,
  FAMILY_LABELS,
  FREQUENCY_LABELS,
  labelOf,
  NATURE_LABELS,
  TYPE_LABELS,
} from "./labels";

/** A stored JSON object, or nothing when the stored value was not an object. */
export type Fields = { readonly [key: string]: unknown };

export function asFields(value: unknown): Fields {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Fields)
    : {};
}

export function text(fields: Fields, key: string): string | null {
  const value = fields[key];
  return typeof value === "string" && value !== "" ? value : null;
}

export function count(fields: Fields, key: string): number | null {
  const value = fields[key];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export function ids(fields: Fields, key: string): string[] {
  const value = fields[key];
  return Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
}

const FIELD_NAMES: Record<string, string> = {
  ref: "reference",
  ownerId: "owner",
  key: "key control",
  graceDays: "grace days",
  asOfDate: "as-of date",
  periodStart: "period start",
  periodEnd: "period end",
  cuecs: "CUECs",
  userResponsibilities: "user responsibilities",
  subservices: "subservice organisations",
  objectiveIds: "objectives",
  objective: "objective text",
  requireTwoFactor: "two-factor requirement",
  remediationNote: "remediation note",
  lastDay: "last day",
  slotKey: "occurrence",
  url: "link",
};

/** Fields whose values are too long or structured to quote: the sentence names the field only. */
const NAMED_ONLY = new Set([
  "description",
  "objective",
  "categories",
  "cuecs",
  "userResponsibilities",
  "subservices",
  "objectiveIds",
  "remediationNote",
  "note",
]);

const WORDS: Record<string, (value: string) => string> = {
  frequency: (value) => labelOf(FREQUENCY_LABELS, value).toLowerCase(),
  nature: (value) => labelOf(NATURE_LABELS, value),
  family: (value) => labelOf(FAMILY_LABELS, value),
  type: (value) => labelOf(TYPE_LABELS, value),
  area: (value) => labelOf(AREA_LABELS, value),
};

export function fieldName(field: string): string {
  return FIELD_NAMES[field] ?? field.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** One stored value as a word; `person` names a user id (an owner). */
export function valueWord(field: string, value: unknown, person: (id: string) => string): string {
  if (value === null || value === undefined || value === "") return "none";
  if (typeof value === "boolean") {
    if (field === "requireTwoFactor") return value ? "required" : "not required";
    return value ? "yes" : "no";
  }
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") return "a new value";
  if (field === "ownerId") return person(value);
  const word = WORDS[field];
  return word ? word(value) : value.replaceAll("_", " ");
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * The edited fields of a stored before/after pair, as phrases. Fields on only one side (an old
 * row's extras) or equal on both (context) are left out.
 */
export function changePhrases(
  before: Fields,
  after: Fields,
  person: (id: string) => string,
): string[] {
  const phrases: string[] = [];
  for (const field of Object.keys(after)) {
    if (!(field in before) || same(before[field], after[field])) continue;
    const name = fieldName(field);
    phrases.push(
      NAMED_ONLY.has(field)
        ? name
        : `${name} from ${valueWord(field, before[field], person)} to ${valueWord(field, after[field], person)}`,
    );
  }
  return phrases;
}

/** "2 added, 1 removed" for a replaced set. */
export function setDelta(before: readonly string[], after: readonly string[]): string {
  const had = new Set(before);
  const has = new Set(after);
  const added = after.filter((id) => !had.has(id)).length;
  const removed = before.filter((id) => !has.has(id)).length;
  if (added === 0 && removed === 0) return "no change";
  return [added ? `${added} added` : "", removed ? `${removed} removed` : ""]
    .filter(Boolean)
    .join(", ");
}

export function quote(value: string, max = 80): string {
  const flat = value.replace(/\s+/g, " ").trim();
  return `"${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}"`;
}
