import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { checkRateLimit, clearRateLimit, countAttempt } from "@/lib/db/rate-limit";

const RULE = { limit: 3, windowMs: 10 * 60_000 };
const T0 = new Date("2026-03-02T09:00:00.000Z");
const minutes = (n: number): Date => new Date(T0.getTime() + n * 60_000);

let keys = 0;
const freshKey = (): string => `test:key:${(keys += 1)}`;
const countOf = async (key: string) =>
  (await getDb().rateLimitBucket.findUnique({ where: { key } }))?.count ?? 0;

describe("countAttempt", () => {
  it("counts every one of many simultaneous attempts, including the ones that create the bucket", async () => {
    const key = freshKey();

    await Promise.all(Array.from({ length: 12 }, () => countAttempt(key, RULE, T0)));
    await Promise.all(Array.from({ length: 12 }, () => countAttempt(key, RULE, T0)));

    expect(await countOf(key)).toBe(24);
  });

  it("limits after `limit` attempts until the window ends, then starts a new window", async () => {
    const key = freshKey();
    for (let n = 0; n < 3; n += 1) {
      expect(await checkRateLimit(key, RULE, T0)).toEqual({ limited: false });
      await countAttempt(key, RULE, T0);
    }

    expect(await checkRateLimit(key, RULE, minutes(1))).toEqual({
      limited: true,
      retryInMinutes: 9,
    });
    expect(await checkRateLimit(key, RULE, minutes(10))).toEqual({ limited: false });
    await countAttempt(key, RULE, minutes(10));
    expect(
      await getDb().rateLimitBucket.findUnique({
        where: { key },
        select: { windowStart: true, count: true },
      }),
    ).toEqual({ windowStart: minutes(10), count: 1 });
  });

  it("keeps keys apart, and clearing one leaves the others", async () => {
    const cleared = freshKey();
    const kept = freshKey();
    for (let n = 0; n < 3; n += 1) {
      await countAttempt(cleared, RULE, T0);
      await countAttempt(kept, RULE, T0);
    }

    await clearRateLimit(cleared);

    expect(await checkRateLimit(cleared, RULE, T0)).toEqual({ limited: false });
    expect(await checkRateLimit(kept, RULE, T0)).toMatchObject({ limited: true });
  });
});
