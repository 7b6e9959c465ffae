import "server-only";
import { can } from "@/lib/domain/permissions";
import { notFound } from "@/lib/errors";
import type { OrgContext } from "./context";
import { getEngagement, type EngagementDetail } from "./engagements";
import { listObjectives, type ObjectiveRow } from "./objectives";

// Everything the edit engagement page shows, in one call: the engagement as stored (with the
// version the form carries) and the objectives it may be scoped to.

export type EditEngagementPage = {
  orgSlug: string;
  /** Null without engagement.manage: the page says who may change engagements. */
  form: {
    engagement: EngagementDetail;
    /** Active objectives, and retired ones the engagement still includes. */
    objectives: ObjectiveRow[];
  } | null;
};

/**
 * Someone without library.view (an outside auditor) gets NOT_FOUND, as does an engagement of
 * another organisation, whoever asks.
 */
export async function loadEditEngagementPage(
  ctx: OrgContext,
  engagementId: string,
): Promise<EditEngagementPage> {
  if (!can(ctx.role, "library.view")) throw notFound();
  if (!can(ctx.role, "engagement.manage")) {
    await getEngagement(ctx, engagementId);
    return { orgSlug: ctx.orgSlug, form: null };
  }
  const [engagement, objectives] = await Promise.all([
    getEngagement(ctx, engagementId),
    listObjectives(ctx, { includeRetired: true }),
  ]);
  return {
    orgSlug: ctx.orgSlug,
    form: {
      engagement,
      objectives: objectives.filter(
        (objective) => !objective.retired || engagement.objectiveIds.includes(objective.id),
      ),
    },
  };
}
