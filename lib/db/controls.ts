import "server-only";
import type { ControlStatus } from "@/lib/domain/controls";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { ControlInput, ControlListQuery } from "@/lib/schemas/control";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb, type Tx } from "./client";
import type { OrgContext } from "./context";
import { isUniqueViolation } from "./prisma-errors";
import { assertControlVisible, engagementScope, visibleRequirementIds } from "./scope";
import { staleBulkEdit, staleEdit } from "./versions";

export const CONTROL_PAGE_SIZE = 50;

export type ControlRow = {
  id: string;
  ref: string;
  title: string;
  status: string;
  frequency: string;
  nature: string;
  key: boolean;
  owner: { id: string; name: string } | null;
  mappingCount: number;
  version: number;
};

// LIKE reads %, _ (and, on PostgreSQL, \) as pattern characters and Prisma's `contains` passes
// them through (SQLite has no default escape character), so the stored text and the search
// term both carry them as private-use characters: a search for "ac_" finds "AC_01" only.
const LIKE_LITERALS: Record<string, string> = { "%": "\uE000", _: "\uE001", "\\": "\uE002" };
const likeLiteral = (text: string): string =>
  text.toLowerCase().replace(/[%_\\]/g, (char) => LIKE_LITERALS[char] ?? char);

export function searchTextOf(ref: string, title: string): string {
  return likeLiteral(`${ref} ${title}`);
}

const duplicateRef = () =>
  new AppError("CONFLICT", "Another control already uses this reference.", {
    ref: ["Another control already uses this reference."],
  });

function listWhere(ctx: OrgContext, query: ControlListQuery) {
  return {
    organizationId: ctx.orgId,
    ...(query.q ? { searchText: { contains: likeLiteral(query.q) } } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.frequency ? { frequency: query.frequency } : {}),
    ...(query.owner ? { ownerId: query.owner === "none" ? null : query.owner } : {}),
    ...(query.unmapped ? { mappings: { none: {} } } : {}),
  };
}

const ORDER = {
  ref: (dir: "asc" | "desc") => [{ ref: dir }],
  title: (dir: "asc" | "desc") => [{ title: dir }, { ref: "asc" as const }],
  status: (dir: "asc" | "desc") => [{ status: dir }, { ref: "asc" as const }],
  frequency: (dir: "asc" | "desc") => [{ frequency: dir }, { ref: "asc" as const }],
  updated: (dir: "asc" | "desc") => [{ updatedAt: dir }, { ref: "asc" as const }],
};

/** One page of the control library: two queries whatever the page size. */
export async function listControls(
  ctx: OrgContext,
  query: ControlListQuery,
): Promise<{ rows: ControlRow[]; total: number; pageCount: number; page: number }> {
  assertCan(ctx, "library.view");
  const db = getDb();
  const where = listWhere(ctx, query);
  const total = await db.control.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / CONTROL_PAGE_SIZE));
  const page = Math.min(query.page, pageCount);
  const rows = await db.control.findMany({
    where,
    orderBy: ORDER[query.sort](query.dir),
    skip: (page - 1) * CONTROL_PAGE_SIZE,
    take: CONTROL_PAGE_SIZE,
    select: {
      id: true,
      ref: true,
      title: true,
      status: true,
      frequency: true,
      nature: true,
      key: true,
      version: true,
      owner: { select: { id: true, name: true } },
      _count: { select: { mappings: true } },
    },
  });
  return {
    rows: rows.map(({ _count, ...row }) => ({ ...row, mappingCount: _count.mappings })),
    total,
    pageCount,
    page,
  };
}

/**
 * "Select all N matching": the id and version of every control the list's filters match, in the
 * list's order, at most `limit` (one more tells the page there are too many to edit at once).
 */
export async function listMatchingControlVersions(
  ctx: OrgContext,
  query: ControlListQuery,
  limit: number,
): Promise<{ id: string; version: number }[]> {
  assertCan(ctx, "control.edit");
  return getDb().control.findMany({
    where: listWhere(ctx, query),
    orderBy: ORDER[query.sort](query.dir),
    take: limit,
    select: { id: true, version: true },
  });
}

export type ControlDetail = ControlRow & {
  description: string;
  graceDays: number;
  ownerId: string | null;
  criterionIds: string[];
  objectiveIds: string[];
  updatedAt: Date;
};

