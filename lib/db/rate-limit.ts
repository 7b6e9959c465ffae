import "server-only";
import {
  isLimited,
  minutesUntilReset,
  recordAttempt,
  type RateLimitBucket,
  type RateLimitRule,
} from "@/lib/domain/rate-limit";
import { getDb } from "./client";
import { isUniqueViolation } from "./prisma-errors";

export type RateLimitCheck = { limited: false } | { limited: true; retryInMinutes: number };

export async function checkRateLimit(
  key: string,
  rule: RateLimitRule,
  now: Date = new Date(),
): Promise<RateLimitCheck> {
  const bucket = await getDb().rateLimitBucket.findUnique({ where: { key } });
  if (!bucket || !isLimited(bucket, rule, now)) return { limited: false };
  return { limited: true, retryInMinutes: minutesUntilReset(bucket, rule, now) };
}

/** Records one attempt and returns the bucket after it (its count includes this attempt). */
export async function countAttempt(
  key: string,
  rule: RateLimitRule,
  now: Date = new Date(),
): Promise<RateLimitBucket> {
  const db = getDb();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.$transaction(async (tx) => {
        // Lock the bucket row before reading it, so simultaneous attempts queue here instead of
        // overwriting each other's count (parallel guesses would otherwise stay under the limit).
        // No row locked means none was committed yet: create it, even if one appeared since.
        const { count: locked } = await tx.rateLimitBucket.updateMany({
          where: { key },
          data: { count: { increment: 0 } },
        });
        const bucket =
          locked === 0 ? null : await tx.rateLimitBucket.findUnique({ where: { key } });
        const next = recordAttempt(bucket, rule, now);
        if (bucket) await tx.rateLimitBucket.update({ where: { key }, data: next });
        else await tx.rateLimitBucket.create({ data: { key, ...next } });
        return next;
      });
    } catch (error) {
      // Two first attempts raced to create the bucket: count this one against the winner's row.
      if (!isUniqueViolation(error) || attempt >= 3) throw error;
    }
  }
}

/**
 * Counts this attempt, then refuses it when the count is over the limit. Counting first (the
 * bucket row is locked while counting) means simultaneous attempts cannot all pass a check
 * made before any of them was counted.
 */
export async function countWithinLimit(
  key: string,
  rule: RateLimitRule,
  now: Date = new Date(),
): Promise<RateLimitCheck> {
  const bucket = await countAttempt(key, rule, now);
  if (bucket.count <= rule.limit) return { limited: false };
  return { limited: true, retryInMinutes: minutesUntilReset(bucket, rule, now) };
}

export async function clearRateLimit(key: string): Promise<void> {
  await getDb().rateLimitBucket.deleteMany({ where: { key } });
}

/** Takes back one counted attempt (a sign-in that turned out to succeed). */
export async function refundAttempt(key: string): Promise<void> {
  await getDb().rateLimitBucket.updateMany({
    where: { key, count: { gt: 0 } },
    data: { count: { decrement: 1 } },
  });
}
