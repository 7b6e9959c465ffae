import "server-only";
import { SOC1_STARTER_OBJECTIVES } from "@/lib/domain/catalog";
import { AppError, notFound } from "@/lib/errors";
import type { ObjectiveInput } from "@/lib/schemas/objective";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb, type Tx } from "./client";
import { lockOrganization } from "./organization-lock";
import type { OrgContext } from "./context";
import { isUniqueViolation } from "./prisma-errors";
import { engagementScope } from "./scope";
import { staleEdit } from "./versions";

export type ObjectiveRow = {
  id: string;
  ref: string;
  area: string;
  title: string;
  objective: string;
  sortOrder: number;
  retired: boolean;
  controlCount: number;
  version: number;
};

const duplicateRef = () =>
  new AppError("CONFLICT", "That reference is already used by another objective.", {
    ref: ["That reference is already used by another objective."],
  });

/** The organisation's objectives; an auditor sees only those of their engagements. */
export async function listObjectives(
  ctx: OrgContext,
  options: { includeRetired?: boolean } = {},
): Promise<ObjectiveRow[]> {
  assertCan(ctx, "org.view");
  const scope = engagementScope(ctx);
  const rows = await getDb().controlObjective.findMany({
    where: {
      organizationId: ctx.orgId,
      ...(options.includeRetired ? {} : { retiredAt: null }),
      ...(scope === null ? {} : { engagements: { some: { engagementId: { in: [...scope] } } } }),
    },
    orderBy: [{ sortOrder: "asc" }, { ref: "asc" }],
    select: {
      id: true,
      ref: true,
      area: true,
      title: true,
      objective: true,
      sortOrder: true,
      retiredAt: true,
      version: true,
      _count: { select: { mappings: true } },
    },
  });
  return rows.map(({ retiredAt, _count, ...row }) => ({
    ...row,
    retired: retiredAt !== null,
    controlCount: _count.mappings,
  }));
}

async function nextSortOrder(tx: Tx, orgId: string): Promise<number> {
  const last = await tx.controlObjective.findFirst({
    where: { organizationId: orgId },
    orderBy: { sortOrder: "desc" },
    select: { sortOrder: true },
  });
  return (last?.sortOrder ?? 0) + 1;
}

export async function createObjective(
  ctx: OrgContext,
  input: ObjectiveInput,
): Promise<{ id: string }> {
  assertCan(ctx, "objective.manage");
  return getDb()
    .$transaction(async (tx) => {
      const created = await tx.controlObjective.create({
        data: {
          organizationId: ctx.orgId,
          ...input,
          sortOrder: await nextSortOrder(tx, ctx.orgId),
        },
        select: { id: true },
      });
      await recordActivity(tx, ctx, {
        action: "objective.created",
        entityType: "objective",
        entityId: created.id,
        after: input,
      });
      return created;
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? duplicateRef() : error;
    });
}

async function findObjective(tx: Tx, ctx: OrgContext, objectiveId: string) {
  const objective = await tx.controlObjective.findFirst({
    where: { id: objectiveId, organizationId: ctx.orgId },
    select: {
      id: true,
      ref: true,
      area: true,
      title: true,
      objective: true,
      sortOrder: true,
      retiredAt: true,
      version: true,
    },
  });
  if (!objective) throw notFound();
  return objective;
}

