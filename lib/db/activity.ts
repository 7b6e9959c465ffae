import "server-only";
import {
  ChainVerifier,
  GENESIS_HASH,
  hashEntry,
  type ChainVerdict,
} from "@/lib/domain/activity-chain";
import { storedSides, type ActivityInput } from "@/lib/domain/activity-vocabulary";
import { canonicalJson } from "@/lib/domain/canonical-json";
import { assertCan } from "./authorize";
import { checkpointPreviousDay } from "./checkpoints";
import { getDb, type Tx } from "./client";
import type { OrgContext } from "./context";
import { maintainReadiness } from "./maintained-readiness";

/** Who made the change: a member, a member's API token (`apiTokenId`), or nobody (the system). */
type Actor = { orgId: string; userId: string | null; apiTokenId?: string };

/**
 * Appends one entry to the organisation's activity log, inside the caller's transaction so the
 * change and its record commit together. Every mutation of organisation data calls this. Only
 * the actions of lib/domain/activity-vocabulary.ts, each with its own payload, are accepted.
 * It also brings the maintained readiness up to date in the same transaction (0043): callers
 * record the activity after their changes.
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
    apiTokenId: actor.apiTokenId ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before: before === undefined ? null : canonicalJson(before),
    after: after === undefined ? null : canonicalJson(after),
    createdAt: now,
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  await tx.activityLogEntry.create({ data: { ...content, hash: hashEntry(content) } });
  await maintainReadiness(tx, actor.orgId);
}

const APPEND_CHUNK = 500;

/**
 * Appends many entries at once, in the order given, inside the caller's transaction: one
 * increment of the organisation's sequence (which locks its row, as for a single entry), one
 * read of the chain's head, the hashes chained in memory, and inserts in chunks. The entries
 * are exactly those `recordActivity` would have written one by one.
 */
export async function recordActivities(
  tx: Tx,
  actor: Actor,
  inputs: readonly ActivityInput[],
  now: Date = new Date(),
): Promise<void> {
  if (inputs.length === 0) return;
  const { activitySeq: last } = await tx.organization.update({
    where: { id: actor.orgId },
    data: { activitySeq: { increment: inputs.length } },
    select: { activitySeq: true },
  });
  const first = last - inputs.length + 1;
  const previous =
    first === 1
      ? null
      : await tx.activityLogEntry.findUnique({
          where: { organizationId_seq: { organizationId: actor.orgId, seq: first - 1 } },
          select: { hash: true, createdAt: true },
        });
  if (previous) await checkpointPreviousDay(tx, actor.orgId, { seq: first - 1, ...previous }, now);
  let prevHash = previous?.hash ?? GENESIS_HASH;
  const rows = inputs.map((input, index) => {
    const { before, after } = storedSides(input);
    const content = {
      organizationId: actor.orgId,
      seq: first + index,
      actorId: actor.userId,
      apiTokenId: actor.apiTokenId ?? null,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      before: before === undefined ? null : canonicalJson(before),
      after: after === undefined ? null : canonicalJson(after),
      createdAt: now,
      prevHash,
    };
    prevHash = hashEntry(content);
    return { ...content, hash: prevHash };
  });
  for (let i = 0; i < rows.length; i += APPEND_CHUNK)
    await tx.activityLogEntry.createMany({ data: rows.slice(i, i + APPEND_CHUNK) });
  await maintainReadiness(tx, actor.orgId);
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
  // Streamed: one batch at a time goes through the verifier, so memory stays flat however long
  // the chain is.
  const verifier = new ChainVerifier();
  for (let after = 0; ;) {
    const batch = await db.activityLogEntry.findMany({
      where: { organizationId: ctx.orgId, seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: VERIFY_BATCH,
      omit: { id: true },
    });
    for (const entry of batch) verifier.add(entry);
    if (batch.length < VERIFY_BATCH) break;
    after = batch[batch.length - 1]?.seq ?? after;
  }
  return verifier.verdict(org.activitySeq);
}
