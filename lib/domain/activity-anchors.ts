import type { ChainVerdict } from "./activity-chain";
import { sameCheckpoint, type CheckpointDocument } from "./activity-checkpoint";
import type { SignatureStatus } from "./activity-signature";

// Heads recorded outside the chain (checkpoints, exports, snapshots, files people kept) are its
// anchors. Each says "entry S had hash H"; a chain that no longer has H at S, or no longer
// reaches S, was rewritten, whatever its own links say. One anchor vouches for every entry up
// to its sequence, since each hash covers the one before.

export type ChainHead = { seq: number; hash: string };

/** The chain as verification read it: its head and the hash of any entry. */
export type ChainHashes = { head: ChainHead; hashAt: (seq: number) => string | undefined };

export type Anchor = {
  /** Names the anchor for people: "export checkpoint of 2026-03-02 (run …)". */
  label: string;
  seq: number;
  hash: string;
  /** null for anchors that carry no signature (export rows, snapshots). */
  signature: SignatureStatus | null;
};

export type AnchorProblem =
  | "hash_differs"
  | "beyond_head"
  | "entry_missing"
  | "bad_signature"
  | "copy_differs"
  | "row_missing";

/** Problems fail verification; notes (unsigned, other key) are reported and do not. */
export type AnchorFinding = {
  label: string;
  seq: number;
  problem: AnchorProblem | null;
  note: string | null;
  message: string;
};

const short = (hash: string): string => `${hash.slice(0, 16)}…`;

export function checkAnchor(chain: ChainHashes, anchor: Anchor): AnchorFinding {
  const { label, seq, hash } = anchor;
  const finding = (
    problem: AnchorProblem | null,
    message: string,
    note: string | null = null,
  ): AnchorFinding => ({ label, seq, problem, note, message });
  if (anchor.signature === "invalid") {
    return finding(
      "bad_signature",
      `${label}: its signature does not verify with the public key checked against: it was altered after signing, or signed by another key.`,
    );
  }
  if (seq > chain.head.seq) {
    return finding(
      "beyond_head",
      `${label} says the log reached entry #${seq}, but it now ends at #${chain.head.seq}: entries were removed.`,
    );
  }
  const actual = chain.hashAt(seq);
  if (actual === undefined)
    return finding(
      "entry_missing",
      `${label} records entry #${seq}, which the log no longer holds.`,
    );
  if (actual !== hash) {
    return finding(
      "hash_differs",
      `${label} says entry #${seq} had hash ${short(hash)}, but it now has ${short(actual)}: the log was rewritten at or before entry #${seq}.`,
    );
  }
  const note =
    anchor.signature === "unsigned"
      ? "unsigned"
      : anchor.signature === "other_key"
        ? "signed with another key"
        : null;
  return finding(
    null,
    `${label} agrees with entry #${seq}${note ? ` (${note}, so only as good as its copy)` : ""}.`,
    note,
  );
}

/** Each anchor checked against the chain, problems first, then by sequence (newest first). */
export function compareWithAnchors(
  chain: ChainHashes,
  anchors: readonly Anchor[],
): AnchorFinding[] {
  return anchors
    .map((anchor) => checkAnchor(chain, anchor))
    .sort((a, b) => Number(b.problem !== null) - Number(a.problem !== null) || b.seq - a.seq);
}

/** A checkpoint as held in one place: the database row or the blob store's copy. */
export type HeldCheckpoint = { name: string; label: string; document: CheckpointDocument };

/**
 * Rows and copies of the same checkpoints compared by file name: a row that differs from its
 * copy in anything was edited, or deleted and written again (the store keeps the first copy of
 * a name, so the copy is the original). Every copy is written after its row commits, so a copy
 * without a row means the row was deleted. A row without a copy means the copy could not be
 * written (the store was unreachable) and is not reported here.
 */
export function crossCheckCopies(
  rows: readonly HeldCheckpoint[],
  copies: readonly HeldCheckpoint[],
): AnchorFinding[] {
  const copyOf = new Map(copies.map((copy) => [copy.name, copy]));
  const rowNames = new Set(rows.map((row) => row.name));
  const findings: AnchorFinding[] = [];
  for (const row of rows) {
    const copy = copyOf.get(row.name);
    if (!copy || sameCheckpoint(copy.document, row.document)) continue;
    findings.push({
      label: row.label,
      seq: row.document.seq,
      problem: "copy_differs",
      note: null,
      message: `${row.label} in the database differs from its copy in the blob store (${copy.name}): the row was edited, or deleted and written again.`,
    });
  }
  for (const copy of copies) {
    if (rowNames.has(copy.name)) continue;
    findings.push({
      label: copy.label,
      seq: copy.document.seq,
      problem: "row_missing",
      note: null,
      message: `${copy.label} is in the blob store but its row is gone from the database: it was deleted.`,
    });
  }
  return findings;
}

/** What an audit of the log answers: plain data for the pages, the route and the script. */
export type ActivityAudit = {
  ok: boolean;
  chain: ChainVerdict;
  head: ChainHead;
  /** The key signatures were checked with, null when none is configured or given. */
  keyId: string | null;
  /** Problems first; then every anchor that agrees, newest first. */
  findings: AnchorFinding[];
  anchors: number;
  /** Blob-store copies read, of how many there are (the page reads the newest; the script all). */
  copies: { read: number; total: number };
};
