import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

// The activity log is a hash chain per organisation: entry n stores the hash of entry n−1,
// and its own hash covers every field that matters. Changing, deleting or reordering any
// entry breaks the chain at that point.

export const GENESIS_HASH = "0".repeat(64);

export type ChainEntry = {
  organizationId: string;
  seq: number;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
  createdAt: Date;
  prevHash: string;
  hash: string;
};

export type ChainEntryContent = Omit<ChainEntry, "hash">;

export function hashEntry(entry: ChainEntryContent): string {
  const canonical = canonicalJson({
    organizationId: entry.organizationId,
    seq: entry.seq,
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before,
    after: entry.after,
    createdAt: entry.createdAt.toISOString(),
    prevHash: entry.prevHash,
  });
  return createHash("sha256").update(canonical).digest("hex");
}

export type ChainBreak = {
  seq: number;
  reason: "sequence_gap" | "previous_hash_mismatch" | "content_hash_mismatch" | "missing_tail";
};

export type ChainVerdict = { ok: true; checked: number } | { ok: false; checked: number; firstBreak: ChainBreak };

/**
 * Verifies entries in the order given (oldest first) and reports the first broken link.
 * `expectedCount` (the organisation's recorded sequence) also catches deleted newest entries.
 */
export function verifyChain(entries: readonly ChainEntry[], expectedCount?: number): ChainVerdict {
  let expectedSeq = 1;
  let previousHash = GENESIS_HASH;
  for (const [index, entry] of entries.entries()) {
    const broken = (reason: ChainBreak["reason"]): ChainVerdict => ({
      ok: false,
      checked: index,
      firstBreak: { seq: entry.seq, reason },
    });
    if (entry.seq !== expectedSeq) return broken("sequence_gap");
    if (entry.prevHash !== previousHash) return broken("previous_hash_mismatch");
    if (hashEntry(entry) !== entry.hash) return broken("content_hash_mismatch");
    expectedSeq += 1;
    previousHash = entry.hash;
  }
  if (expectedCount !== undefined && entries.length < expectedCount) {
    return { ok: false, checked: entries.length, firstBreak: { seq: entries.length + 1, reason: "missing_tail" } };
  }
  return { ok: true, checked: entries.length };
}
