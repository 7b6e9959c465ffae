import "server-only";
import { engagementWarnings, type EngagementWarning } from "@/lib/domain/engagements";
import { can } from "@/lib/domain/permissions";
import type { EngagementReadiness } from "@/lib/domain/readiness/engine";
import type { RequirementStatus, StatusCounts } from "@/lib/domain/requirement-status";
import { recordEngagementView } from "./auditor-access";
import type { OrgContext } from "./context";
import type { EngagementDetail } from "./engagements";
import type { ReadinessRequirementView } from "./readiness";
import { engagementRequirementsSummary } from "./readiness-summary";

// The engagement overview in one call: the engagement with its readiness (maintained, as the
// dashboard reads it), the requirements the
// status filter keeps, the contract's warnings and the links the viewer may follow. An auditor's
// visit is recorded in the access log.

export type EngagementPage = {
  orgSlug: string;
  engagement: EngagementDetail;
  /** Every in-scope requirement counted by status (the filter's tabs show them all). */
  counts: StatusCounts;
  readiness: Pick<EngagementReadiness, "controlCounts" | "designDate" | "asOf">;
  /** The status asked for; undefined: all. */
  filter: RequirementStatus | undefined;
  /** The requirements with the status asked for, in order. */
  requirements: ReadinessRequirementView[];
  /** Whether any requirement is in scope at all (which empty state to show). */
  anyRequirement: boolean;
  warnings: EngagementWarning[];
  permissions: { exports: boolean; paperwork: boolean; editScope: boolean };
};

/** Another organisation's engagement, or one an auditor was not given, is NOT_FOUND. */
export async function loadEngagementPage(
  ctx: OrgContext,
  engagementId: string,
  today: string,
  filter: RequirementStatus | undefined,
): Promise<EngagementPage> {
  const { engagement, requirements, counts, readiness } = await engagementRequirementsSummary(
    ctx,
    engagementId,
    today,
  );
  await recordEngagementView(ctx, engagement, "requirements");
  return {
    orgSlug: ctx.orgSlug,
    engagement,
    counts,
    readiness: {
      controlCounts: readiness.controlCounts,
      designDate: readiness.designDate,
      asOf: readiness.asOf,
    },
    filter,
    requirements: filter ? requirements.filter((r) => r.status === filter) : requirements,
    anyRequirement: requirements.length > 0,
    warnings:
      engagement.type === "TYPE_II" && engagement.periodStart && engagement.periodEnd
        ? engagementWarnings({
            type: "TYPE_II",
            periodStart: engagement.periodStart,
            periodEnd: engagement.periodEnd,
          })
        : [],
    permissions: {
      exports: can(ctx.role, "export.create"),
      paperwork: can(ctx.role, "library.view"),
      editScope: can(ctx.role, "engagement.manage"),
    },
  };
}
