// The navigation's "My work (N)" from the maintained rows (docs/decisions/0049): the items My
// work lists on the member's controls, counted from each control's stored result with the
// queue's own per-control rule (workCount), without the requirement roll-up, the queue's order
// or the items' details. Pure: the rows, the mappings and the day come in as arguments.
import { controlsInScope, type ReadinessMapping, type ReadinessRequirement } from "./engine";
import type { MaintainedControl } from "./maintained";
import { workCount } from "./work-queue";

export type CountedEngagement = {
  type: "TYPE_I" | "TYPE_II";
  periodEnd: string | null;
  /** The organisation day its maintained rows are for (docs/decisions/0043). */
  readinessDay: string | null;
  /** The requirements in scope, N/A marked. */
  requirements: readonly ReadinessRequirement[];
  /** The stored result of each control of the engagement, by control id (none if dirty). */
  rows: ReadonlyMap<string, MaintainedControl>;
};

export type RowsCountInput = {
  today: string;
  freshnessDays: number;
  /** The engagements the member sees, with usable dates. */
  engagements: readonly CountedEngagement[];
  /** The mappings of the member's active controls, onto any requirement. */
  mappings: readonly ReadinessMapping[];
};

/**
 * How many items My work lists on the member's controls (its requests aside), or null when the
 * rows cannot tell, exactly where orgReadinessSummary stops trusting them: an engagement's rows
 * are not for today, or one of the member's controls mapped to an engagement has no row there
 * (the caller leaves out the rows of controls marked dirty).
 */
export function workCountFromRows(input: RowsCountInput): number | null {
  let total = 0;
  for (const engagement of input.engagements) {
    if (engagement.readinessDay !== input.today) return null;
    const requirementIds = new Set(engagement.requirements.map((requirement) => requirement.id));
    const mappings = input.mappings.filter((mapping) => requirementIds.has(mapping.requirementId));
    const inScope = controlsInScope({ requirements: engagement.requirements, mappings });
    const controls = [];
    for (const controlId of new Set(mappings.map((mapping) => mapping.controlId))) {
      const row = engagement.rows.get(controlId);
      if (!row) return null;
      if (inScope.has(controlId)) controls.push(row);
    }
    total += workCount({
      type: engagement.type,
      today: input.today,
      freshnessDays: input.freshnessDays,
      periodEnd: engagement.type === "TYPE_II" ? engagement.periodEnd : null,
      controls,
    });
  }
  return total;
}
