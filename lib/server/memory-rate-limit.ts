import "server-only";
import {
  isLimited,
  minutesUntilReset,
  recordAttempt,
  type RateLimitBucket,
  type RateLimitRule,
} from "@/lib/domain/rate-limit";

// Throttling for requests that must not write (a GET such as the calendar feed): the same
// fixed-window arithmetic as lib/db/rate-limit.ts, counted in this instance's memory. The
// table is bounded: past MAX_KEYS, expired windows are dropped, and if none has expired the
// oldest keys go first.

const MAX_KEYS = 10_000;

export class MemoryRateLimiter {
  private readonly buckets = new Map<string, RateLimitBucket>();

  constructor(private readonly rule: RateLimitRule) {}

  /** Counts one request for `key`; the minutes to wait when it is over the limit, else null. */
  hit(key: string, now: Date = new Date()): number | null {
    const bucket = this.buckets.get(key) ?? null;
    if (isLimited(bucket, this.rule, now))
      return minutesUntilReset(bucket as RateLimitBucket, this.rule, now);
    this.buckets.delete(key);
    this.buckets.set(key, recordAttempt(bucket, this.rule, now));
    if (this.buckets.size > MAX_KEYS) this.prune(now);
    return null;
  }

  private prune(now: Date): void {
    for (const [key, bucket] of this.buckets)
      if (now.getTime() - bucket.windowStart.getTime() >= this.rule.windowMs)
        this.buckets.delete(key);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= MAX_KEYS) break;
      this.buckets.delete(key);
    }
  }
}
