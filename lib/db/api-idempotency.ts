import "server-only";
import {
  IDEMPOTENCY_KEY_TTL_MS,
  judgeStoredKey,
  type KeyVerdict,
} from "@/lib/domain/api-idempotency";
import { getDb } from "./client";
import { isUniqueViolation } from "./prisma-errors";

// Idempotency keys of API tokens (ApiIdempotencyKey): the unique (tokenId, key) row is the lock,
// so of two identical requests arriving together exactly one claims the key and does the work.
// Keys belong to a token: another token's key of the same name is another key.

export type Claim = { kind: "claimed"; id: string } | Exclude<KeyVerdict, { kind: "take_over" }>;

/** Claims `key` for this request, or says what the stored key answers instead. */
export async function claimIdempotencyKey(
  tokenId: string,
  key: string,
  requestHash: string,
  now: Date = new Date(),
): Promise<Claim> {
  const db = getDb();
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const row = await db.apiIdempotencyKey.create({
        data: { tokenId, key, requestHash, status: "pending", createdAt: now },
        select: { id: true },
      });
      return { kind: "claimed", id: row.id };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const stored = await db.apiIdempotencyKey.findUnique({
      where: { tokenId_key: { tokenId, key } },
      select: {
        id: true,
        requestHash: true,
        status: true,
        createdAt: true,
        responseStatus: true,
        responseBody: true,
      },
    });
    if (!stored) continue;
    const verdict = judgeStoredKey(stored, requestHash, now);
    if (verdict.kind !== "take_over") return verdict;
    // Expired or abandoned: removed only if still the row judged, then claimed afresh.
    await db.apiIdempotencyKey.deleteMany({
      where: { id: stored.id, status: stored.status, createdAt: stored.createdAt },
    });
  }
  return { kind: "in_flight" };
}

/** Stores the response a claimed key answers retries with. */
export async function completeIdempotencyKey(
  id: string,
  response: { status: number; body: string },
): Promise<void> {
  await getDb().apiIdempotencyKey.updateMany({
    where: { id, status: "pending" },
    data: { status: "done", responseStatus: response.status, responseBody: response.body },
  });
}

/** Gives a claimed key back (the request failed): a retry with it runs again. */
export async function releaseIdempotencyKey(id: string): Promise<void> {
  await getDb().apiIdempotencyKey.deleteMany({ where: { id, status: "pending" } });
}

/** Removes the keys too old to answer a retry (finished or abandoned); returns how many. */
export async function deleteExpiredIdempotencyKeys(now: Date = new Date()): Promise<number> {
  const { count } = await getDb().apiIdempotencyKey.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS) } },
  });
  return count;
}
