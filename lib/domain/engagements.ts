import { criteriaInScope, type CriterionDefinition, type TscCategory } from "./catalog";
import { daysInclusive } from "./dates";
import { FAMILY_LABELS, TYPE_LABELS } from "./labels";

export const REPORT_FAMILIES = ["SOC2", "SOC1", "ISAE3402"] as const;
export type ReportFamily = (typeof REPORT_FAMILIES)[number];
export const REPORT_TYPES = ["TYPE_I", "TYPE_II"] as const;
export type ReportType = (typeof REPORT_TYPES)[number];
export const SUBSERVICE_METHODS = ["carve_out", "inclusive"] as const;
export type SubserviceMethod = (typeof SUBSERVICE_METHODS)[number];

/** SOC 2 engagements are scoped by categories; SOC 1 and ISAE 3402 by the organisation's objectives. */
export function usesObjectives(family: ReportFamily): boolean {
  return family !== "SOC2";
}

export type EngagementDates =
  | { type: "TYPE_I"; asOfDate: string }
  | { type: "TYPE_II"; periodStart: string; periodEnd: string };

export const MIN_PERIOD_DAYS = 183;
export const MAX_PERIOD_DAYS = 366;

export type EngagementWarning = { code: "period_short" | "period_long"; message: string };

/** Warnings from the contract; they never block saving. */
export function engagementWarnings(dates: EngagementDates): EngagementWarning[] {
  if (dates.type !== "TYPE_II") return [];
  const days = daysInclusive(dates.periodStart, dates.periodEnd);
  if (days < MIN_PERIOD_DAYS) {
    return [
      {
        code: "period_short",
        message: `The period is ${days} days. Type II periods are usually at least 6 months; auditors may question a shorter one.`,
      },
    ];
  }
  if (days > MAX_PERIOD_DAYS) {
    return [
      {
        code: "period_long",
        message: `The period is ${days} days. Type II periods are usually at most 12 months.`,
      },
    ];
  }
  return [];
}

export function engagementName(
  family: ReportFamily,
  type: ReportType,
  dates: EngagementDates,
): string {
  const when =
    dates.type === "TYPE_I"
      ? `as of ${dates.asOfDate}`
      : `${dates.periodStart} to ${dates.periodEnd}`;
  return `${FAMILY_LABELS[family]} ${TYPE_LABELS[type]} ${when}`;
}

/** A requirement of an engagement: a SOC 2 criterion or an organisation objective. */
export type Requirement = { id: string; code: string; title: string; group: string };

export function soc2Requirements(
  categories: readonly TscCategory[],
  criterionIdOf: (code: string) => string,
  criteria?: readonly CriterionDefinition[],
): Requirement[] {
  return criteriaInScope(categories, criteria).map((criterion) => ({
    id: criterionIdOf(criterion.code),
    code: criterion.code,
    title: criterion.title,
    group: criterion.group,
  }));
}

/** The ids of the requirements an engagement covers (criterion ids or objective ids). */
export function requirementIdsInScope(
  scope: {
    family: ReportFamily;
    categories: readonly TscCategory[];
    criteriaEdition: string;
    objectiveIds: readonly string[];
  },
  criterionIdOf: (edition: string, code: string) => string,
): Set<string> {
  if (usesObjectives(scope.family)) return new Set(scope.objectiveIds);
  return new Set(
    criteriaInScope(scope.categories).map((criterion) =>
      criterionIdOf(scope.criteriaEdition, criterion.code),
    ),
  );
}
