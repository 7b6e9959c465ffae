import "server-only";
import { notFound } from "@/lib/errors";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { engagementRequirements } from "./engagement-requirements";

// What an auditor may see: the engagements in ctx.engagementIds, and the controls mapped to
// their requirements (with those controls' evidence, events and exceptions). Team members see
// the whole organisation. Anything outside answers "not found", as another organisation would.

/** The engagements the context is limited to; null means the whole organisation. */
export function engagementScope(ctx: OrgContext): readonly string[] | null {
  if (ctx.role !== "auditor") return null;
  return ctx.engagementIds ?? [];
}

export function assertEngagementVisible(ctx: OrgContext, engagementId: string): void {
  const scope = engagementScope(ctx);
  if (scope !== null && !scope.includes(engagementId)) throw notFound();
}

type VisibleScope = { controlIds: ReadonlySet<string>; requirementIds: ReadonlySet<string> };
const scopes = new WeakMap<OrgContext, Promise<VisibleScope>>();

/** The requirements and mapped controls of the context's engagements, once per context. */
function visibleScope(ctx: OrgContext, engagementIds: readonly string[]): Promise<VisibleScope> {
  let cached = scopes.get(ctx);
  if (!cached) {
    cached = (async () => {
      const controlIds = new Set<string>();
      const requirementIds = new Set<string>();
      for (const engagementId of engagementIds) {
        const { requirements } = await engagementRequirements(ctx, engagementId);
        for (const requirement of requirements) {
          requirementIds.add(requirement.id);
          for (const control of requirement.controls) controlIds.add(control.id);
        }
      }
      return { controlIds, requirementIds };
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
