import "server-only";
import {
  currentCount,
  minutesUntilReset,
  SIGN_IN_PER_ADDRESS,
  SIGN_IN_PER_EMAIL,
  SIGN_IN_PER_EMAIL_AND_ADDRESS,
  type RateLimitBucket,
  type RateLimitRule,
} from "@/lib/domain/rate-limit";
import { getDb } from "./client";
import { checkRateLimit, clearRateLimit, countAttempt, refundAttempt } from "./rate-limit";

// Password guesses are bounded per account without letting strangers lock the account:
//  - one address may fail one email 5 times per 15 minutes (and 20 times across all emails);
//  - all addresses together may fail one email 20 times per 15-minute slot; past that, only
//    addresses that have not failed this email in the slot may still try, once each.
// So a correct password from an address that has not been failing always gets through, and an
// attacker with K addresses gets at most min(5K, 20 + K) guesses per account per 15 minutes.

type SignInAdmission = { admitted: true } | { admitted: false; retryInMinutes: number };

const keys = (email: string, address: string) => ({
  address: `sign-in:address:${address}`,
  pair: `sign-in:pair:${address} ${email}`,
  email: `sign-in:email:${email}`,
});

async function bucketOf(key: string): Promise<RateLimitBucket | null> {
  return getDb().rateLimitBucket.findUnique({ where: { key }, select: { windowStart: true, count: true } });
}

const refused = (bucket: RateLimitBucket, rule: RateLimitRule, now: Date): SignInAdmission => ({
  admitted: false,
  retryInMinutes: minutesUntilReset(bucket, rule, now),
});

/**
 * Decides whether this attempt may check a password, and counts it as a failure before the
 * check (so parallel guesses cannot all slip under a limit); `settleSignInAttempt` gives the
 * counts back when the password was right.
 */
export async function admitSignInAttempt(email: string, address: string, now: Date): Promise<SignInAdmission> {
  const key = keys(email, address);
  for (const [bucketKey, rule] of [
    [key.address, SIGN_IN_PER_ADDRESS],
    [key.pair, SIGN_IN_PER_EMAIL_AND_ADDRESS],
  ] as const) {
    const check = await checkRateLimit(bucketKey, rule, now);
    if (check.limited) return { admitted: false, retryInMinutes: check.retryInMinutes };
  }
  const [emailBucket, pairBucket] = await Promise.all([bucketOf(key.email), bucketOf(key.pair)]);
  const hot = currentCount(emailBucket, SIGN_IN_PER_EMAIL, now) >= SIGN_IN_PER_EMAIL.limit;
  if (hot && emailBucket && currentCount(pairBucket, SIGN_IN_PER_EMAIL_AND_ADDRESS, now) > 0) return refused(emailBucket, SIGN_IN_PER_EMAIL, now);

  const addressCount = await countAttempt(key.address, SIGN_IN_PER_ADDRESS, now);
  if (addressCount.count > SIGN_IN_PER_ADDRESS.limit) return refused(addressCount, SIGN_IN_PER_ADDRESS, now);
  const pairCount = await countAttempt(key.pair, SIGN_IN_PER_EMAIL_AND_ADDRESS, now);
  if (pairCount.count > SIGN_IN_PER_EMAIL_AND_ADDRESS.limit) return refused(pairCount, SIGN_IN_PER_EMAIL_AND_ADDRESS, now);
  const emailCount = await countAttempt(key.email, SIGN_IN_PER_EMAIL, now);
  // Counted one after another, so of parallel attempts from one address only the first is "fresh".
  if (emailCount.count > SIGN_IN_PER_EMAIL.limit && pairCount.count > 1) return refused(emailCount, SIGN_IN_PER_EMAIL, now);
  return { admitted: true };
}

/**
 * After an admitted attempt: a right password takes its counts back and forgets this address's
 * failures for the email. The failures from other addresses stay, so signing in does not give
 * an attacker a fresh allowance.
 */
export async function settleSignInAttempt(email: string, address: string, succeeded: boolean): Promise<void> {
  if (!succeeded) return;
  const key = keys(email, address);
  await refundAttempt(key.address);
  await refundAttempt(key.email);
  await clearRateLimit(key.pair);
}
