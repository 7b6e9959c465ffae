import "server-only";
import {
  CURRENT_CRITERIA_EDITION,
  criterionId,
  isTscCategory,
  SOC1_STARTER_OBJECTIVES,
  type TscCategory,
} from "@/lib/domain/catalog";
import {
  REPORT_FAMILIES,
  REPORT_TYPES,
  requirementIdsInScope,
  usesObjectives,
  type ReportFamily,
  type ReportType,
} from "@/lib/domain/engagements";
import { AppError, notFound } from "@/lib/errors";
import type { EngagementInput, SubserviceInput } from "@/lib/schemas/engagement";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb, type Tx } from "./client";
import type { OrgContext } from "./context";
import { adoptStarterObjectivesInTx } from "./objectives";
import { isUniqueViolation } from "./prisma-errors";
import { assertEngagementVisible, engagementScope } from "./scope";
import { staleEdit, staleExclusion } from "./versions";

export type EngagementSummary = {
  id: string;
  name: string;
  family: ReportFamily;
  type: ReportType;
  asOfDate: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  categories: TscCategory[];
  archived: boolean;
};

export type EngagementDetail = EngagementSummary & {
  criteriaEdition: string;
  version: number;
  objectiveIds: string[];
  cuecs: string[];
  userResponsibilities: string[];
  subservices: SubserviceInput[];
};

const summarySelect = {
  id: true,
  name: true,
  family: true,
  type: true,
  asOfDate: true,
  periodStart: true,
  periodEnd: true,
  categories: true,
  archivedAt: true,
} as const;

