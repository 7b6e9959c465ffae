// Fixed-window throttling rules. The counters live in the database (lib/db/rate-limit.ts) so
// every app instance sees the same numbers; the arithmetic lives here.

export type RateLimitRule = { limit: number; windowMs: number };
export type RateLimitBucket = { windowStart: Date; count: number };

export const SIGN_IN_PER_EMAIL: RateLimitRule = { limit: 5, windowMs: 15 * 60_000 };
export const SIGN_IN_PER_ADDRESS: RateLimitRule = { limit: 20, windowMs: 15 * 60_000 };
export const SIGN_UP_PER_ADDRESS: RateLimitRule = { limit: 10, windowMs: 60 * 60_000 };

function isCurrent(bucket: RateLimitBucket, rule: RateLimitRule, now: Date): boolean {
  return now.getTime() - bucket.windowStart.getTime() < rule.windowMs;
}

/** Whether one more attempt is refused. */
export function isLimited(bucket: RateLimitBucket | null, rule: RateLimitRule, now: Date): boolean {
  return bucket !== null && isCurrent(bucket, rule, now) && bucket.count >= rule.limit;
}

/** The bucket after recording one attempt. */
export function recordAttempt(bucket: RateLimitBucket | null, rule: RateLimitRule, now: Date): RateLimitBucket {
  if (bucket === null || !isCurrent(bucket, rule, now)) return { windowStart: now, count: 1 };
  return { windowStart: bucket.windowStart, count: bucket.count + 1 };
}

/** Whole minutes until the window of a limited bucket ends (at least 1). */
export function minutesUntilReset(bucket: RateLimitBucket, rule: RateLimitRule, now: Date): number {
  const remainingMs = bucket.windowStart.getTime() + rule.windowMs - now.getTime();
  return Math.max(1, Math.ceil(remainingMs / 60_000));
}
