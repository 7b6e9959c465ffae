import "server-only";
import {
  currentCount,
  minutesUntilReset,
  type RateLimitBucket,
  type RateLimitRule,
} from "@/lib/domain/rate-limit";
import { getDb } from "./client";
import { checkRateLimit, clearRateLimit, countAttempt, refundAttempt } from "./rate-limit";

// Guesses at a secret of one account (a password, a second factor) bounded per account without
// letting strangers lock the account out:
//  - one address may fail one account `perPair.limit` times per slot (and `perAddress.limit`
//    times across all accounts);
//  - all addresses together may fail one account `perAccount.limit` times per slot; past that,
//    only addresses that have not failed this account in the slot may still try, once each.
// So a right answer from an address that has not been failing always gets through, and an
// attacker with K addresses gets at most min(perPair × K, perAccount + K) guesses per slot.

export type FailureRules = {
  /** Failures of one account from one address; aligned, in the same slots as perAccount. */
  perPair: RateLimitRule;
  /** Failures of one account from all addresses; aligned. */
  perAccount: RateLimitRule;
  /** Failures from one address across accounts. */
  perAddress: RateLimitRule;
};

/** The buckets of one attempt: `<scope>:address:…`, `<scope>:pair:…`, and the account's. */
export type FailureKeys = { address: string; pair: string; account: string };

export type Admission = { admitted: true } | { admitted: false; retryInMinutes: number };

async function bucketOf(key: string): Promise<RateLimitBucket | null> {
  return getDb().rateLimitBucket.findUnique({
    where: { key },
    select: { windowStart: true, count: true },
  });
}

const refused = (bucket: RateLimitBucket, rule: RateLimitRule, now: Date): Admission => ({
  admitted: false,
  retryInMinutes: minutesUntilReset(bucket, rule, now),
});

/**
 * Decides whether this attempt may check its secret, and counts it as a failure before the
 * check (so parallel guesses cannot all slip under a limit); `settleAttempt` gives the counts
 * back when the answer was right.
 */
export async function admitAttempt(
  keys: FailureKeys,
  rules: FailureRules,
  now: Date,
): Promise<Admission> {
  for (const [key, rule] of [
    [keys.address, rules.perAddress],
    [keys.pair, rules.perPair],
  ] as const) {
    const check = await checkRateLimit(key, rule, now);
    if (check.limited) return { admitted: false, retryInMinutes: check.retryInMinutes };
  }
  const [accountBucket, pairBucket] = await Promise.all([
    bucketOf(keys.account),
    bucketOf(keys.pair),
  ]);
  const hot = currentCount(accountBucket, rules.perAccount, now) >= rules.perAccount.limit;
  if (hot && accountBucket && currentCount(pairBucket, rules.perPair, now) > 0)
    return refused(accountBucket, rules.perAccount, now);

  const addressCount = await countAttempt(keys.address, rules.perAddress, now);
  if (addressCount.count > rules.perAddress.limit)
    return refused(addressCount, rules.perAddress, now);
  const pairCount = await countAttempt(keys.pair, rules.perPair, now);
  if (pairCount.count > rules.perPair.limit) return refused(pairCount, rules.perPair, now);
  const accountCount = await countAttempt(keys.account, rules.perAccount, now);
  // Counted one after another, so of parallel attempts from one address only the first is "fresh".
  if (accountCount.count > rules.perAccount.limit && pairCount.count > 1)
    return refused(accountCount, rules.perAccount, now);
  return { admitted: true };
}

/**
 * After an admitted attempt: a right answer takes its counts back and forgets this address's
 * failures for the account. The failures from other addresses stay, so the real user signing
 * in does not give an attacker a fresh allowance.
 */
export async function settleAttempt(keys: FailureKeys, succeeded: boolean): Promise<void> {
  if (!succeeded) return;
  await refundAttempt(keys.address);
  await refundAttempt(keys.account);
  await clearRateLimit(keys.pair);
}