export async function getControl(ctx: OrgContext, controlId: string): Promise<ControlDetail> {
  assertCan(ctx, "org.view");
  await assertControlVisible(ctx, controlId);
  const row = await getDb().control.findFirst({
    where: { id: controlId, organizationId: ctx.orgId },
    select: {
      id: true,
      ref: true,
      title: true,
      description: true,
      status: true,
      frequency: true,
      nature: true,
      key: true,
      graceDays: true,
      ownerId: true,
      updatedAt: true,
      version: true,
      owner: { select: { id: true, name: true } },
      mappings: { select: { criterionId: true, objectiveId: true } },
    },
  });
  if (!row) throw notFound();
  // An auditor sees only the mappings to requirements of their engagements.
  const visible = await visibleRequirementIds(ctx);
  const mappings = row.mappings.filter(
    (m) => visible === null || visible.has(m.criterionId ?? m.objectiveId ?? ""),
  );
  const { mappings: _all, ...control } = row;
  return {
    ...control,
    mappingCount: mappings.length,
    criterionIds: mappings.flatMap((m) => (m.criterionId ? [m.criterionId] : [])),
    objectiveIds: mappings.flatMap((m) => (m.objectiveId ? [m.objectiveId] : [])),
  };
}

/** An owner must be a member of the organisation. */
export async function assertOwnerIsMember(
  tx: Tx,
  ctx: OrgContext,
  ownerId: string | null | undefined,
): Promise<void> {
  if (!ownerId) return;
  const membership = await tx.membership.findFirst({
    where: { organizationId: ctx.orgId, userId: ownerId },
    select: { id: true },
  });
  if (!membership)
    throw new AppError("VALIDATION", "The owner must be a member of this organisation.", {
      ownerId: ["The owner must be a member of this organisation."],
    });
}

async function defaultGraceDays(tx: Tx, ctx: OrgContext): Promise<number> {
  const org = await tx.organization.findUniqueOrThrow({
    where: { id: ctx.orgId },
    select: { defaultGraceDays: true },
  });
  return org.defaultGraceDays;
}

/** A new control without `graceDays` starts with the organisation's `defaultGraceDays`. */
export async function createControlInTx(
  tx: Tx,
  ctx: OrgContext,
  input: ControlInput,
): Promise<{ id: string }> {
  await assertOwnerIsMember(tx, ctx, input.ownerId);
  const values = { ...input, graceDays: input.graceDays ?? (await defaultGraceDays(tx, ctx)) };
  const created = await tx.control.create({
    data: {
      organizationId: ctx.orgId,
      ...values,
      searchText: searchTextOf(input.ref, input.title),
    },
    select: { id: true },
  });
  await recordActivity(tx, ctx, {
    action: "control.created",
    entityType: "control",
    entityId: created.id,
    after: values,
  });
  return created;
}

export async function createControl(ctx: OrgContext, input: ControlInput): Promise<{ id: string }> {
  assertCan(ctx, "control.edit");
  // A new control maps to nothing, so it would be outside the engagements the context is limited to.
  if (engagementScope(ctx) !== null)
    throw forbidden("A token limited to engagements cannot create controls.");
  return getDb()
    .$transaction((tx) => createControlInTx(tx, ctx, input))
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? duplicateRef() : error;
    });
}

/** A control's editable fields and version, as an edit (one or an import's) reads them. */
export const editableSelect = {
  id: true,
  ref: true,
  title: true,
  description: true,
  ownerId: true,
  status: true,
  frequency: true,
  nature: true,
  key: true,
  graceDays: true,
  version: true,
} as const;

/**
 * Writes a control's editable fields and moves its version on, as a compare-and-set on
 * `expected`: the version the editor loaded (by default the one read here, so the logged
 * "before" is exactly what was replaced). A control changed since is a CONFLICT.
 */
