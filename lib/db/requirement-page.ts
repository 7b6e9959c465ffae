import "server-only";
import { can } from "@/lib/domain/permissions";
import { notFound } from "@/lib/errors";
import { recordAuditorAccess } from "./auditor-access";
import type { OrgContext } from "./context";
import { listControlOptions } from "./controls";
import { engagementRequirementsSummary } from "./readiness-summary";

// Everything a requirement's page shows, in one call: the requirement with its status from the
// maintained readiness (as the dashboard reads it, no evidence read), its controls, the
// organisation's controls to pick from for those who may map, and what the viewer may do. An
// auditor's visit is logged.

export type RequirementPage = Awaited<ReturnType<typeof loadRequirementPage>>;

/** NOT_FOUND for a requirement the engagement does not have (or an engagement not theirs). */
export async function loadRequirementPage(
  ctx: OrgContext,
  engagementId: string,
  requirementId: string,
  today: string,
) {
  const { engagement, requirements } = await engagementRequirementsSummary(
    ctx,
    engagementId,
    today,
  );
  const requirement = requirements.find((candidate) => candidate.id === requirementId);
  if (!requirement) throw notFound();
  const permissions = {
    library: can(ctx.role, "library.view"),
    mapControls: can(ctx.role, "control.edit"),
    manageScope: can(ctx.role, "engagement.manage"),
    request: can(ctx.role, "request.create"),
  };
  const [controls] = await Promise.all([
    permissions.library ? listControlOptions(ctx) : Promise.resolve([]),
    recordAuditorAccess(ctx, "viewed", {
      entityType: "requirement",
      entityId: requirement.id,
      label: `${engagement.name}: ${requirement.code} ${requirement.title}`,
      engagementId: engagement.id,
    }),
  ]);
  return { orgSlug: ctx.orgSlug, engagement, requirement, controls, permissions };
}
