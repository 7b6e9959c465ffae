import "server-only";
import { plural } from "@/lib/domain/plural";
import { verifyPassword } from "@/lib/auth/password";
import { sealSecret } from "@/lib/auth/secret-box";
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpUri } from "@/lib/auth/totp";
import { parseSecondFactorCode } from "@/lib/domain/two-factor";
import { AppError } from "@/lib/errors";
import { recordAccountActivity } from "./account-activity";
import { getDb, type Tx } from "./client";
import type { UserContext } from "./context";
import { revokeSessionsIn } from "./sessions";
import { consumeSecondFactor, throttledCodeCheck, totpStepFor } from "./two-factor-check";
import { twoFactorRequiredBy } from "./two-factor-policy";

// A member's own two-factor settings: enrolment (a pending secret until a first code confirms
// it), recovery codes, turning it off. Each change is logged in every organisation they belong
// to (recordAccountActivity).

type TwoFactorStatus = {
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** Names of the user's organisations that require two-factor. */
  requiredBy: string[];
};

/** A new key to enrol: to type in by hand, and the otpauth:// address for the QR code. */
type EnrolmentKey = { secret: string; uri: string };

const WRONG_CODE =
  "That code is not right. Use the newest code from your authenticator app, or a recovery code.";
const WRONG_ENROLMENT_CODE =
  "That code is not right. Check that your device's clock is right and enter the newest code.";
const WRONG_PASSWORD = "That password is not right.";
const ALREADY_ON = "Two-factor is already on for your account.";

function rateLimited(retryInMinutes: number): AppError {
  return new AppError(
    "RATE_LIMITED",
    `Too many wrong codes. Try again in ${plural(retryInMinutes, "minute")}.`,
  );
}

export async function getTwoFactorStatus(user: UserContext): Promise<TwoFactorStatus> {
  const db = getDb();
  const [row, recoveryCodesLeft, requiredBy] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: user.userId }, select: { totpEnabledAt: true } }),
    db.recoveryCode.count({ where: { userId: user.userId, usedAt: null } }),
    twoFactorRequiredBy(user.userId),
  ]);
  return {
    enabledAt: row.totpEnabledAt,
    recoveryCodesLeft: row.totpEnabledAt ? recoveryCodesLeft : 0,
    requiredBy,
  };
}

/**
 * Starts (or starts over) enrolment with a new secret, the current password required (a wrong
 * one counts against the limit on wrong codes); nothing changes at sign-in until a code
 * confirms it. The key is returned to this caller only and never read back for a page, so a
 * copied session cookie without the password can neither start enrolment nor learn a key to
 * confirm.
 */
export async function beginEnrolment(
  user: UserContext,
  password: string,
  now: Date = new Date(),
): Promise<EnrolmentKey> {
  const db = getDb();
  const row = await db.user.findUniqueOrThrow({
    where: { id: user.userId },
    select: { totpEnabledAt: true, passwordHash: true },
  });
  if (row.totpEnabledAt) throw new AppError("CONFLICT", ALREADY_ON);
  const outcome = await throttledCodeCheck(
    user.userId,
    now,
    () => verifyPassword(row.passwordHash, password),
    (right) => right,
  );
  if (!outcome.ok) throw rateLimited(outcome.retryInMinutes);
  if (!outcome.value) throw new AppError("VALIDATION", undefined, { password: [WRONG_PASSWORD] });
  const secret = newTotpSecret();
  const { count } = await db.user.updateMany({
    where: { id: user.userId, totpEnabledAt: null },
    data: { totpPendingSecret: sealSecret(secret, user.userId) },
  });
  if (count === 0) throw new AppError("CONFLICT", ALREADY_ON);
  return { secret, uri: totpUri(secret, user.email) };
}

async function replaceRecoveryCodes(tx: Tx, userId: string, now: Date): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({
      userId,
      codeHash: hashRecoveryCode(userId, code),
      createdAt: now,
    })),
  });
  return codes;
}

/**
 * Turns two-factor on once a code from the pending secret checks out (counted against the
 * user's limit on wrong codes). Returns the ten recovery codes: the only time they are shown.
 * The user's other sessions end (they were opened with the password alone) and `sessionId`,
 * the one enrolling, counts as having given the second factor: every live session of an
 * enrolled user has then given one.
 */