export async function updateControlInTx(
  tx: Tx,
  ctx: OrgContext,
  controlId: string,
  input: ControlInput,
  expected?: number,
): Promise<void> {
  const before = await tx.control.findFirst({
    where: { id: controlId, organizationId: ctx.orgId },
    select: editableSelect,
  });
  if (!before) throw notFound();
  const version = expected ?? before.version;
  if (before.version !== version) throw await staleEdit(tx, ctx, "control", controlId);
  await assertOwnerIsMember(tx, ctx, input.ownerId);
  // Grace days left out keep the control's own.
  const values = { ...input, graceDays: input.graceDays ?? before.graceDays };
  const { count } = await tx.control.updateMany({
    where: { id: controlId, organizationId: ctx.orgId, version },
    data: {
      ...values,
      searchText: searchTextOf(input.ref, input.title),
      version: { increment: 1 },
    },
  });
  if (count !== 1) throw await staleEdit(tx, ctx, "control", controlId);
  const { id: _id, version: _version, ...previous } = before;
  await recordActivity(tx, ctx, {
    action: "control.updated",
    entityType: "control",
    entityId: controlId,
    before: previous,
    after: values,
  });
}

/** Saves the control form: `version` is the one the form was loaded at. */
export async function updateControl(
  ctx: OrgContext,
  controlId: string,
  input: ControlInput,
  version: number,
): Promise<void> {
  assertCan(ctx, "control.edit");
  await assertControlVisible(ctx, controlId);
  await getDb()
    .$transaction((tx) => updateControlInTx(tx, ctx, controlId, input, version))
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? duplicateRef() : error;
    });
}

/** Sets the owner, status and/or grace days of many controls at once, each from the version it was listed at. */
export type BulkControlChange = {
  controls: { id: string; version: number }[];
  ownerId?: string | null;
  status?: ControlStatus;
  graceDays?: number;
};

/** All or nothing: one control changed since the list was loaded refuses the whole change, naming it. */
export async function bulkUpdateControls(
  ctx: OrgContext,
  input: BulkControlChange,
): Promise<{ updated: number }> {
  assertCan(ctx, "control.edit");
  const expected = new Map(input.controls.map((control) => [control.id, control.version]));
  const ids = [...expected.keys()];
  return getDb().$transaction(async (tx) => {
    await assertOwnerIsMember(tx, ctx, input.ownerId);
    // In id order, so that two bulk changes lock their rows in the same order (no deadlock).
    const before = await tx.control.findMany({
      where: { id: { in: ids }, organizationId: ctx.orgId },
      select: {
        id: true,
        ref: true,
        ownerId: true,
        status: true,
        graceDays: true,
        version: true,
      },
      orderBy: { id: "asc" },
    });
    if (before.length !== ids.length) throw notFound();
    const stale = before.filter((control) => control.version !== expected.get(control.id));
    if (stale.length)
      throw await staleBulkEdit(
        tx,
        ctx,
        "control",
        stale.map((control) => ({ id: control.id, label: control.ref })),
      );
    const data = {
      ...(input.ownerId !== undefined ? { ownerId: input.ownerId } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.graceDays !== undefined ? { graceDays: input.graceDays } : {}),
    };
    for (const control of before) {
      const { count } = await tx.control.updateMany({
        where: { id: control.id, organizationId: ctx.orgId, version: control.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count !== 1) stale.push(control);
    }
    if (stale.length)
      throw await staleBulkEdit(
        tx,
        ctx,
        "control",
        stale.map((control) => ({ id: control.id, label: control.ref })),
      );
    for (const control of before) {
      await recordActivity(tx, ctx, {
        action: "control.bulk_updated",
        entityType: "control",
        entityId: control.id,
        before: { ownerId: control.ownerId, status: control.status, graceDays: control.graceDays },
        after: data,
      });
    }
    return { updated: ids.length };
  });
}

export async function listMemberOptions(ctx: OrgContext): Promise<{ id: string; name: string }[]> {
  assertCan(ctx, "library.view");
  const memberships = await getDb().membership.findMany({
    where: { organizationId: ctx.orgId, role: { not: "auditor" } },
    select: { user: { select: { id: true, name: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return memberships.map(({ user }) => user);
}

export async function listControlRefs(ctx: OrgContext): Promise<string[]> {
  assertCan(ctx, "library.view");
  const rows = await getDb().control.findMany({
    where: { organizationId: ctx.orgId },
    select: { ref: true },
  });
  return rows.map((row) => row.ref);
}

export async function listControlOptions(
  ctx: OrgContext,
): Promise<{ id: string; ref: string; title: string; status: string }[]> {
  assertCan(ctx, "library.view");
  return getDb().control.findMany({
    where: { organizationId: ctx.orgId },
    orderBy: { ref: "asc" },
    select: { id: true, ref: true, title: true, status: true },
  });
}
