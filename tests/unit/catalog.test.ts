import { describe, expect, it } from "vitest";
import {
  CRITERIA_EDITIONS,
  CURRENT_CRITERIA_EDITION,
  SAMPLING_BANDS,
  SOC1_STARTER_OBJECTIVES,
  TSC_CATEGORIES,
  criteriaInScope,
  criterionId,
  currentCriteria,
  isTscCategory,
  type TscCategory,
} from "@/lib/domain/catalog";
import { CONTROL_FREQUENCIES, CONTROL_NATURES, CONTROL_REF_PATTERN } from "@/lib/domain/controls";
import { STARTER_CONTROLS } from "@/lib/domain/starter-controls";

const criteria = currentCriteria();
const criterionCodes = new Set(criteria.map((criterion) => criterion.code));
const objectiveRefs = new Set(SOC1_STARTER_OBJECTIVES.map((objective) => objective.ref));

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1;
  return counts;
}

describe("SOC 2 criteria catalogue", () => {
  it("has exactly 61 criteria in the current edition", () => {
    expect(criteria).toHaveLength(61);
    expect(CRITERIA_EDITIONS[CURRENT_CRITERIA_EDITION]?.criteria).toBe(criteria);
  });

  it("has unique codes", () => {
    expect(criterionCodes.size).toBe(criteria.length);
  });

  it("files every criterion under a known category, with a group, title and summary", () => {
    for (const criterion of criteria) {
      expect(TSC_CATEGORIES).toContain(criterion.category);
      expect(criterion.group.trim()).not.toBe("");
      expect(criterion.title.trim()).not.toBe("");
      expect(criterion.summary.trim()).not.toBe("");
    }
  });

  it("has the expected number of criteria per category", () => {
    expect(countBy(criteria, (criterion) => criterion.category)).toEqual({
      security: 33,
      availability: 3,
      confidentiality: 2,
      processing_integrity: 5,
      privacy: 18,
    });
  });

  it("puts only the common criteria CC1–CC9 under security", () => {
    const security = criteria.filter((criterion) => criterion.category === "security");
    expect(security.every((criterion) => /^CC[1-9]\.\d+$/.test(criterion.code))).toBe(true);
    expect(new Set(security.map((criterion) => criterion.code.split(".")[0])).size).toBe(9);
  });

  it("always includes security in scope, and everything when every category is chosen", () => {
    const securityOnly = criteriaInScope([]);
    expect(securityOnly).toHaveLength(33);
    expect(securityOnly.every((criterion) => criterion.category === "security")).toBe(true);
    expect(criteriaInScope(TSC_CATEGORIES)).toHaveLength(61);
    expect(criteriaInScope(["availability"])).toHaveLength(36);
    expect(criteriaInScope(["security", "privacy"])).toHaveLength(51);
  });

  it("builds a criterion id from edition and code", () => {
    expect(criterionId(CURRENT_CRITERIA_EDITION, "CC6.1")).toBe("tsc-2017-rev2022:CC6.1");
    const ids = criteria.map((criterion) => criterionId(CURRENT_CRITERIA_EDITION, criterion.code));
    expect(new Set(ids).size).toBe(61);
  });

  it("recognises category names", () => {
    for (const category of TSC_CATEGORIES) expect(isTscCategory(category)).toBe(true);
    expect(isTscCategory("Security")).toBe(false);
    expect(isTscCategory("")).toBe(false);
  });
});

describe("SOC 1 / ISAE 3402 starter objectives", () => {
  it("has 24 objectives with unique refs, 12 ITGC and 12 business", () => {
    expect(SOC1_STARTER_OBJECTIVES).toHaveLength(24);
    expect(objectiveRefs.size).toBe(24);
    expect(countBy(SOC1_STARTER_OBJECTIVES, (objective) => objective.area)).toEqual({
      itgc: 12,
      business: 12,
    });
  });

  it("names ITGC objectives ITGC-nn and business objectives BP-nn", () => {
    for (const objective of SOC1_STARTER_OBJECTIVES) {
      expect(objective.ref).toMatch(objective.area === "itgc" ? /^ITGC-\d{2}$/ : /^BP-\d{2}$/);
      expect(objective.objective.trim()).not.toBe("");
    }
  });
});

describe("sampling bands", () => {
  it("have unique keys and at least one sample, with min ≤ max", () => {
    expect(new Set(SAMPLING_BANDS.map((band) => band.key)).size).toBe(SAMPLING_BANDS.length);
    for (const band of SAMPLING_BANDS) {
      expect(band.minSamples).toBeGreaterThanOrEqual(1);
      expect(band.minSamples).toBeLessThanOrEqual(band.maxSamples);
    }
  });
});

describe("starter controls", () => {
  it("has between 35 and 45 controls", () => {
    expect(STARTER_CONTROLS.length).toBeGreaterThanOrEqual(35);
    expect(STARTER_CONTROLS.length).toBeLessThanOrEqual(45);
  });

  it("has unique refs that a user could type as a control ref", () => {
    const refs = STARTER_CONTROLS.map((control) => control.ref);
    expect(new Set(refs).size).toBe(refs.length);
    for (const ref of refs) expect(ref).toMatch(CONTROL_REF_PATTERN);
  });

  it("uses only known frequencies and natures", () => {
    for (const control of STARTER_CONTROLS) {
      expect(CONTROL_FREQUENCIES).toContain(control.frequency);
      expect(CONTROL_NATURES).toContain(control.nature);
    }
  });

  it("has a title and a description for every control", () => {
    for (const control of STARTER_CONTROLS) {
      expect(control.title.trim(), control.ref).not.toBe("");
      expect(control.description.trim(), control.ref).not.toBe("");
    }
  });

  it("maps every control to at least one criterion, each a real criterion listed once", () => {
    for (const control of STARTER_CONTROLS) {
      expect(control.criteria.length, control.ref).toBeGreaterThan(0);
      expect(new Set(control.criteria).size, control.ref).toBe(control.criteria.length);
      for (const code of control.criteria)
        expect(criterionCodes.has(code), `${control.ref} → ${code}`).toBe(true);
    }
  });

  it("maps only to real starter objectives, each listed once", () => {
    for (const control of STARTER_CONTROLS) {
      expect(new Set(control.objectives).size, control.ref).toBe(control.objectives.length);
      for (const ref of control.objectives)
        expect(objectiveRefs.has(ref), `${control.ref} → ${ref}`).toBe(true);
    }
  });

  it("covers every ITGC objective", () => {
    const covered = new Set(STARTER_CONTROLS.flatMap((control) => control.objectives));
    const uncovered = SOC1_STARTER_OBJECTIVES.filter(
      (objective) => objective.area === "itgc" && !covered.has(objective.ref),
    );
    expect(uncovered.map((objective) => objective.ref)).toEqual([]);
  });

  it("covers every common-criteria group CC1 to CC9", () => {
    const groups = new Set(
      STARTER_CONTROLS.flatMap((control) => control.criteria.map((code) => code.split(".")[0])),
    );
    for (let n = 1; n <= 9; n += 1) expect(groups.has(`CC${n}`), `CC${n}`).toBe(true);
  });

  it("touches every optional category at least once", () => {
    const categoryOf = new Map(criteria.map((criterion) => [criterion.code, criterion.category]));
    const categories = new Set<TscCategory | undefined>(
      STARTER_CONTROLS.flatMap((control) => control.criteria.map((code) => categoryOf.get(code))),
    );
    for (const category of TSC_CATEGORIES) expect(categories.has(category), category).toBe(true);
  });
});
