import {
  SAMPLING_BANDS,
  SOC1_STARTER_OBJECTIVES,
  SOC2_CRITERIA_2017_REV2022,
} from "./catalog-data";

// The read-only SOC 2 catalogue and the SOC 1 / ISAE 3402 starter objectives. Criteria are
// versioned by edition: a later edition is added next to this one, and existing mappings keep
// pointing at the edition they were made against.

export const TSC_CATEGORIES = [
  "security",
  "availability",
  "confidentiality",
  "processing_integrity",
  "privacy",
] as const;
export type TscCategory = (typeof TSC_CATEGORIES)[number];

export const OBJECTIVE_AREAS = ["itgc", "business"] as const;
export type ObjectiveArea = (typeof OBJECTIVE_AREAS)[number];

export type CriterionDefinition = {
  code: string;
  category: TscCategory;
  group: string;
  title: string;
  summary: string;
};
export type StarterObjective = {
  ref: string;
  area: ObjectiveArea;
  title: string;
  objective: string;
};
export type SamplingBand = { key: string; minSamples: number; maxSamples: number };

export const CURRENT_CRITERIA_EDITION = "tsc-2017-rev2022";

export const CRITERIA_EDITIONS: Record<
  string,
  { label: string; criteria: readonly CriterionDefinition[] }
> = {
  [CURRENT_CRITERIA_EDITION]: {
    label: "2017 Trust Services Criteria (2022 points of focus)",
    criteria: SOC2_CRITERIA_2017_REV2022,
  },
};

/** The database id of a criterion: edition and code, stable across reseeding. */
export function criterionId(edition: string, code: string): string {
  return `${edition}:${code}`;
}

export function currentCriteria(): readonly CriterionDefinition[] {
  return SOC2_CRITERIA_2017_REV2022;
}

/** The criteria in scope for a SOC 2 engagement: every criterion whose category is chosen. */
export function criteriaInScope(
  categories: readonly TscCategory[],
  criteria: readonly CriterionDefinition[] = SOC2_CRITERIA_2017_REV2022,
): CriterionDefinition[] {
  const chosen = new Set<TscCategory>(["security", ...categories]);
  return criteria.filter((criterion) => chosen.has(criterion.category));
}

export function isTscCategory(value: string): value is TscCategory {
  return (TSC_CATEGORIES as readonly string[]).includes(value);
}

export { SAMPLING_BANDS, SOC1_STARTER_OBJECTIVES };
