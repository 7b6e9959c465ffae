// Requirement and engagement readiness (readiness-rules.md, section 6).

export const REQUIREMENT_STATUSES = ["ready", "in_progress", "unmapped", "not_applicable"] as const;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];

export type MappedControl = { retired: boolean; ready: boolean };

export function requirementStatus(
  notApplicable: boolean,
  mapped: readonly MappedControl[],
): RequirementStatus {
  if (notApplicable) return "not_applicable";
  const active = mapped.filter((control) => !control.retired);
  if (active.length === 0) return "unmapped";
  return active.every((control) => control.ready) ? "ready" : "in_progress";
}

export type StatusCounts = Record<RequirementStatus, number> & {
  total: number;
  readinessPercent: number;
};

export function statusCounts(statuses: readonly RequirementStatus[]): StatusCounts {
  const counts = { ready: 0, in_progress: 0, unmapped: 0, not_applicable: 0 };
  for (const status of statuses) counts[status] += 1;
  const total = statuses.length;
  const denominator = total - counts.not_applicable;
  const readinessPercent = denominator === 0 ? 100 : (100 * counts.ready) / denominator;
  return { ...counts, total, readinessPercent };
}
