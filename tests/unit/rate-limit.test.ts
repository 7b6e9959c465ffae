import { describe, expect, it } from "vitest";
import {
  SIGN_IN_PER_ADDRESS,
  SIGN_IN_PER_EMAIL,
  SIGN_IN_PER_EMAIL_AND_ADDRESS,
  SIGN_UP_PER_ADDRESS,
  currentCount,
  isLimited,
  minutesUntilReset,
  recordAttempt,
  type RateLimitBucket,
  type RateLimitRule,
} from "@/lib/domain/rate-limit";

const MINUTE = 60_000;
const START = new Date("2026-05-15T12:00:00Z");
const RULE: RateLimitRule = { limit: 3, windowMs: 15 * MINUTE };

function at(ms: number): Date {
  return new Date(START.getTime() + ms);
}

function makeBucket(overrides: Partial<RateLimitBucket> = {}): RateLimitBucket {
  return { windowStart: START, count: 1, ...overrides };
}

const WINDOW_END = at(RULE.windowMs);
const JUST_BEFORE_END = at(RULE.windowMs - 1);

describe("isLimited", () => {
  it("lets the first attempt through when there is no bucket", () => {
    expect(isLimited(null, RULE, START)).toBe(false);
  });

  it("lets attempts through while the count is under the limit", () => {
    expect(isLimited(makeBucket({ count: RULE.limit - 1 }), RULE, at(MINUTE))).toBe(false);
  });

  it("refuses once the count reaches the limit", () => {
    expect(isLimited(makeBucket({ count: RULE.limit }), RULE, at(MINUTE))).toBe(true);
    expect(isLimited(makeBucket({ count: RULE.limit + 5 }), RULE, at(MINUTE))).toBe(true);
  });

  it("still refuses one millisecond before the window ends", () => {
    expect(isLimited(makeBucket({ count: RULE.limit }), RULE, JUST_BEFORE_END)).toBe(true);
  });

  it("lets attempts through again exactly when the window ends", () => {
    expect(isLimited(makeBucket({ count: RULE.limit }), RULE, WINDOW_END)).toBe(false);
  });

  it("ignores a full bucket from long ago", () => {
    expect(isLimited(makeBucket({ count: 99 }), RULE, at(10 * RULE.windowMs))).toBe(false);
  });
});

describe("recordAttempt", () => {
  it("opens a window at now for the first attempt", () => {
    expect(recordAttempt(null, RULE, at(MINUTE))).toEqual({ windowStart: at(MINUTE), count: 1 });
  });

  it("counts up within the window and keeps its start", () => {
    expect(recordAttempt(makeBucket({ count: 2 }), RULE, at(5 * MINUTE))).toEqual({
      windowStart: START,
      count: 3,
    });
  });

  it("still counts into the old window one millisecond before it ends", () => {
    expect(recordAttempt(makeBucket({ count: 2 }), RULE, JUST_BEFORE_END)).toEqual({
      windowStart: START,
      count: 3,
    });
  });

  it("opens a fresh window exactly when the old one ends", () => {
    expect(recordAttempt(makeBucket({ count: 7 }), RULE, WINDOW_END)).toEqual({
      windowStart: WINDOW_END,
      count: 1,
    });
  });

  it("does not change the bucket it was given", () => {
    const bucket = makeBucket({ count: 2 });
    recordAttempt(bucket, RULE, at(MINUTE));
    expect(bucket).toEqual({ windowStart: START, count: 2 });
  });

  it("refuses the attempt after the limit and allows one again in the next window", () => {
    let bucket: RateLimitBucket | null = null;
    const outcomes: boolean[] = [];
    for (let i = 0; i < RULE.limit + 1; i += 1) {
      const now = at(i * MINUTE);
      outcomes.push(isLimited(bucket, RULE, now));
      if (!outcomes.at(-1)) bucket = recordAttempt(bucket, RULE, now);
    }
    expect(outcomes).toEqual([false, false, false, true]);
    expect(isLimited(bucket, RULE, WINDOW_END)).toBe(false);
    expect(recordAttempt(bucket, RULE, WINDOW_END)).toEqual({ windowStart: WINDOW_END, count: 1 });
  });
});

describe("minutesUntilReset", () => {
  it.each([
    ["at the window start", 0, 15],
    ["one millisecond in", 1, 15],
    ["five minutes in", 5 * MINUTE, 10],
    ["five minutes and a millisecond in", 5 * MINUTE + 1, 10],
    ["a millisecond before five minutes in", 5 * MINUTE - 1, 11],
    ["exactly one minute before the end", 14 * MINUTE, 1],
    ["one millisecond before the end", RULE.windowMs - 1, 1],
    ["exactly at the end", RULE.windowMs, 1],
    ["long after the end", 3 * RULE.windowMs, 1],
  ])("%s → %i", (_label, elapsedMs, minutes) => {
    expect(minutesUntilReset(makeBucket({ count: RULE.limit }), RULE, at(elapsedMs))).toBe(minutes);
  });
});

describe("the sign-in and sign-up rules", () => {
  it.each([
    ["sign-in per email and address", SIGN_IN_PER_EMAIL_AND_ADDRESS, 5, 15],
    ["sign-in per email", SIGN_IN_PER_EMAIL, 20, 15],
    ["sign-in per address", SIGN_IN_PER_ADDRESS, 20, 15],
    ["sign-up per address", SIGN_UP_PER_ADDRESS, 10, 60],
  ] as const)("%s allows %i attempts per %i minutes", (_label, rule, limit, minutes) => {
    let bucket: RateLimitBucket | null = null;
    for (let i = 0; i < limit; i += 1) {
      expect(isLimited(bucket, rule, START)).toBe(false);
      bucket = recordAttempt(bucket, rule, START);
    }
    expect(isLimited(bucket, rule, START)).toBe(true);
    expect(isLimited(bucket, rule, at(minutes * MINUTE - 1))).toBe(true);
    expect(isLimited(bucket, rule, at(minutes * MINUTE))).toBe(false);
  });
});

describe("aligned windows", () => {
  const ALIGNED: RateLimitRule = { limit: 3, windowMs: 15 * MINUTE, aligned: true };

  it("opens at the start of the clock's slot, not at the first attempt", () => {
    expect(recordAttempt(null, ALIGNED, at(7 * MINUTE))).toEqual({ windowStart: START, count: 1 });
  });

  it("ends with the slot, so a bucket opened late in a slot is short", () => {
    const bucket = recordAttempt(null, ALIGNED, at(14 * MINUTE));
    expect(currentCount(bucket, ALIGNED, at(15 * MINUTE - 1))).toBe(1);
    expect(currentCount(bucket, ALIGNED, at(15 * MINUTE))).toBe(0);
    expect(recordAttempt(bucket, ALIGNED, at(16 * MINUTE))).toEqual({
      windowStart: at(15 * MINUTE),
      count: 1,
    });
  });

  it("says how long until the slot ends", () => {
    const full = { windowStart: START, count: 3 };
    expect(isLimited(full, ALIGNED, at(10 * MINUTE))).toBe(true);
    expect(minutesUntilReset(full, ALIGNED, at(10 * MINUTE))).toBe(5);
  });
});

describe("currentCount", () => {
  it("is 0 for no bucket and for an expired one", () => {
    expect(currentCount(null, RULE, START)).toBe(0);
    expect(currentCount(makeBucket({ count: 4 }), RULE, at(RULE.windowMs))).toBe(0);
    expect(currentCount(makeBucket({ count: 4 }), RULE, at(RULE.windowMs - 1))).toBe(4);
  });
});
