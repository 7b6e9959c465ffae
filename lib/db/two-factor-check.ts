import "server-only";
import { openSecret } from "@/lib/auth/secret-box";
import { hashRecoveryCode, matchTotp } from "@/lib/auth/totp";
import { minutesUntilReset, type RateLimitRule } from "@/lib/domain/rate-limit";
import { parseSecondFactorCode, TWO_FACTOR_PER_ADDRESS, TWO_FACTOR_PER_USER } from "@/lib/domain/two-factor";
import { getDb } from "./client";
import { checkRateLimit, clearRateLimit, countAttempt, refundAttempt } from "./rate-limit";

type SecondFactorMethod = "totp" | "recovery";
type SecondFactorResult =
  | { ok: true; method: SecondFactorMethod }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryInMinutes: number };
type Throttled<T> = { ok: true; value: T } | { ok: false; retryInMinutes: number };

/** Whether the user signs in with a second factor. */
export async function hasTwoFactor(userId: string): Promise<boolean> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { totpEnabledAt: true } });
  return Boolean(user?.totpEnabledAt);
}

const userKey = (userId: string) => `two-factor:user:${userId}`;

/**
 * Runs one code check counted against the user's limit (and the address's, when given). Every
 * attempt is counted before the check, so parallel guesses cannot slip under the limit; only a
 * check that `accepted` clears the user's count and gives the address its attempt back.
 */
export async function throttledCodeCheck<T>(
  userId: string,
  address: string | null,
  now: Date,
  check: () => Promise<T>,
  accepted: (value: T) => boolean = (value) => value !== null,
): Promise<Throttled<T>> {
  const rules: [string, RateLimitRule][] = [[userKey(userId), TWO_FACTOR_PER_USER]];
  if (address) rules.push([`two-factor:address:${address}`, TWO_FACTOR_PER_ADDRESS]);
  for (const [key, rule] of rules) {
    const limited = await checkRateLimit(key, rule, now);
    if (limited.limited) return { ok: false, retryInMinutes: limited.retryInMinutes };
  }
  for (const [key, rule] of rules) {
    const bucket = await countAttempt(key, rule, now);
    if (bucket.count > rule.limit) return { ok: false, retryInMinutes: minutesUntilReset(bucket, rule, now) };
  }
  const value = await check();
  if (accepted(value)) {
    await clearRateLimit(userKey(userId));
    for (const [key] of rules.slice(1)) await refundAttempt(key);
  }
  return { ok: true, value };
}

/** A TOTP code's time step, when it is valid now for this secret and newer than `lastStep`. */
export async function totpStepFor(sealedSecret: string, userId: string, code: string, now: Date, lastStep: number | null): Promise<number | null> {
  const secret = openSecret(sealedSecret, userId);
  return secret === null ? null : matchTotp(secret, code, now, lastStep);
}

/**
 * Checks and uses up a code: an authenticator code moves the last used time step forward (the
 * same code, or an older one, is refused afterwards); a recovery code is marked used. Each is
 * a conditional update, so of two requests with one code only one succeeds.
 */
export async function consumeSecondFactor(userId: string, input: string, now: Date): Promise<SecondFactorMethod | null> {
  const parsed = parseSecondFactorCode(input);
  if (!parsed) return null;
  const db = getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { totpSecret: true, totpLastStep: true, totpEnabledAt: true } });
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
    where: { id: userId, totpEnabledAt: { not: null }, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return moved.count === 1 ? "totp" : null;
}

/** The second factor at sign-in (or for a change that needs one): rate limited per user and per address. */
export async function verifySecondFactor(userId: string, code: string, address: string | null, now: Date = new Date()): Promise<SecondFactorResult> {
  const outcome = await throttledCodeCheck(userId, address, now, () => consumeSecondFactor(userId, code, now));
  if (!outcome.ok) return { ok: false, reason: "rate_limited", retryInMinutes: outcome.retryInMinutes };
  return outcome.value === null ? { ok: false, reason: "invalid" } : { ok: true, method: outcome.value };
}
