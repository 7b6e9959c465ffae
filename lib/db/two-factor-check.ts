import "server-only";
import { openSecret } from "@/lib/auth/secret-box";
import { hashRecoveryCode, matchTotp } from "@/lib/auth/totp";
import { minutesUntilReset } from "@/lib/domain/rate-limit";
import {
  parseSecondFactorCode,
  TWO_FACTOR_ACCOUNT_CHECKS,
  TWO_FACTOR_PER_ADDRESS,
  TWO_FACTOR_PER_USER,
  TWO_FACTOR_PER_USER_AND_ADDRESS,
} from "@/lib/domain/two-factor";
import { getDb } from "./client";
import { admitAttempt, settleAttempt, type FailureRules } from "./failure-throttle";
import { checkRateLimit, clearRateLimit, countAttempt } from "./rate-limit";

type SecondFactorMethod = "totp" | "recovery";
type SecondFactorResult =
  | { ok: true; method: SecondFactorMethod }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryInMinutes: number };
type Throttled<T> = { ok: true; value: T } | { ok: false; retryInMinutes: number };

/** Whether the user signs in with a second factor. */
export async function hasTwoFactor(userId: string): Promise<boolean> {
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: { totpEnabledAt: true },
  });
  return Boolean(user?.totpEnabledAt);
}

const accountKey = (userId: string) => `two-factor:account:${userId}`;

const SIGN_IN_RULES: FailureRules = {
  perPair: TWO_FACTOR_PER_USER_AND_ADDRESS,
  perAccount: TWO_FACTOR_PER_USER,
  perAddress: TWO_FACTOR_PER_ADDRESS,
};
const signInKeys = (userId: string, address: string) => ({
  address: `two-factor:address:${address}`,
  pair: `two-factor:pair:${address} ${userId}`,
  account: `two-factor:user:${userId}`,
});

/**
 * Runs one check of a password or code on the account page (a signed-in user changing their
 * two-factor settings), counted against the user's limit there. Every attempt is counted
 * before the check, so parallel guesses cannot slip under the limit; only a check that
 * `accepted` clears the count.
 */
export async function throttledCodeCheck<T>(
  userId: string,
  now: Date,
  check: () => Promise<T>,
  accepted: (value: T) => boolean = (value) => value !== null,
): Promise<Throttled<T>> {
  const key = accountKey(userId);
  const limited = await checkRateLimit(key, TWO_FACTOR_ACCOUNT_CHECKS, now);
  if (limited.limited) return { ok: false, retryInMinutes: limited.retryInMinutes };
  const bucket = await countAttempt(key, TWO_FACTOR_ACCOUNT_CHECKS, now);
  if (bucket.count > TWO_FACTOR_ACCOUNT_CHECKS.limit)
    return { ok: false, retryInMinutes: minutesUntilReset(bucket, TWO_FACTOR_ACCOUNT_CHECKS, now) };
  const value = await check();
  if (accepted(value)) await clearRateLimit(key);
  return { ok: true, value };
}

/** A TOTP code's time step, when it is valid now for this secret and newer than `lastStep`. */
export async function totpStepFor(
  sealedSecret: string,
  userId: string,
  code: string,
  now: Date,
  lastStep: number | null,
): Promise<number | null> {
  const secret = openSecret(sealedSecret, userId);
  return secret === null ? null : matchTotp(secret, code, now, lastStep);
}

/**
 * Checks and uses up a code: an authenticator code moves the last used time step forward (the
 * same code, or an older one, is refused afterwards); a recovery code is marked used. Each is
 * a conditional update, so of two requests with one code only one succeeds.
 */
export async function consumeSecondFactor(
  userId: string,
  input: string,
  now: Date,
): Promise<SecondFactorMethod | null> {
  const parsed = parseSecondFactorCode(input);
  if (!parsed) return null;
  const db = getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { totpSecret: true, totpLastStep: true, totpEnabledAt: true },
  });
  if (!user?.totpEnabledAt || !user.totpSecret) return null;
  if (parsed.kind === "recovery") {
    const used = await db.recoveryCode.updateMany({
      where: { userId, codeHash: hashRecoveryCode(userId, parsed.code), usedAt: null },
      data: { usedAt: now },
    });
    return used.count === 1 ? "recovery" : null;
  }
  const step = await totpStepFor(user.totpSecret, userId, parsed.code, now, user.totpLastStep);
  if (step === null) return null;
  const moved = await db.user.updateMany({
    where: {
      id: userId,
      totpEnabledAt: { not: null },
      OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }],
    },
    data: { totpLastStep: step },
  });
  return moved.count === 1 ? "totp" : null;
}

/**
 * The second factor at sign-in, after a right password: throttled per (user, address), per
 * user and per address (failure-throttle.ts), so wrong codes from one place do not keep the
 * real user out of another.
 */
export async function verifySecondFactor(
  userId: string,
  code: string,
  address: string,
  now: Date = new Date(),
): Promise<SecondFactorResult> {
  const keys = signInKeys(userId, address);
  const admission = await admitAttempt(keys, SIGN_IN_RULES, now);
  if (!admission.admitted)
    return { ok: false, reason: "rate_limited", retryInMinutes: admission.retryInMinutes };
  const method = await consumeSecondFactor(userId, code, now);
  await settleAttempt(keys, method !== null);
  return method === null ? { ok: false, reason: "invalid" } : { ok: true, method };
}
