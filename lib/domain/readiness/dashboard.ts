import type { RequirementStatus } from "../requirement-status";
import { REQUIREMENT_STATUSES } from "../requirement-status";

// What the engagement dashboard shows beyond the counts: statuses by group (the work queue is
// work-queue.ts). Pure: everything comes from the engine's result.

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
