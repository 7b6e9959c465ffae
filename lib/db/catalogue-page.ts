import "server-only";
import {
  CRITERIA_EDITIONS,
  CURRENT_CRITERIA_EDITION,
  type TscCategory,
} from "@/lib/domain/catalog";
import { CATEGORY_LABELS } from "@/lib/domain/labels";
import { can } from "@/lib/domain/permissions";
import { notFound } from "@/lib/errors";
import { listCriteria, type CriterionRow } from "./catalog";
import type { OrgContext } from "./context";
import { countControlsByCriterion } from "./mappings";

// Everything the SOC 2 criteria page shows, in one call: the current edition's criteria in their
// groups, each with how many of the organisation's controls are mapped to it.

type CriterionLine = CriterionRow & {
  /** The category's short name ("Security"), or its code when it has no label. */
  categoryLabel: string;
  /** The organisation's controls mapped to the criterion. */
  controls: number;
};

export type CataloguePage = {
  /** The edition's label ("2017 Trust Services Criteria (2022 points of focus)"), or its code. */
  editionLabel: string;
  criteriaCount: number;
  /** In the catalogue's order; `anchor` ids the group's heading. */
  groups: { name: string; anchor: string; criteria: CriterionLine[] }[];
};

/** Someone without library.view (an outside auditor) gets NOT_FOUND, as for the rest of the library. */
export async function loadCataloguePage(ctx: OrgContext): Promise<CataloguePage> {
  if (!can(ctx.role, "library.view")) throw notFound();
  const [criteria, counts] = await Promise.all([
    listCriteria(CURRENT_CRITERIA_EDITION),
    countControlsByCriterion(ctx),
  ]);
  const lines = criteria.map((criterion) => ({
    ...criterion,
    categoryLabel:
      CATEGORY_LABELS[criterion.category as TscCategory]?.split(" (")[0] ?? criterion.category,
    controls: counts.get(criterion.id) ?? 0,
  }));
  return {
    editionLabel: CRITERIA_EDITIONS[CURRENT_CRITERIA_EDITION]?.label ?? CURRENT_CRITERIA_EDITION,
    criteriaCount: criteria.length,
    groups: [...new Set(criteria.map((criterion) => criterion.group))].map((name) => ({
      name,
      anchor: `group-${name.split(" ")[0]}`,
      criteria: lines.filter((criterion) => criterion.group === name),
    })),
  };
}