function parseList(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

function toSummary(row: {
  id: string;
  name: string;
  family: string;
  type: string;
  asOfDate: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  categories: string;
  archivedAt: Date | null;
}): EngagementSummary {
  const family = REPORT_FAMILIES.find((value) => value === row.family) ?? "SOC2";
  const type = REPORT_TYPES.find((value) => value === row.type) ?? "TYPE_I";
  return {
    id: row.id,
    name: row.name,
    family,
    type,
    asOfDate: row.asOfDate,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    categories: parseList(row.categories).filter(isTscCategory),
    archived: row.archivedAt !== null,
  };
}

export async function listEngagements(
  ctx: OrgContext,
  options: { includeArchived?: boolean } = {},
): Promise<EngagementSummary[]> {
  assertCan(ctx, "org.view");
  const scope = engagementScope(ctx);
  const rows = await getDb().engagement.findMany({
    where: {
      organizationId: ctx.orgId,
      ...(options.includeArchived ? {} : { archivedAt: null }),
      ...(scope === null ? {} : { id: { in: [...scope] } }),
    },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
    select: summarySelect,
  });
  return rows.map(toSummary);
}

export async function getEngagement(
  ctx: OrgContext,
  engagementId: string,
): Promise<EngagementDetail> {
  assertCan(ctx, "org.view");
  assertEngagementVisible(ctx, engagementId);
  const row = await getDb().engagement.findFirst({
    where: { id: engagementId, organizationId: ctx.orgId },
    select: {
      ...summarySelect,
      criteriaEdition: true,
      version: true,
      cuecs: true,
      userResponsibilities: true,
      subservices: true,
      objectives: { select: { objectiveId: true } },
    },
  });
  if (!row) throw notFound();
  return {
    ...toSummary(row),
    criteriaEdition: row.criteriaEdition,
    version: row.version,
    objectiveIds: row.objectives.map((objective) => objective.objectiveId),
    cuecs: parseList(row.cuecs),
    userResponsibilities: parseList(row.userResponsibilities),
    subservices: JSON.parse(row.subservices) as SubserviceInput[],
  };
}

/** The stored form of an engagement: dates only for its type, categories only for SOC 2. */
function engagementData(input: EngagementInput) {
  const soc2 = !usesObjectives(input.family);
  return {
    name: input.name,
    family: input.family,
    type: input.type,
    asOfDate: input.type === "TYPE_I" ? (input.asOfDate ?? null) : null,
    periodStart: input.type === "TYPE_II" ? (input.periodStart ?? null) : null,
    periodEnd: input.type === "TYPE_II" ? (input.periodEnd ?? null) : null,
    categories: JSON.stringify(
      soc2 ? [...new Set<TscCategory>(["security", ...input.categories])] : [],
    ),
    cuecs: JSON.stringify(input.cuecs),
    userResponsibilities: JSON.stringify(input.userResponsibilities),
    subservices: JSON.stringify(input.subservices),
  };
}

async function assertObjectivesBelong(
  tx: Tx,
  ctx: OrgContext,
  objectiveIds: readonly string[],
): Promise<void> {
  if (objectiveIds.length === 0) return;
  const found = await tx.controlObjective.count({
    where: { organizationId: ctx.orgId, id: { in: [...objectiveIds] } },
  });
  if (found !== new Set(objectiveIds).size)
    throw new AppError("VALIDATION", "Some chosen objectives do not exist.", {
      objectiveIds: ["Some chosen objectives do not exist."],
    });
}

export async function createEngagementInTx(
  tx: Tx,
  ctx: OrgContext,
  input: EngagementInput,
): Promise<{ id: string }> {
  const objectiveIds = usesObjectives(input.family) ? [...new Set(input.objectiveIds)] : [];
  await assertObjectivesBelong(tx, ctx, objectiveIds);
  const data = engagementData(input);
  const created = await tx.engagement.create({
    data: {
      organizationId: ctx.orgId,
      criteriaEdition: CURRENT_CRITERIA_EDITION,
      ...data,
      objectives: { create: objectiveIds.map((objectiveId) => ({ objectiveId })) },
    },
    select: { id: true },
  });
  await recordActivity(tx, ctx, {
    action: "engagement.created",
    entityType: "engagement",
    entityId: created.id,
    after: { ...data, objectiveIds },
  });
  return created;
}

export async function createEngagement(
  ctx: OrgContext,
  input: EngagementInput,
): Promise<{ id: string }> {
  assertCan(ctx, "engagement.manage");
  return getDb().$transaction((tx) => createEngagementInTx(tx, ctx, input));
}

/** Saves the engagement form: `version` is the one the form was loaded at (CONFLICT if it moved on). */
export async function updateEngagement(
  ctx: OrgContext,
  engagementId: string,
  input: EngagementInput,
  version: number,
): Promise<void> {
  assertCan(ctx, "engagement.manage");
  await getDb().$transaction(async (tx) => {
    const before = await tx.engagement.findFirst({
      where: { id: engagementId, organizationId: ctx.orgId },
      select: {
        ...summarySelect,
        version: true,
        cuecs: true,
        userResponsibilities: true,
        subservices: true,
        objectives: { select: { objectiveId: true } },
      },
    });
    if (!before) throw notFound();
    if (before.version !== version) throw await staleEdit(tx, ctx, "engagement", engagementId);
    const objectiveIds = usesObjectives(input.family) ? [...new Set(input.objectiveIds)] : [];
    await assertObjectivesBelong(tx, ctx, objectiveIds);
    const data = engagementData(input);
    const { count } = await tx.engagement.updateMany({
      where: { id: engagementId, organizationId: ctx.orgId, version },
      data: { ...data, version: { increment: 1 } },
    });
    if (count !== 1) throw await staleEdit(tx, ctx, "engagement", engagementId);
    await tx.engagementObjective.deleteMany({ where: { engagementId } });
    await tx.engagementObjective.createMany({
      data: objectiveIds.map((objectiveId) => ({ engagementId, objectiveId })),
    });
    const { objectives, archivedAt: _archivedAt, id: _id, version: _version, ...previous } = before;
    await recordActivity(tx, ctx, {
      action: "engagement.updated",
      entityType: "engagement",
      entityId: engagementId,
      before: { ...previous, objectiveIds: objectives.map((objective) => objective.objectiveId) },
      after: { ...data, objectiveIds },
    });
  });
}

export async function setEngagementArchived(
  ctx: OrgContext,
  engagementId: string,
  archived: boolean,
  version: number,
): Promise<void> {
  assertCan(ctx, "engagement.manage");
  await getDb().$transaction(async (tx) => {
    const engagement = await tx.engagement.findFirst({
      where: { id: engagementId, organizationId: ctx.orgId },
      select: { id: true, archivedAt: true, version: true },
    });
    if (!engagement) throw notFound();
    if ((engagement.archivedAt !== null) === archived) return;
    if (engagement.version !== version) throw await staleEdit(tx, ctx, "engagement", engagementId);
    const { count } = await tx.engagement.updateMany({
      where: { id: engagement.id, organizationId: ctx.orgId, version },
      data: { archivedAt: archived ? new Date() : null, version: { increment: 1 } },
    });
    if (count !== 1) throw await staleEdit(tx, ctx, "engagement", engagementId);
    await recordActivity(tx, ctx, {
      action: archived ? "engagement.archived" : "engagement.restored",
      entityType: "engagement",
      entityId: engagement.id,
    });
  });
}

/** Marks an applicable requirement not applicable; one marked since the page was loaded is a CONFLICT. */
export async function markNotApplicable(
  ctx: OrgContext,
  engagementId: string,
  requirementId: string,
  justification: string,
): Promise<void> {
  assertCan(ctx, "engagement.manage");
  const engagement = await getEngagement(ctx, engagementId);
  if (!requirementIdsInScope(engagement, criterionId).has(requirementId)) throw notFound();
  const db = getDb();
  await db
    .$transaction(async (tx) => {
      const existing = await tx.requirementExclusion.findUnique({
        where: { engagementId_requirementId: { engagementId, requirementId } },
        select: { id: true },
      });
      if (existing) throw await staleExclusion(tx, ctx, engagementId, requirementId);
      await tx.requirementExclusion.create({
        data: { engagementId, requirementId, justification },
      });
      await recordActivity(tx, ctx, {
        action: "requirement.marked_not_applicable",
        entityType: "engagement",
        entityId: engagementId,
        after: { requirementId, justification },
      });
    })
    .catch(async (error: unknown) => {
      // Marked by someone else between our read and our insert.
      throw isUniqueViolation(error)
        ? await staleExclusion(db, ctx, engagementId, requirementId)
        : error;
    });
}

/**
 * Makes a requirement applicable again. `exclusionId` is the marking the page showed: one
 * cleared since is left alone, one cleared and marked again since is a CONFLICT.
 */
export async function clearNotApplicable(
  ctx: OrgContext,
  engagementId: string,
  requirementId: string,
  exclusionId: string,
): Promise<void> {
  assertCan(ctx, "engagement.manage");
  await getDb().$transaction(async (tx) => {
    const engagement = await tx.engagement.findFirst({
      where: { id: engagementId, organizationId: ctx.orgId },
      select: { id: true },
    });
    if (!engagement) throw notFound();
    const removed = await tx.requirementExclusion.deleteMany({
      where: { id: exclusionId, engagementId, requirementId },
    });
    if (removed.count) {
      await recordActivity(tx, ctx, {
        action: "requirement.applicable_again",
        entityType: "engagement",
        entityId: engagementId,
        after: { requirementId },
      });
      return;
    }
    const remarked = await tx.requirementExclusion.findUnique({
      where: { engagementId_requirementId: { engagementId, requirementId } },
      select: { id: true },
    });
    if (remarked) throw await staleExclusion(tx, ctx, engagementId, requirementId);
  });
}

/**
 * Creates several engagements at once (the questionnaire's "create these"). SOC 1 / ISAE 3402
 * engagements get every active objective; an organisation without objectives first adopts the
 * starter set. All or nothing.
 */
export async function createEngagementsFromRecommendation(
  ctx: OrgContext,
  inputs: readonly EngagementInput[],
): Promise<{ ids: string[] }> {
  assertCan(ctx, "engagement.manage");
  return getDb().$transaction(
    async (tx) => {
      let objectiveIds: string[] | null = null;
      const ids: string[] = [];
      for (const input of inputs) {
        if (usesObjectives(input.family)) {
          objectiveIds ??= await activeObjectiveIds(tx, ctx);
        }
        const { id } = await createEngagementInTx(tx, ctx, {
          ...input,
          objectiveIds: usesObjectives(input.family) ? (objectiveIds ?? []) : [],
        });
        ids.push(id);
      }
      return { ids };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

async function activeObjectiveIds(tx: Tx, ctx: OrgContext): Promise<string[]> {
  const active = () =>
    tx.controlObjective.findMany({
      where: { organizationId: ctx.orgId, retiredAt: null },
      select: { id: true },
    });
  let existing = await active();
  if (existing.length === 0) {
    // Adoption reuses starter refs the organisation already has, retired ones included: keep those out.
    await adoptStarterObjectivesInTx(
      tx,
      ctx,
      SOC1_STARTER_OBJECTIVES.map((objective) => objective.ref),
    );
    existing = await active();
  }
  return existing.map((objective) => objective.id);
}

export type EvidenceWindowContext = {
  id: string;
  name: string;
  type: ReportType;
  asOfDate: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  freshnessDays: number;
};

/** The window an engagement judges evidence against, for labelling evidence before/after it. */
export async function getEvidenceWindowContext(
  ctx: OrgContext,
  engagementId: string,
): Promise<EvidenceWindowContext> {
  assertCan(ctx, "org.view");
  assertEngagementVisible(ctx, engagementId);
  const db = getDb();
  const [engagement, organization] = await Promise.all([
    db.engagement.findFirst({
      where: { id: engagementId, organizationId: ctx.orgId },
      select: {
        id: true,
        name: true,
        type: true,
        asOfDate: true,
        periodStart: true,
        periodEnd: true,
      },
    }),
    db.organization.findUniqueOrThrow({
      where: { id: ctx.orgId },
      select: { freshnessDays: true },
    }),
  ]);
  if (!engagement) throw notFound();
  return {
    ...engagement,
    type: engagement.type === "TYPE_I" ? "TYPE_I" : "TYPE_II",
    freshnessDays: organization.freshnessDays,
  };
}