/** Compare-and-set: writes `data` and moves the version on only if the objective still has `version`. */
async function writeObjective(
  tx: Tx,
  ctx: OrgContext,
  objective: { id: string; version: number },
  version: number,
  data: Partial<ObjectiveInput> & { retiredAt?: Date | null },
): Promise<void> {
  if (objective.version !== version) throw await staleEdit(tx, ctx, "objective", objective.id);
  const { count } = await tx.controlObjective.updateMany({
    where: { id: objective.id, organizationId: ctx.orgId, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) throw await staleEdit(tx, ctx, "objective", objective.id);
}

/** Saves the objective form: `version` is the one the form was loaded at. */
export async function updateObjective(
  ctx: OrgContext,
  objectiveId: string,
  input: ObjectiveInput,
  version: number,
): Promise<void> {
  assertCan(ctx, "objective.manage");
  await getDb()
    .$transaction(async (tx) => {
      const current = await findObjective(tx, ctx, objectiveId);
      const { id, ref, area, title, objective } = current;
      await writeObjective(tx, ctx, current, version, input);
      await recordActivity(tx, ctx, {
        action: "objective.updated",
        entityType: "objective",
        entityId: id,
        before: { ref, area, title, objective },
        after: input,
      });
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? duplicateRef() : error;
    });
}

/** Retired objectives drop out of pickers but keep their history and existing engagements. */
export async function setObjectiveRetired(
  ctx: OrgContext,
  objectiveId: string,
  retired: boolean,
  version: number,
): Promise<void> {
  assertCan(ctx, "objective.manage");
  await getDb().$transaction(async (tx) => {
    const objective = await findObjective(tx, ctx, objectiveId);
    if ((objective.retiredAt !== null) === retired) return;
    await writeObjective(tx, ctx, objective, version, { retiredAt: retired ? new Date() : null });
    await recordActivity(tx, ctx, {
      action: retired ? "objective.retired" : "objective.restored",
      entityType: "objective",
      entityId: objective.id,
      after: { ref: objective.ref },
    });
  });
}

/** Swaps the objective with its neighbour above or below. */
export async function moveObjective(
  ctx: OrgContext,
  objectiveId: string,
  direction: "up" | "down",
): Promise<void> {
  assertCan(ctx, "objective.manage");
  await getDb().$transaction(async (tx) => {
    // Two moves at once would each swap with the neighbour they read and leave duplicate orders.
    await lockOrganization(tx, ctx);
    const objective = await findObjective(tx, ctx, objectiveId);
    const neighbour = await tx.controlObjective.findFirst({
      where: {
        organizationId: ctx.orgId,
        sortOrder: direction === "up" ? { lt: objective.sortOrder } : { gt: objective.sortOrder },
      },
      orderBy: { sortOrder: direction === "up" ? "desc" : "asc" },
      select: { id: true, sortOrder: true },
    });
    if (!neighbour) return;
    await tx.controlObjective.update({
      where: { id: objective.id },
      data: { sortOrder: neighbour.sortOrder },
    });
    await tx.controlObjective.update({
      where: { id: neighbour.id },
      data: { sortOrder: objective.sortOrder },
    });
    await recordActivity(tx, ctx, {
      action: "objective.moved",
      entityType: "objective",
      entityId: objective.id,
      before: { sortOrder: objective.sortOrder },
      after: { sortOrder: neighbour.sortOrder },
    });
  });
}

/**
 * Adds the chosen starter objectives that the organisation does not have yet (matched by ref).
 * Returns the ids of every chosen objective, new or existing.
 */
export async function adoptStarterObjectivesInTx(
  tx: Tx,
  ctx: OrgContext,
  refs: readonly string[],
): Promise<Map<string, string>> {
  const wanted = SOC1_STARTER_OBJECTIVES.filter((objective) => refs.includes(objective.ref));
  const existing = await tx.controlObjective.findMany({
    where: { organizationId: ctx.orgId, ref: { in: wanted.map((o) => o.ref) } },
    select: { id: true, ref: true },
  });
  const ids = new Map(existing.map((objective) => [objective.ref, objective.id]));
  let sortOrder = await nextSortOrder(tx, ctx.orgId);
  for (const starter of wanted) {
    if (ids.has(starter.ref)) continue;
    const created = await tx.controlObjective.create({
      data: {
        organizationId: ctx.orgId,
        ref: starter.ref,
        area: starter.area,
        title: starter.title,
        objective: starter.objective,
        sortOrder: sortOrder++,
      },
      select: { id: true },
    });
    ids.set(starter.ref, created.id);
    await recordActivity(tx, ctx, {
      action: "objective.created",
      entityType: "objective",
      entityId: created.id,
      after: { ref: starter.ref, source: "starter" },
    });
  }
  return ids;
}

export async function adoptStarterObjectives(
  ctx: OrgContext,
  refs: readonly string[],
): Promise<{ added: number }> {
  assertCan(ctx, "objective.manage");
  const unknown = refs.filter(
    (ref) => !SOC1_STARTER_OBJECTIVES.some((objective) => objective.ref === ref),
  );
  if (unknown.length)
    throw new AppError("VALIDATION", `Unknown starter objective: ${unknown.join(", ")}.`);
  return getDb().$transaction(async (tx) => {
    const before = await tx.controlObjective.count({ where: { organizationId: ctx.orgId } });
    await adoptStarterObjectivesInTx(tx, ctx, refs);
    return {
      added: (await tx.controlObjective.count({ where: { organizationId: ctx.orgId } })) - before,
    };
  });
}
