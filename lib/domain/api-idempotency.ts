import { createHash } from "node:crypto";

// Idempotency-Key on /api/v1 writes: a retry with the same key and the same request gets the
// first response; the same key with another request is refused. Pure: no clock, no data.

/** Keys are what clients generate (a UUID, a CI run id and step): printable ASCII, bounded. */
const KEY = /^[\x21-\x7e]{1,255}$/;

/** How long a finished key answers retries; after that the key may be used afresh. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;
/** A key still "pending" after this long belongs to a request that died; it may be taken over. */
export const IDEMPOTENCY_PENDING_STALE_MS = 10 * 60 * 1000;

export type KeyCheck = { ok: true; key: string | null } | { ok: false; message: string };

/** The header's key, null when none was sent, or why it cannot be used. */
export function parseIdempotencyKey(header: string | null): KeyCheck {
  if (header === null) return { ok: true, key: null };
  const key = header.trim();
  if (!KEY.test(key))
    return {
      ok: false,
      message: "Send an Idempotency-Key of 1 to 255 printable ASCII characters (a UUID, say).",
    };
  return { ok: true, key };
}

/** What makes two requests "the same": method, path and every input, in a fixed order. */
export function requestFingerprint(method: string, path: string, inputs: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify([method.toUpperCase(), path, inputs]))
    .digest("hex");
}

export type StoredKey = {
  requestHash: string;
  status: string;
  createdAt: Date;
  responseStatus: number | null;
  responseBody: string | null;
};

export type KeyVerdict =
  | { kind: "replay"; status: number; body: string }
  | { kind: "mismatch" }
  | { kind: "in_flight" }
  /** Expired, or pending so long its request must have died: the new request takes the key. */
  | { kind: "take_over" };

/** What a request holding `requestHash` does with a key already stored. */
export function judgeStoredKey(stored: StoredKey, requestHash: string, now: Date): KeyVerdict {
  const age = now.getTime() - stored.createdAt.getTime();
  if (age >= IDEMPOTENCY_KEY_TTL_MS) return { kind: "take_over" };
  if (stored.requestHash !== requestHash) return { kind: "mismatch" };
  if (stored.status === "done" && stored.responseStatus !== null && stored.responseBody !== null)
    return { kind: "replay", status: stored.responseStatus, body: stored.responseBody };
  return age >= IDEMPOTENCY_PENDING_STALE_MS ? { kind: "take_over" } : { kind: "in_flight" };
}
