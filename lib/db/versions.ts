import "server-only";
import { staleBulkMessage, staleEditMessage, type LastChange } from "@/lib/domain/stale-edit";
import { AppError, notFound } from "@/lib/errors";
import type { Tx } from "./client";
import type { OrgContext } from "./context";

// Optimistic concurrency. An edit form carries the `version` its record had when the form was
// loaded; the write is a compare-and-set (`where: { id, organizationId, version }` with
// `version: { increment: 1 }` in the same statement), so of two edits made from the same
// version exactly one lands, across app instances too. The other is told who changed the
// record and when, from the activity log.

/** The logged actions that move each kind of record's version on, by the log's entity type. */
const VERSIONED_ACTIONS = {
  control: ["control.updated", "control.bulk_updated"],
  engagement: ["engagement.updated", "engagement.archived", "engagement.restored"],
  objective: ["objective.updated", "objective.retired", "objective.restored"],
  evidence: ["evidence.linked", "evidence.updated"],
  exception: ["exception.remediated", "exception.updated"],
  membership: ["member.role_changed"],
  organization: ["organization.renamed", "organization.settings_changed"],
} as const satisfies Record<string, readonly string[]>;

export type VersionedEntity = keyof typeof VERSIONED_ACTIONS;

type EntryFilter = {
  entityType: string;
  entityId: string;
  action: { in: string[] };
  after?: { contains: string };
};

async function newestChange(
  tx: Tx,
  ctx: OrgContext,
  filter: EntryFilter,
): Promise<LastChange | null> {
  const entry = await tx.activityLogEntry.findFirst({
    where: { organizationId: ctx.orgId, ...filter },
    orderBy: { seq: "desc" },
    select: { createdAt: true, actor: { select: { name: true } } },
  });
  return entry ? { actorName: entry.actor?.name ?? null, at: entry.createdAt } : null;
}

const conflict = (message: string) => new AppError("CONFLICT", message, { version: [message] });

/** The newest logged change that moved the record's version on, if the log has one. */
export function lastChange(
  tx: Tx,
  ctx: OrgContext,
  entity: VersionedEntity,
  entityId: string,
): Promise<LastChange | null> {
  return newestChange(tx, ctx, {
    entityType: entity,
    entityId,
    action: { in: [...VERSIONED_ACTIONS[entity]] },
  });
}

/** How many of the organisation's records of a kind have this id (0 once deleted). */
const COUNT: Record<VersionedEntity, (tx: Tx, ctx: OrgContext, id: string) => Promise<number>> = {
  control: (tx, ctx, id) => tx.control.count({ where: { id, organizationId: ctx.orgId } }),
  engagement: (tx, ctx, id) => tx.engagement.count({ where: { id, organizationId: ctx.orgId } }),
  objective: (tx, ctx, id) =>
    tx.controlObjective.count({ where: { id, organizationId: ctx.orgId } }),
  evidence: (tx, ctx, id) => tx.evidence.count({ where: { id, organizationId: ctx.orgId } }),
  exception: (tx, ctx, id) =>
    tx.controlException.count({ where: { id, organizationId: ctx.orgId } }),
  membership: (tx, ctx, id) => tx.membership.count({ where: { id, organizationId: ctx.orgId } }),
  organization: (tx, ctx, id) =>
    id === ctx.orgId ? tx.organization.count({ where: { id } }) : Promise.resolve(0),
};

/**
 * The refusal of an edit made from a version the record no longer has: CONFLICT on the
 * `version` field, or NOT_FOUND when it was deleted meanwhile (as it would be a moment later).
 */
export async function staleEdit(
  tx: Tx,
  ctx: OrgContext,
  entity: VersionedEntity,
  entityId: string,
): Promise<AppError> {
  if ((await COUNT[entity](tx, ctx, entityId)) === 0) return notFound();
  return conflict(staleEditMessage(await lastChange(tx, ctx, entity, entityId)));
}

/**
 * The CONFLICT for a change to a requirement's applicability made from a page that showed it
 * otherwise: someone marked it not applicable since (an exclusion's id is its version).
 */
export async function staleExclusion(
  tx: Tx,
  ctx: OrgContext,
  engagementId: string,
  requirementId: string,
): Promise<AppError> {
  const marked = await newestChange(tx, ctx, {
    entityType: "engagement",
    entityId: engagementId,
    action: { in: ["requirement.marked_not_applicable"] },
    after: { contains: `"requirementId":${JSON.stringify(requirementId)}` },
  });
  return conflict(staleEditMessage(marked));
}

/** The CONFLICT for a bulk edit some of whose records changed since it was loaded, naming each. */
export async function staleBulkEdit(
  tx: Tx,
  ctx: OrgContext,
  entity: VersionedEntity,
  records: readonly { id: string; label: string }[],
): Promise<AppError> {
  const stale = [];
  for (const record of [...records].sort((a, b) => a.label.localeCompare(b.label))) {
    stale.push({ label: record.label, change: await lastChange(tx, ctx, entity, record.id) });
  }
  return conflict(staleBulkMessage(stale));
}
