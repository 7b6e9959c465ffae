import { canonicalJson } from "./canonical-json";

// A checkpoint records the activity chain's head (sequence and hash) at a moment, signed with
// the server's Ed25519 key when one is configured (activity-signature.ts). Copies leave the
// database (the blob store, every export's manifest), so a later rewrite of the log disagrees
// with a head it cannot change. The signature covers the canonical JSON of the payload (sorted
// keys, no spaces). No node:crypto here: the verify page reads checkpoints in the browser.

export const CHECKPOINT_FORMAT = "assay-activity-checkpoint";
export const CHECKPOINT_VERSION = 1;
export const CHECKPOINT_REASONS = ["daily", "export"] as const;
export type CheckpointReason = (typeof CHECKPOINT_REASONS)[number];

export function isCheckpointReason(value: string): value is CheckpointReason {
  return (CHECKPOINT_REASONS as readonly string[]).includes(value);
}

export type CheckpointPayload = {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_VERSION;
  organizationId: string;
  seq: number;
  hash: string;
  reason: CheckpointReason;
  exportRunId: string | null;
  /** ISO timestamp. */
  createdAt: string;
};

/** The payload plus its base64 signature and the signing key's id (both null when unsigned). */
export type CheckpointDocument = CheckpointPayload & {
  signature: string | null;
  keyId: string | null;
};

export type CheckpointFields = Omit<CheckpointPayload, "format" | "version">;

/** The exact bytes a signature covers. */
export function canonicalCheckpoint(payload: CheckpointPayload): string {
  const { format, version, organizationId, seq, hash, reason, exportRunId, createdAt } = payload;
  return canonicalJson({
    format,
    version,
    organizationId,
    seq,
    hash,
    reason,
    exportRunId,
    createdAt,
  });
}

/** The same checkpoint: every field of the payload, and the same signature and key id. */
export function sameCheckpoint(a: CheckpointDocument, b: CheckpointDocument): boolean {
  return (
    canonicalCheckpoint(a) === canonicalCheckpoint(b) &&
    a.signature === b.signature &&
    a.keyId === b.keyId
  );
}

/**
 * The checkpoint's file name in the blob store, unique per checkpoint: one daily checkpoint per
 * head, one per export. Zero-padded so names sort by sequence.
 */
export function checkpointFileName(
  document: Pick<CheckpointPayload, "seq" | "reason" | "exportRunId">,
): string {
  const seq = String(document.seq).padStart(10, "0");
  return document.reason === "export"
    ? `${seq}-export-${document.exportRunId ?? "none"}.json`
    : `${seq}-daily.json`;
}
