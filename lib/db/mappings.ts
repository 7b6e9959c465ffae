import "server-only";
import { applyChoices } from "@/lib/domain/choices";
import { AppError, notFound } from "@/lib/errors";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { ensureCatalog } from "./catalog";
import { getDb, type Tx } from "./client";
import { lockOrganization } from "./organization-lock";
import type { OrgContext } from "./context";
import { assertControlVisible, visibleRequirementIds } from "./scope";

// A mapping links one control to one requirement: a SOC 2 criterion (shared catalogue) or one
// of the organisation's own objectives. Both sides can be edited; each edit replaces a set. A
// form sends the set it showed (`shown`) with the one chosen, and only the difference is
// applied to the set as it is now, so edits made meanwhile by others are kept (no version is
// needed for a set). Each edit first locks the organisation row, so two edits of one set never
// interleave and the log's before and after are exact.

export type RequirementKind = "criterion" | "objective";

async function assertRequirementsExist(
  tx: Tx,
  ctx: OrgContext,
  criterionIds: readonly string[],
  objectiveIds: readonly string[],
): Promise<void> {
  const [criteria, objectives] = await Promise.all([
    criterionIds.length ? tx.criterion.count({ where: { id: { in: [...criterionIds] } } }) : 0,
    objectiveIds.length
      ? tx.controlObjective.count({
          where: { organizationId: ctx.orgId, id: { in: [...objectiveIds] } },
        })
      : 0,
  ]);
  if (criteria !== criterionIds.length || objectives !== objectiveIds.length) {
    throw new AppError("VALIDATION", "Some of the chosen requirements do not exist.");
  }
}

/** Replaces the requirements a control maps to; with `shown`, applies only the changes made against it. */
export async function setControlMappings(
  ctx: OrgContext,
  controlId: string,
  criterionIds: readonly string[],
  objectiveIds: readonly string[],
  shown?: readonly string[],
): Promise<void> {
  assertCan(ctx, "control.edit");
  await assertControlVisible(ctx, controlId);
  // A context limited to engagements (an API token) sees, chooses and replaces only the
  // requirements of those engagements; the control's other mappings stay as they are.
  const visible = await visibleRequirementIds(ctx);
  if (
    visible !== null &&
    [...criterionIds, ...objectiveIds, ...(shown ?? [])].some((id) => !visible.has(id))
  )
    throw new AppError("VALIDATION", "Some of the chosen requirements do not exist.");
  await ensureCatalog();
  await getDb().$transaction(async (tx) => {
    await lockOrganization(tx, ctx);
    const control = await tx.control.findFirst({
      where: { id: controlId, organizationId: ctx.orgId },
      select: {
        id: true,
        mappings: { select: { id: true, criterionId: true, objectiveId: true } },
      },
    });
    if (!control) throw notFound();
    const before = {
      criterionIds: control.mappings.flatMap((m) => (m.criterionId ? [m.criterionId] : [])).sort(),
      objectiveIds: control.mappings.flatMap((m) => (m.objectiveId ? [m.objectiveId] : [])).sort(),
    };
    const seen =
      shown ??
      (visible === null
        ? undefined
        : [...before.criterionIds, ...before.objectiveIds].filter((id) => visible.has(id)));
    const wantedCriteria = seen
      ? applyChoices(before.criterionIds, seen, criterionIds)
      : [...new Set(criterionIds)];
    const wantedObjectives = seen
      ? applyChoices(before.objectiveIds, seen, objectiveIds)
      : [...new Set(objectiveIds)];
    await assertRequirementsExist(tx, ctx, wantedCriteria, wantedObjectives);
    const stale = control.mappings.filter((m) =>
      m.criterionId
        ? !wantedCriteria.includes(m.criterionId)
        : !wantedObjectives.includes(m.objectiveId ?? ""),
    );
    const addCriteria = wantedCriteria.filter((id) => !before.criterionIds.includes(id));
    const addObjectives = wantedObjectives.filter((id) => !before.objectiveIds.includes(id));
    if (!stale.length && !addCriteria.length && !addObjectives.length) return;
    await tx.controlMapping.deleteMany({ where: { id: { in: stale.map((m) => m.id) } } });
    await tx.controlMapping.createMany({
      data: [
        ...addCriteria.map((criterionId) => ({
          organizationId: ctx.orgId,
          controlId,
          criterionId,
        })),
        ...addObjectives.map((objectiveId) => ({
          organizationId: ctx.orgId,
          controlId,
          objectiveId,
        })),
      ],
    });
    await recordActivity(tx, ctx, {
      action: "control.mappings_changed",
      entityType: "control",
      entityId: controlId,
      before,
      after: {
        criterionIds: [...wantedCriteria].sort(),
        objectiveIds: [...wantedObjectives].sort(),
      },
    });
  });
}

/**
 * Replaces the controls that serve one requirement (the requirement side of the same links);
 * with `shown`, applies only the changes made against it.
 */
export async function setRequirementControls(
  ctx: OrgContext,
  kind: RequirementKind,
  requirementId: string,
  controlIds: readonly string[],
  shown?: readonly string[],
): Promise<void> {
  assertCan(ctx, "control.edit");
  await ensureCatalog();
  await getDb().$transaction(async (tx) => {
    await lockOrganization(tx, ctx);
    await assertRequirementsExist(
      tx,
      ctx,
      kind === "criterion" ? [requirementId] : [],
      kind === "objective" ? [requirementId] : [],
    );
    const column = kind === "criterion" ? "criterionId" : "objectiveId";
    const existing = await tx.controlMapping.findMany({
      where: { organizationId: ctx.orgId, [column]: requirementId },
      select: { id: true, controlId: true },
    });
    const before = existing.map((m) => m.controlId).sort();
    const wanted = shown ? applyChoices(before, shown, controlIds) : [...new Set(controlIds)];
    const found = await tx.control.count({
      where: { organizationId: ctx.orgId, id: { in: wanted } },
    });
    if (found !== wanted.length)
      throw new AppError("VALIDATION", "Some of the chosen controls do not exist.");
    const stale = existing.filter((m) => !wanted.includes(m.controlId));
    const added = wanted.filter((id) => !before.includes(id));
    if (!stale.length && !added.length) return;
    await tx.controlMapping.deleteMany({ where: { id: { in: stale.map((m) => m.id) } } });
    await tx.controlMapping.createMany({
      data: added.map((controlId) => ({
        organizationId: ctx.orgId,
        controlId,
        [column]: requirementId,
      })),
    });
    await recordActivity(tx, ctx, {
      action: "requirement.controls_changed",
      entityType: kind,
      entityId: requirementId,
      before: { controlIds: before },
      after: { controlIds: [...wanted].sort() },
    });
  });
}

/** How many of the organisation's controls map to each criterion (one grouped query). */
export async function countControlsByCriterion(ctx: OrgContext): Promise<Map<string, number>> {
  assertCan(ctx, "library.view");
  const groups = await getDb().controlMapping.groupBy({
    by: ["criterionId"],
    where: { organizationId: ctx.orgId, criterionId: { not: null } },
    _count: { _all: true },
  });
  return new Map(
    groups.flatMap((group) =>
      group.criterionId ? [[group.criterionId, group._count._all] as const] : [],
    ),
  );
}