export async function confirmEnrolment(
  user: UserContext,
  code: string,
  now: Date = new Date(),
  sessionId?: string,
): Promise<{ recoveryCodes: string[] }> {
  const db = getDb();
  const row = await db.user.findUniqueOrThrow({
    where: { id: user.userId },
    select: { totpEnabledAt: true, totpPendingSecret: true },
  });
  if (row.totpEnabledAt) throw new AppError("CONFLICT", ALREADY_ON);
  const pending = row.totpPendingSecret;
  if (!pending) throw new AppError("CONFLICT", "Start setting up two-factor first.");
  const parsed = parseSecondFactorCode(code);
  const outcome = await throttledCodeCheck(user.userId, now, async () =>
    parsed?.kind === "totp" ? totpStepFor(pending, user.userId, parsed.code, now, null) : null,
  );
  if (!outcome.ok) throw rateLimited(outcome.retryInMinutes);
  const step = outcome.value;
  if (step === null) throw new AppError("VALIDATION", undefined, { code: [WRONG_ENROLMENT_CODE] });
  return db.$transaction(async (tx) => {
    // Only the pending secret the code was checked against, and only once.
    const { count } = await tx.user.updateMany({
      where: { id: user.userId, totpEnabledAt: null, totpPendingSecret: pending },
      data: {
        totpSecret: pending,
        totpPendingSecret: null,
        totpEnabledAt: now,
        totpLastStep: step,
      },
    });
    if (count === 0)
      throw new AppError(
        "CONFLICT",
        "Two-factor setup changed in another window. Reload the page and try again.",
      );
    const recoveryCodes = await replaceRecoveryCodes(tx, user.userId, now);
    const ended = await revokeSessionsIn(tx, user.userId, now, sessionId);
    if (sessionId)
      await tx.authSession.updateMany({
        where: { id: sessionId, userId: user.userId },
        data: { twoFactorAt: now },
      });
    await recordAccountActivity(
      tx,
      user.userId,
      { action: "user.two_factor_enabled", after: { otherSessionsEnded: ended } },
      now,
    );
    return { recoveryCodes };
  });
}

type PasswordAndCode = { password: string; code: string };

/**
 * The password and a current code, in one throttled check: a wrong password counts against
 * the same limit as a wrong code, and a right password alone must not reset the count of
 * wrong codes. The code is used up only when the password is right.
 */
async function requirePasswordAndCode(
  user: UserContext,
  input: PasswordAndCode,
  now: Date,
): Promise<void> {
  const { passwordHash } = await getDb().user.findUniqueOrThrow({
    where: { id: user.userId },
    select: { passwordHash: true },
  });
  const outcome = await throttledCodeCheck(
    user.userId,
    now,
    async () => {
      if (!(await verifyPassword(passwordHash, input.password))) return "password" as const;
      return (await consumeSecondFactor(user.userId, input.code, now))
        ? ("ok" as const)
        : ("code" as const);
    },
    (value) => value === "ok",
  );
  if (!outcome.ok) throw rateLimited(outcome.retryInMinutes);
  if (outcome.value === "password")
    throw new AppError("VALIDATION", undefined, { password: [WRONG_PASSWORD] });
  if (outcome.value === "code") throw new AppError("VALIDATION", undefined, { code: [WRONG_CODE] });
}

/** New recovery codes (the old ones stop working); needs the password and a current code. */
export async function regenerateRecoveryCodes(
  user: UserContext,
  input: PasswordAndCode,
  now: Date = new Date(),
): Promise<{ recoveryCodes: string[] }> {
  const db = getDb();
  const row = await db.user.findUniqueOrThrow({
    where: { id: user.userId },
    select: { totpEnabledAt: true },
  });
  if (!row.totpEnabledAt) throw new AppError("CONFLICT", "Two-factor is not on for your account.");
  await requirePasswordAndCode(user, input, now);
  return db.$transaction(async (tx) => {
    const recoveryCodes = await replaceRecoveryCodes(tx, user.userId, now);
    await recordAccountActivity(
      tx,
      user.userId,
      { action: "user.recovery_codes_replaced", after: { recoveryCodes: recoveryCodes.length } },
      now,
    );
    return { recoveryCodes };
  });
}

/**
 * Turns two-factor off with the password and a current code; refused while an organisation of
 * the user's requires it.
 */
export async function disableTwoFactor(
  user: UserContext,
  input: PasswordAndCode,
  now: Date = new Date(),
): Promise<void> {
  const db = getDb();
  const row = await db.user.findUniqueOrThrow({
    where: { id: user.userId },
    select: { totpEnabledAt: true },
  });
  if (!row.totpEnabledAt) throw new AppError("CONFLICT", "Two-factor is not on for your account.");
  const requiredBy = await twoFactorRequiredBy(user.userId);
  if (requiredBy.length) {
    throw new AppError(
      "FORBIDDEN",
      `${requiredBy.join(", ")} require${requiredBy.length === 1 ? "s" : ""} two-factor sign-in of every member, so it cannot be turned off.`,
    );
  }
  await requirePasswordAndCode(user, input, now);
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.userId },
      data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: user.userId } });
    await recordAccountActivity(tx, user.userId, { action: "user.two_factor_disabled" }, now);
  });
}

/**
 * For the server's operator (`npm run user:reset-two-factor`), when someone lost both their
 * device and their recovery codes: two-factor is off, every session of theirs ends, and their
 * organisations log it. An organisation requiring two-factor sends them to enrol again.
 */
export async function resetTwoFactorByOperator(
  email: string,
  now: Date = new Date(),
): Promise<{ sessionsEnded: number }> {
  const db = getDb();
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, totpEnabledAt: true },
  });
  if (!user) throw new AppError("NOT_FOUND", `No account has the email ${email}.`);
  if (!user.totpEnabledAt) throw new AppError("CONFLICT", `Two-factor is not on for ${email}.`);
  return db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    const sessionsEnded = await revokeSessionsIn(tx, user.id, now);
    await recordAccountActivity(
      tx,
      user.id,
      { action: "user.two_factor_reset_by_operator", after: { sessionsEnded } },
      now,
      null,
    );
    return { sessionsEnded };
  });
}
