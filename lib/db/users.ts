import "server-only";
import { hashPassword, timingDummyHash, verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import type { SignInInput, SignUpInput } from "@/lib/schemas/auth";
import { getDb } from "./client";
import { isUniqueViolation } from "./prisma-errors";
import type { UserContext } from "./context";
import { admitSignInAttempt, settleSignInAttempt } from "./sign-in-throttle";

export async function createUser(input: SignUpInput): Promise<UserContext> {
  const db = getDb();
  const existing = await db.user.findUnique({
    where: { email: input.email },
    select: { id: true },
  });
  if (existing) {
    throw new AppError("CONFLICT", "An account with this email already exists.", {
      email: ["An account with this email already exists. Sign in instead."],
    });
  }
  const passwordHash = await hashPassword(input.password);
  const user = await db.user
    .create({
      data: { email: input.email, name: input.name, passwordHash },
      select: { id: true, email: true, name: true },
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error))
        throw new AppError("CONFLICT", "An account with this email already exists.");
      throw error;
    });
  return { userId: user.id, email: user.email, name: user.name };
}

export async function getUserById(userId: string): Promise<UserContext | null> {
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true },
  });
  return user ? { userId: user.id, email: user.email, name: user.name } : null;
}

export type SignInResult =
  | { ok: true; user: UserContext }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryInMinutes: number };

/**
 * Checks an email and password, throttled as lib/db/sign-in-throttle.ts describes. Unknown
 * email and wrong password give the same answer and take the same time. It only says who the
 * password belongs to: starting a session (and any second step) is the caller's decision.
 */
export async function verifyCredentials(
  input: SignInInput,
  address: string,
  now: Date = new Date(),
): Promise<SignInResult> {
  const admission = await admitSignInAttempt(input.email, address, now);
  if (!admission.admitted)
    return { ok: false, reason: "rate_limited", retryInMinutes: admission.retryInMinutes };
  const user = await getDb().user.findUnique({
    where: { email: input.email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  const passwordOk = await verifyPassword(
    user?.passwordHash ?? (await timingDummyHash()),
    input.password,
  );
  const succeeded = Boolean(user && passwordOk);
  await settleSignInAttempt(input.email, address, succeeded);
  if (!user || !succeeded) return { ok: false, reason: "invalid" };
  return { ok: true, user: { userId: user.id, email: user.email, name: user.name } };
}
