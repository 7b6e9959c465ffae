import "server-only";
import { auditSigningKey } from "@/lib/audit-key";
import type { ChainHead } from "@/lib/domain/activity-anchors";
import { GENESIS_HASH } from "@/lib/domain/activity-chain";
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  checkpointFileName,
  isCheckpointReason,
  sameCheckpoint,
  type CheckpointDocument,
  type CheckpointFields,
} from "@/lib/domain/activity-checkpoint";
import { makeCheckpoint } from "@/lib/domain/activity-signature";
import { isoDateOf } from "@/lib/domain/dates";
import { CheckpointDocumentInput } from "@/lib/schemas/activity-heads";
import { afterCommit } from "./after-commit";
import { checkpointCopyStore } from "./checkpoint-copies";
import { getDb, type Tx } from "./client";

// Checkpoints of the activity chain's head: one at every export, and one a day. There is no
// scheduler, so the daily one is written by the first append of a new UTC day (for the head the
// day before ended at: its row inside that append's transaction, its copy once that committed)
// or by `npm run activity:checkpoint` from cron. Each is signed when AUDIT_SIGNING_KEY(_FILE) is
// set, kept as a row and copied to the blob store, where someone who can only write the
// database cannot change or remove it. The store is the process's (checkpoint-copies.ts).

type Reader = Pick<Tx, "activityLogEntry">;

/** The newest entry's sequence and hash; the genesis head for an empty log. */
export async function readActivityHead(db: Reader, orgId: string): Promise<ChainHead> {
  const newest = await db.activityLogEntry.findFirst({
    where: { organizationId: orgId },
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  return newest ?? { seq: 0, hash: GENESIS_HASH };
}

/** Signs `fields` with the configured key (unsigned when there is none). */
export function newCheckpoint(fields: CheckpointFields): CheckpointDocument {
  return makeCheckpoint(fields, auditSigningKey());
}

export function checkpointRow(document: CheckpointDocument) {
  const { organizationId, seq, hash, reason, exportRunId, signature, keyId, createdAt } = document;
  return {
    organizationId,
    seq,
    hash,
    reason,
    exportRunId,
    signature,
    keyId,
    createdAt: new Date(createdAt),
  };
}

/** The largest blob-store copy read back: a checkpoint is well under 1 KB. */
export const MAX_COPY_BYTES = 16 * 1024;

/** A blob-store copy's bytes as a checkpoint document; null when they are not one. */
export function copyDocument(bytes: Buffer): CheckpointDocument | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString("utf8"));
  } catch {
    return null;
  }
  const document = CheckpointDocumentInput.safeParse(parsed);
  return document.success ? document.data : null;
}

/**
 * Copies a checkpoint to the blob store, which keeps the first copy of each name. Resolves to
 * whether the store now holds this checkpoint: written now, or already there with the same
 * content (written again by the cron, say). Another checkpoint under its name is left alone and
 * logged: its row was deleted and written again, which the audit reports (the row differs from
 * its copy). A failure is logged, not thrown: the row stands, and `npm run activity:checkpoint`
 * writes copies that are missing.
 */
export async function storeCheckpointCopy(document: CheckpointDocument): Promise<boolean> {
  const name = checkpointFileName(document);
  try {
    const store = checkpointCopyStore();
    const { key, written } = await store.putCheckpoint(
      document.organizationId,
      name,
      Buffer.from(`${JSON.stringify(document, null, 2)}\n`, "utf8"),
    );
    if (written) return true;
    const stored = copyDocument(await store.getCheckpoint(key, MAX_COPY_BYTES));
    if (stored && sameCheckpoint(stored, document)) return true;
    console.error(
      `[activity checkpoint ${name}] a different copy is already stored: it is kept, and the audit reports the row that differs from it`,
    );
    return false;
  } catch (error) {
    console.error(`[activity checkpoint ${name}] the blob store copy could not be written`, error);
    return false;
  }
}

/**
 * Called by recordActivity with the entry before the one it appends: when that entry is from an
 * earlier UTC day, the head it left is checkpointed (once).
 */
