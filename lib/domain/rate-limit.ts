// Fixed-window throttling rules. The counters live in the database (lib/db/rate-limit.ts) so
// every app instance sees the same numbers; the arithmetic lives here.

/**
 * `limit` attempts per window of `windowMs`. A window opens with the first attempt, unless
 * `aligned`: then windows are fixed slots of the clock (09:00, 09:15…), so buckets of
 * different keys under one rule open and close together.
 */
export type RateLimitRule = { limit: number; windowMs: number; aligned?: boolean };
export type RateLimitBucket = { windowStart: Date; count: number };

const MINUTE = 60_000;

// Sign-in (see README, Decisions): failures per email from one address, per email from all
// addresses (aligned with the first, so "has this address failed in this window" is one
// question), and per address across every email.
export const SIGN_IN_PER_EMAIL_AND_ADDRESS: RateLimitRule = {
  limit: 5,
  windowMs: 15 * MINUTE,
  aligned: true,
};
export const SIGN_IN_PER_EMAIL: RateLimitRule = { limit: 20, windowMs: 15 * MINUTE, aligned: true };
export const SIGN_IN_PER_ADDRESS: RateLimitRule = { limit: 20, windowMs: 15 * MINUTE };
export const SIGN_UP_PER_ADDRESS: RateLimitRule = { limit: 10, windowMs: 60 * MINUTE };
export const PASSWORD_RESET_PER_ADDRESS: RateLimitRule = { limit: 10, windowMs: 60 * MINUTE };
// Account mail (reset links, sign-up mails) for one email: 3 an hour asked from one address,
// 10 an hour from every address together; past 10, an address that has not asked for this
// email this hour still gets one, so a stranger's requests cannot use up its owner's.
export const ACCOUNT_MAILS_PER_EMAIL_AND_ADDRESS: RateLimitRule = {
  limit: 3,
  windowMs: 60 * MINUTE,
};
export const ACCOUNT_MAILS_PER_EMAIL: RateLimitRule = { limit: 10, windowMs: 60 * MINUTE };
export const PASSWORD_CHANGE_PER_USER: RateLimitRule = { limit: 5, windowMs: 15 * MINUTE };

/** The start of the window an attempt at `now` falls in, for an aligned rule. */
function slotStart(rule: RateLimitRule, now: Date): Date {
  return new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
}

function isCurrent(bucket: RateLimitBucket, rule: RateLimitRule, now: Date): boolean {
  if (rule.aligned) return bucket.windowStart.getTime() === slotStart(rule, now).getTime();
  return now.getTime() - bucket.windowStart.getTime() < rule.windowMs;
}

/** Attempts already counted in the current window (0 for none or an expired window). */
export function currentCount(
  bucket: RateLimitBucket | null,
  rule: RateLimitRule,
  now: Date,
): number {
  return bucket !== null && isCurrent(bucket, rule, now) ? bucket.count : 0;
}

/** Whether one more attempt is refused. */
export function isLimited(bucket: RateLimitBucket | null, rule: RateLimitRule, now: Date): boolean {
  return bucket !== null && isCurrent(bucket, rule, now) && bucket.count >= rule.limit;
}

/** The bucket after recording one attempt. */
export function recordAttempt(
  bucket: RateLimitBucket | null,
  rule: RateLimitRule,
  now: Date,
): RateLimitBucket {
  if (bucket === null || !isCurrent(bucket, rule, now))
    return { windowStart: rule.aligned ? slotStart(rule, now) : now, count: 1 };
  return { windowStart: bucket.windowStart, count: bucket.count + 1 };
}

/** Whole minutes until the window of a limited bucket ends (at least 1). */
export function minutesUntilReset(bucket: RateLimitBucket, rule: RateLimitRule, now: Date): number {
  const remainingMs = bucket.windowStart.getTime() + rule.windowMs - now.getTime();
  return Math.max(1, Math.ceil(remainingMs / 60_000));
}
