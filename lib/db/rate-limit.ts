import "server-only";
import { isLimited, minutesUntilReset, recordAttempt, type RateLimitRule } from "@/lib/domain/rate-limit";
import { getDb } from "./client";

export type RateLimitCheck = { limited: false } | { limited: true; retryInMinutes: number };

export async function checkRateLimit(key: string, rule: RateLimitRule, now: Date = new Date()): Promise<RateLimitCheck> {
  const bucket = await getDb().rateLimitBucket.findUnique({ where: { key } });
  if (!bucket || !isLimited(bucket, rule, now)) return { limited: false };
  return { limited: true, retryInMinutes: minutesUntilReset(bucket, rule, now) };
}

export async function countAttempt(key: string, rule: RateLimitRule, now: Date = new Date()): Promise<void> {
  const db = getDb();
  await db.$transaction(async (tx) => {
    const bucket = await tx.rateLimitBucket.findUnique({ where: { key } });
    const next = recordAttempt(bucket, rule, now);
    await tx.rateLimitBucket.upsert({ where: { key }, create: { key, ...next }, update: next });
  });
}

export async function clearRateLimit(key: string): Promise<void> {
  await getDb().rateLimitBucket.deleteMany({ where: { key } });
}