export async function checkpointPreviousDay(
  tx: Tx,
  orgId: string,
  previous: ChainHead & { createdAt: Date },
  now: Date,
): Promise<void> {
  if (isoDateOf(previous.createdAt) >= isoDateOf(now)) return;
  const done = await tx.activityCheckpoint.findFirst({
    where: { organizationId: orgId, seq: previous.seq, reason: "daily" },
    select: { id: true },
  });
  if (done) return;
  const fields: CheckpointFields = {
    organizationId: orgId,
    seq: previous.seq,
    hash: previous.hash,
    reason: "daily",
    exportRunId: null,
    createdAt: now.toISOString(),
  };
  let document: CheckpointDocument;
  try {
    document = newCheckpoint(fields);
  } catch (error) {
    // A broken key setting must not stop every change of the day: this one goes unsigned (the
    // audit notes it), exports refuse to run, and the settings page says what is wrong.
    console.error(
      "[activity checkpoint] written unsigned:",
      error instanceof Error ? error.message : error,
    );
    document = makeCheckpoint(fields, null);
  }
  await tx.activityCheckpoint.create({ data: checkpointRow(document) });
  // Once the append has committed, and outside it: the store is not waited for while the
  // organisation's row is locked, and a rolled-back append leaves no copy (the next one writes
  // the row again). A copy that cannot be written is left to `npm run activity:checkpoint`.
  afterCommit(tx, async () => {
    await storeCheckpointCopy(document);
  });
}

export type CheckpointRun = { organizations: number; written: number; copied: number };

/**
 * For `npm run activity:checkpoint` (cron, not a user): a daily checkpoint of every
 * organisation's current head that has none yet, and blob copies for rows that lack one.
 */
export async function checkpointAllOrganizations(now: Date = new Date()): Promise<CheckpointRun> {
  // Read once, and first: a broken key setting fails the run before anything is written.
  const key = auditSigningKey();
  const db = getDb();
  const store = checkpointCopyStore();
  const organizations = await db.organization.findMany({
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  const run: CheckpointRun = { organizations: organizations.length, written: 0, copied: 0 };
  for (const { id } of organizations) {
    // Under the organisation's row lock, as appends check and write theirs: one daily row per
    // head, so its copy (written once) never differs from a second row of the same name.
    const wrote = await db.$transaction(async (tx) => {
      await tx.organization.update({
        where: { id },
        data: { activitySeq: { increment: 0 } },
        select: { id: true },
      });
      const head = await readActivityHead(tx, id);
      if (
        head.seq === 0 ||
        (await tx.activityCheckpoint.findFirst({
          where: { organizationId: id, seq: head.seq, reason: "daily" },
          select: { id: true },
        }))
      )
        return false;
      const document = makeCheckpoint(
        {
          organizationId: id,
          ...head,
          reason: "daily",
          exportRunId: null,
          createdAt: now.toISOString(),
        },
        key,
      );
      await tx.activityCheckpoint.create({ data: checkpointRow(document) });
      return true;
    });
    if (wrote) run.written += 1;
    const stored = new Set<string>();
    for await (const { key } of store.listCheckpoints(id))
      stored.add(key.slice(key.lastIndexOf("/") + 1));
    const rows = await db.activityCheckpoint.findMany({
      where: { organizationId: id },
      orderBy: { seq: "asc" },
    });
    for (const row of rows) {
      const document = documentOf(row);
      if (
        document &&
        !stored.has(checkpointFileName(document)) &&
        (await storeCheckpointCopy(document))
      )
        run.copied += 1;
    }
  }
  return run;
}

type CheckpointRecord = {
  organizationId: string;
  seq: number;
  hash: string;
  reason: string;
  exportRunId: string | null;
  signature: string | null;
  keyId: string | null;
  createdAt: Date;
};

/** A row as the document it was made from; null for a row whose reason is not one we write. */
export function documentOf(row: CheckpointRecord): CheckpointDocument | null {
  if (!isCheckpointReason(row.reason)) return null;
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    organizationId: row.organizationId,
    seq: row.seq,
    hash: row.hash,
    reason: row.reason,
    exportRunId: row.exportRunId,
    createdAt: row.createdAt.toISOString(),
    signature: row.signature,
    keyId: row.keyId,
  };
}
