import "server-only";
import {
  GENESIS_HASH,
  hashEntry,
  verifyChain,
  type ChainVerdict,
} from "@/lib/domain/activity-chain";
import { storedSides, type ActivityInput } from "@/lib/domain/activity-vocabulary";
import { canonicalJson } from "@/lib/domain/canonical-json";
import { assertCan } from "./authorize";
import { checkpointPreviousDay } from "./checkpoints";
import { getDb, type Tx } from "./client";
import type { OrgContext } from "./context";

type Actor = { orgId: string; userId: string | null };

/**
 * Appends one entry to the organisation's activity log, inside the caller's transaction so the
 * change and its record commit together. Every mutation of organisation data calls this. Only
 * the actions of lib/domain/activity-vocabulary.ts, each with its own payload, are accepted.
 */
export async function recordActivity(
  tx: Tx,
  actor: Actor,
  input: ActivityInput,
  now: Date = new Date(),
): Promise<void> {
  // The increment locks the organisation row until commit: appends to one chain are serialised.
  const { activitySeq: seq } = await tx.organization.update({
    where: { id: actor.orgId },
    data: { activitySeq: { increment: 1 } },
    select: { activitySeq: true },
  });
  const previous =
    seq === 1
      ? null
      : await tx.activityLogEntry.findUnique({
          where: { organizationId_seq: { organizationId: actor.orgId, seq: seq - 1 } },
          select: { hash: true, createdAt: true },
        });
  if (previous) await checkpointPreviousDay(tx, actor.orgId, { seq: seq - 1, ...previous }, now);
  const { before, after } = storedSides(input);
  const content = {
    organizationId: actor.orgId,
    seq,
    actorId: actor.userId,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before: before === undefined ? null : canonicalJson(before),
    after: after === undefined ? null : canonicalJson(after),
    createdAt: now,
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  await tx.activityLogEntry.create({ data: { ...content, hash: hashEntry(content) } });
}

export const ACTIVITY_PAGE_SIZE = 50;

const VERIFY_BATCH = 2_000;

/** Re-reads the whole chain in batches and reports the first broken link, if any. */
export async function verifyActivityLog(ctx: OrgContext): Promise<ChainVerdict> {
  assertCan(ctx, "activity.view");
  const db = getDb();
  const org = await db.organization.findUniqueOrThrow({
    where: { id: ctx.orgId },
    select: { activitySeq: true },
  });
  const entries = [];
  for (let after = 0; ;) {
    const batch = await db.activityLogEntry.findMany({
      where: { organizationId: ctx.orgId, seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: VERIFY_BATCH,
      omit: { id: true },
    });
    entries.push(...batch);
    if (batch.length < VERIFY_BATCH) break;
    after = batch[batch.length - 1]?.seq ?? after;
  }
  return verifyChain(entries, org.activitySeq);
}
