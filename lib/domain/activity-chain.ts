import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

// The activity log is a hash chain per organisation: entry n stores the hash of entry n−1,
// and its own hash covers every field that matters. Changing, deleting or reordering any
// entry breaks the chain at that point. An entry made through an API token also covers the
// token's id; entries without one hash exactly as they always did, so older chains still verify.

export const GENESIS_HASH = "0".repeat(64);

export type ChainEntry = {
  organizationId: string;
  seq: number;
  actorId: string | null;
  /** The API token the change came through, if any. */
  apiTokenId?: string | null;
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
    ...(entry.apiTokenId ? { apiTokenId: entry.apiTokenId } : {}),
  });
  return createHash("sha256").update(canonical).digest("hex");
}

export type ChainBreak = {
  seq: number;
  reason: "sequence_gap" | "previous_hash_mismatch" | "content_hash_mismatch" | "missing_tail";
};

export type ChainVerdict =
  { ok: true; checked: number } | { ok: false; checked: number; firstBreak: ChainBreak };

/**
 * Verifies entries fed one at a time, oldest first, and remembers the hashes stored at the
 * sequence numbers asked for (the anchors' entries), so a long chain is never held whole.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private previousHash = GENESIS_HASH;
  private checked = 0;
  private firstBreak: ChainBreak | null = null;
  private newest: { seq: number; hash: string } | null = null;
  private readonly captured = new Map<number, string>();

  constructor(private readonly wanted: ReadonlySet<number> = new Set()) {}

  add(entry: ChainEntry): void {
    if (this.wanted.has(entry.seq) && !this.captured.has(entry.seq))
      this.captured.set(entry.seq, entry.hash);
    if (!this.newest || entry.seq > this.newest.seq)
      this.newest = { seq: entry.seq, hash: entry.hash };
    if (this.firstBreak) return;
    if (entry.seq !== this.expectedSeq)
      this.firstBreak = { seq: entry.seq, reason: "sequence_gap" };
    else if (entry.prevHash !== this.previousHash)
      this.firstBreak = { seq: entry.seq, reason: "previous_hash_mismatch" };
    else if (hashEntry(entry) !== entry.hash)
      this.firstBreak = { seq: entry.seq, reason: "content_hash_mismatch" };
    if (this.firstBreak) return;
    this.checked += 1;
    this.expectedSeq += 1;
    this.previousHash = entry.hash;
  }

  /** `expectedCount` (the organisation's recorded sequence) also catches deleted newest entries. */
  verdict(expectedCount?: number): ChainVerdict {
    if (this.firstBreak) return { ok: false, checked: this.checked, firstBreak: this.firstBreak };
    if (expectedCount !== undefined && this.checked < expectedCount) {
      return {
        ok: false,
        checked: this.checked,
        firstBreak: { seq: this.checked + 1, reason: "missing_tail" },
      };
    }
    return { ok: true, checked: this.checked };
  }

  /** The stored hash at `seq`, when it was asked for and read. */
  hashAt(seq: number): string | undefined {
    return seq === 0 ? GENESIS_HASH : this.captured.get(seq);
  }

  /** The newest entry read (whatever its links), or the genesis head of an empty chain. */
  head(): { seq: number; hash: string } {
    return this.newest ?? { seq: 0, hash: GENESIS_HASH };
  }
}

/** Verifies entries in the order given (oldest first) and reports the first broken link. */
export function verifyChain(entries: readonly ChainEntry[], expectedCount?: number): ChainVerdict {
  const verifier = new ChainVerifier();
  for (const entry of entries) verifier.add(entry);
  return verifier.verdict(expectedCount);
}
