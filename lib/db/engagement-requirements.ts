import "server-only";
import { criteriaInScope, criterionId } from "@/lib/domain/catalog";
import { requirementIdsInScope, usesObjectives } from "@/lib/domain/engagements";
import {
  requirementStatus,
  statusCounts,
  type RequirementStatus,
  type StatusCounts,
} from "@/lib/domain/requirement-status";
import { isTscCategory } from "@/lib/domain/catalog";
import { assertCan } from "./authorize";
import { ensureCatalog } from "./catalog";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { getEngagement, type EngagementDetail } from "./engagements";
import type { RequirementKind } from "./mappings";
import { engagementScope } from "./scope";

export type MappedControlView = { id: string; ref: string; title: string; status: string };

export type RequirementView = {
  id: string;
  kind: RequirementKind;
  code: string;
  title: string;
  /** What it asks, in our words: the catalogue's summary of a criterion, an objective's own text. */
  summary: string;
  group: string;
  status: RequirementStatus;
  justification: string | null;
  /** The marking "not applicable" (its id), for making the requirement applicable again. */
  exclusionId: string | null;
  controls: MappedControlView[];
  /** Other active engagements that include this requirement and so share its mapping. */
  alsoIn: { id: string; name: string }[];
};

export type EngagementRequirements = {
  engagement: EngagementDetail;
  requirements: RequirementView[];
  counts: StatusCounts;
};

/** Whether a control counts as ready; evidence-based readiness plugs in here. */
export type ControlReadiness = (controlId: string) => boolean;
const NOTHING_READY: ControlReadiness = () => false;

/** A control mapped to the engagement, with the fields the readiness engine needs too. */
export type ScopedControl = MappedControlView & {
  ownerId: string | null;
  description: string;
  frequency: string;
  graceDays: number;
};

/**
 * Every in-scope requirement of an engagement with its status and mapped controls, in a fixed
 * number of queries however many requirements and controls there are.
 */
export async function engagementRequirements(
  ctx: OrgContext,
  engagementId: string,
  isReady: ControlReadiness = NOTHING_READY,
): Promise<EngagementRequirements> {
  assertCan(ctx, "org.view");
  const engagement = await getEngagement(ctx, engagementId);
  return (await requirementsWithControls(ctx, engagement, isReady)).view;
}

/**
 * engagementRequirements for an engagement already read with getEngagement, plus the controls
 * mapped to its requirements (by ref) with every field readiness needs, so that the readiness
 * loader reads the controls once and can start its own queries alongside these.
 */
export async function requirementsWithControls(
  ctx: OrgContext,
  engagement: EngagementDetail,
  isReady: ControlReadiness = NOTHING_READY,
): Promise<{ view: EngagementRequirements; controls: ScopedControl[] }> {
  assertCan(ctx, "org.view");
  await ensureCatalog();
  const db = getDb();
  const scope = engagementScope(ctx);
  const chosenObjectives = new Set(engagement.objectiveIds);

  const base: Omit<
    RequirementView,
    "status" | "justification" | "exclusionId" | "controls" | "alsoIn"
  >[] = usesObjectives(engagement.family)
    ? (
        await db.controlObjective.findMany({
          where: { organizationId: ctx.orgId },
          orderBy: [{ sortOrder: "asc" }, { ref: "asc" }],
          select: { id: true, ref: true, title: true, objective: true, area: true },
        })
      )
        .filter((objective) => chosenObjectives.has(objective.id))
        .map((objective) => ({
          id: objective.id,
          kind: "objective",
          code: objective.ref,
          title: objective.title,
          summary: objective.objective,
          group: objective.area === "itgc" ? "IT general controls" : "Business processes",
        }))
    : criteriaInScope(engagement.categories).map((criterion) => ({
        id: criterionId(engagement.criteriaEdition, criterion.code),
        kind: "criterion",
        code: criterion.code,
        title: criterion.title,
        summary: criterion.summary,
        group: criterion.group,
      }));

  // Organisation-wide flat reads joined in memory: no IN list grows with the scope (SQLite
  // allows 999 parameters per statement) and no nested selects fan out into extra queries.
  const inScope = new Set(base.map((requirement) => requirement.id));
  const [exclusions, allMappings, controls, others] = await Promise.all([
    db.requirementExclusion.findMany({
      where: { engagementId: engagement.id },
      select: { id: true, requirementId: true, justification: true },
    }),
    db.controlMapping.findMany({
      where: { organizationId: ctx.orgId },
      select: { controlId: true, criterionId: true, objectiveId: true },
    }),
    db.control.findMany({
      where: { organizationId: ctx.orgId },
      select: {
        id: true,
        ref: true,
        title: true,
        status: true,
        ownerId: true,
        description: true,
        frequency: true,
        graceDays: true,
      },
      orderBy: { ref: "asc" },
    }),
    db.engagement.findMany({
      // An auditor is not told about engagements they were not given.
      where: {
        organizationId: ctx.orgId,
        archivedAt: null,
        AND: [
          { id: { not: engagement.id } },
          ...(scope === null ? [] : [{ id: { in: [...scope] } }]),
        ],
      },
      select: {
        id: true,
        name: true,
        family: true,
        categories: true,
        criteriaEdition: true,
        objectives: { select: { objectiveId: true } },
      },
    }),
  ]);

  const exclusionOf = new Map(exclusions.map((exclusion) => [exclusion.requirementId, exclusion]));
  const requirementsOfControl = new Map<string, string[]>();
  for (const mapping of allMappings) {
    const requirementId = mapping.criterionId ?? mapping.objectiveId;
    if (!requirementId || !inScope.has(requirementId)) continue;
    const list = requirementsOfControl.get(mapping.controlId) ?? [];
    list.push(requirementId);
    requirementsOfControl.set(mapping.controlId, list);
  }
  // Controls come sorted by ref, so each requirement's list is too.
  const controlsOf = new Map<string, MappedControlView[]>();
  const mappedControls: ScopedControl[] = [];
  for (const control of controls) {
    const requirementIds = requirementsOfControl.get(control.id);
    if (!requirementIds) continue;
    mappedControls.push(control);
    const view: MappedControlView = {
      id: control.id,
      ref: control.ref,
      title: control.title,
      status: control.status,
    };
    for (const requirementId of requirementIds) {
      const list = controlsOf.get(requirementId) ?? [];
      list.push(view);
      controlsOf.set(requirementId, list);
    }
  }
  const otherScopes = others.map((other) => ({
    id: other.id,
    name: other.name,
    scope: requirementIdsInScope(
      {
        family: other.family === "SOC2" ? "SOC2" : "SOC1",
        categories: (JSON.parse(other.categories) as string[]).filter(isTscCategory),
        criteriaEdition: other.criteriaEdition,
        objectiveIds: other.objectives.map((objective) => objective.objectiveId),
      },
      criterionId,
    ),
  }));

  const requirements = base.map((requirement) => {
    const controls = controlsOf.get(requirement.id) ?? [];
    const exclusion = exclusionOf.get(requirement.id);
    const justification = exclusion?.justification ?? null;
    return {
      ...requirement,
      controls,
      justification,
      exclusionId: exclusion?.id ?? null,
      status: requirementStatus(
        justification !== null,
        controls.map((control) => ({
          retired: control.status === "retired",
          ready: isReady(control.id),
        })),
      ),
      alsoIn: otherScopes
        .filter((other) => other.scope.has(requirement.id))
        .map(({ id, name }) => ({ id, name })),
    };
  });
  return {
    view: {
      engagement,
      requirements,
      counts: statusCounts(requirements.map((requirement) => requirement.status)),
    },
    controls: mappedControls,
  };
}
