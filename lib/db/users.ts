import "server-only";
import { hashPassword, timingDummyHash, verifyPassword } from "@/lib/auth/password";
import { minutesUntilReset, SIGN_IN_PER_ADDRESS, SIGN_IN_PER_EMAIL } from "@/lib/domain/rate-limit";
import { AppError } from "@/lib/errors";
import type { SignInInput, SignUpInput } from "@/lib/schemas/auth";
import { getDb } from "./client";
import { isUniqueViolation } from "./prisma-errors";
import type { UserContext } from "./context";
import { checkRateLimit, clearRateLimit, countAttempt, refundAttempt } from "./rate-limit";

export async function createUser(input: SignUpInput): Promise<UserContext> {
  const db = getDb();
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) {
    throw new AppError("CONFLICT", "An account with this email already exists.", {
      email: ["An account with this email already exists. Sign in instead."],
    });
  }
  const passwordHash = await hashPassword(input.password);
  const user = await db.user
    .create({ data: { email: input.email, name: input.name, passwordHash }, select: { id: true, email: true, name: true } })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new AppError("CONFLICT", "An account with this email already exists.");
      throw error;
    });
  return { userId: user.id, email: user.email, name: user.name };
}

export async function getUserById(userId: string): Promise<UserContext | null> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
  return user ? { userId: user.id, email: user.email, name: user.name } : null;
}

export type SignInResult = { ok: true; user: UserContext } | { ok: false; reason: "invalid" } | { ok: false; reason: "rate_limited"; retryInMinutes: number };

/**
 * Checks credentials with throttling per email and per client address. Unknown email and wrong
 * password give the same answer and take the same time. Every attempt is counted before the
 * password is checked, so a burst of parallel guesses cannot all slip under the limit; a
 * successful sign-in then clears the email's count and gives its address attempt back.
 */
export async function verifyCredentials(input: SignInInput, address: string, now: Date = new Date()): Promise<SignInResult> {
  const emailKey = `sign-in:email:${input.email}`;
  const addressKey = `sign-in:address:${address}`;
  for (const [key, rule] of [
    [emailKey, SIGN_IN_PER_EMAIL],
    [addressKey, SIGN_IN_PER_ADDRESS],
  ] as const) {
    const check = await checkRateLimit(key, rule, now);
    if (check.limited) return { ok: false, reason: "rate_limited", retryInMinutes: check.retryInMinutes };
  }
  for (const [key, rule] of [
    [emailKey, SIGN_IN_PER_EMAIL],
    [addressKey, SIGN_IN_PER_ADDRESS],
  ] as const) {
    const bucket = await countAttempt(key, rule, now);
    if (bucket.count > rule.limit) return { ok: false, reason: "rate_limited", retryInMinutes: minutesUntilReset(bucket, rule, now) };
  }
  const user = await getDb().user.findUnique({
    where: { email: input.email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), input.password);
  if (!user || !passwordOk) return { ok: false, reason: "invalid" };
  await clearRateLimit(emailKey);
  await refundAttempt(addressKey);
  return { ok: true, user: { userId: user.id, email: user.email, name: user.name } };
}
