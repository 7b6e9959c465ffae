import "server-only";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { PASSWORD_CHANGE_PER_USER } from "@/lib/domain/rate-limit";
import { AppError, notFound } from "@/lib/errors";
import type { ChangePasswordInput } from "@/lib/schemas/account";
import { recordAccountActivity } from "./account-activity";
import { getDb } from "./client";
import { clearRateLimit, countWithinLimit } from "./rate-limit";
import { issuePasswordReset, setPasswordIn, type IssuedReset } from "./password-reset";
import { startSession, type LiveSession } from "./sessions";

/**
 * Changes the signed-in user's password, the current one required. Every session ends; this
 * browser carries on in a new session, whose id is returned (the caller re-issues its token).
 * Guesses at the current password are limited per account.
 */
export async function changePassword(
  session: LiveSession,
  input: ChangePasswordInput,
  now: Date,
): Promise<string> {
  const { userId } = session.user;
  const key = `password-change:user:${userId}`;
  const limited = await countWithinLimit(key, PASSWORD_CHANGE_PER_USER, now);
  if (limited.limited) {
    throw new AppError(
      "RATE_LIMITED",
      `Too many wrong passwords. Try again in ${limited.retryInMinutes} minutes.`,
      undefined,
      { retryAfterSeconds: limited.retryInMinutes * 60 },
    );
  }
  const db = getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user) throw notFound();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("VALIDATION", "Your current password is not right.", {
      currentPassword: ["That is not your current password."],
    });
  }
  await clearRateLimit(key);
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    const current = await tx.authSession.findUniqueOrThrow({
      where: { id: session.sessionId },
      select: { userAgent: true, address: true, twoFactorAt: true },
    });
    await setPasswordIn(tx, userId, passwordHash, now);
    const sessionId = await startSession(userId, current, now, current.twoFactorAt, tx);
    await recordAccountActivity(tx, userId, { action: "user.password_changed" }, now);
    return sessionId;
  });
}

async function userIdFor(email: string): Promise<string> {
  const user = await getDb().user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new AppError("NOT_FOUND", `No account has the email ${email}.`);
  return user.id;
}

// The server operator's resets (`npm run user:reset-password`), logged with no actor.

/** A one-hour reset link's token for the account with this email. */
export async function issueResetLinkByOperator(email: string, now: Date): Promise<IssuedReset> {
  const userId = await userIdFor(email);
  return getDb().$transaction(async (tx) => {
    const reset = await issuePasswordReset(userId, now, null, tx);
    await recordAccountActivity(
      tx,
      userId,
      { action: "user.password_reset_link_issued", after: { by: "server operator" } },
      now,
      null,
    );
    return reset;
  });
}

/** Sets the password of the account with this email; every session ends. */
export async function setPasswordByOperator(
  email: string,
  password: string,
  now: Date,
): Promise<void> {
  const db = getDb();
  const user = { id: await userIdFor(email) };
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await setPasswordIn(tx, user.id, passwordHash, now);
    await recordAccountActivity(
      tx,
      user.id,
      { action: "user.password_reset", after: { by: "server operator" } },
      now,
      null,
    );
  });
}
