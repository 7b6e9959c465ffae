import "server-only";
import { criterionId, isTscCategory } from "@/lib/domain/catalog";
import { requirementIdsInScope } from "@/lib/domain/engagements";
import { notFound } from "@/lib/errors";
import { getDb } from "./client";
import type { OrgContext } from "./context";

// What an auditor may see: the engagements in ctx.engagementIds, and the controls mapped to
// their requirements (with those controls' evidence, events and exceptions). Team members see
// the whole organisation, unless they act through an API token limited to some engagements
// (lib/db/api-tokens.ts), which sees those the way an auditor does. Anything outside answers
// "not found", as another organisation would.

/** The engagements the context is limited to; null means the whole organisation. */
export function engagementScope(ctx: OrgContext): readonly string[] | null {
  if (ctx.role === "auditor") return ctx.engagementIds ?? [];
  return ctx.engagementIds ?? null;
}

export function assertEngagementVisible(ctx: OrgContext, engagementId: string): void {
  const scope = engagementScope(ctx);
  if (scope !== null && !scope.includes(engagementId)) throw notFound();
}

type VisibleScope = { controlIds: ReadonlySet<string>; requirementIds: ReadonlySet<string> };
const scopes = new WeakMap<OrgContext, Promise<VisibleScope>>();

/**
 * The requirements of the context's engagements and the controls mapped to them, once per
 * context, in two queries whatever the number of engagements, requirements and controls: the
 * engagements' scope fields, then the organisation's mappings onto those requirements.
 */
function visibleScope(ctx: OrgContext, engagementIds: readonly string[]): Promise<VisibleScope> {
  let cached = scopes.get(ctx);
  if (!cached) {
    cached = (async () => {
      const db = getDb();
      const engagements = await db.engagement.findMany({
        where: { organizationId: ctx.orgId, id: { in: [...engagementIds] } },
        select: {
          family: true,
          categories: true,
          criteriaEdition: true,
          objectives: { select: { objectiveId: true } },
        },
      });
      const requirementIds = new Set<string>();
      for (const engagement of engagements) {
        const inScope = requirementIdsInScope(
          {
            family: engagement.family === "SOC2" ? "SOC2" : "SOC1",
            categories: (JSON.parse(engagement.categories) as string[]).filter(isTscCategory),
            criteriaEdition: engagement.criteriaEdition,
            objectiveIds: engagement.objectives.map((objective) => objective.objectiveId),
          },
          criterionId,
        );
        for (const id of inScope) requirementIds.add(id);
      }
      if (requirementIds.size === 0) return { controlIds: new Set<string>(), requirementIds };
      const ids = [...requirementIds];
      const mappings = await db.controlMapping.findMany({
        where: {
          organizationId: ctx.orgId,
          OR: [{ criterionId: { in: ids } }, { objectiveId: { in: ids } }],
        },
        select: { controlId: true },
      });
      return { controlIds: new Set(mappings.map((mapping) => mapping.controlId)), requirementIds };
    })();
    scopes.set(ctx, cached);
  }
  return cached;
}

/** The controls the context may see; null means every control of the organisation. */
export async function visibleControlIds(ctx: OrgContext): Promise<ReadonlySet<string> | null> {
  const scope = engagementScope(ctx);
  return scope === null ? null : (await visibleScope(ctx, scope)).controlIds;
}

/** The requirements (criterion or objective ids) the context may see; null means all. */
export async function visibleRequirementIds(ctx: OrgContext): Promise<ReadonlySet<string> | null> {
  const scope = engagementScope(ctx);
  return scope === null ? null : (await visibleScope(ctx, scope)).requirementIds;
}

export async function assertControlVisible(ctx: OrgContext, controlId: string): Promise<void> {
  const visible = await visibleControlIds(ctx);
  if (visible !== null && !visible.has(controlId)) throw notFound();
}

/** An evidence item is visible when it is linked to at least one visible control. */
export async function assertEvidenceVisible(ctx: OrgContext, evidenceId: string): Promise<void> {
  const visible = await visibleControlIds(ctx);
  if (visible === null) return;
  const links = await getDb().evidenceControl.findMany({
    where: { evidenceId, organizationId: ctx.orgId },
    select: { controlId: true },
  });
  if (!links.some((link) => visible.has(link.controlId))) throw notFound();
}
