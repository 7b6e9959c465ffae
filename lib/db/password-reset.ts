import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { canIssuePasswordReset, isRole } from "@/lib/domain/permissions";
import { PASSWORD_RESET_PER_ADDRESS } from "@/lib/domain/rate-limit";
import { AppError } from "@/lib/errors";
import { recordAccountActivity } from "./account-activity";
import { admitAccountMail } from "./account-mail-throttle";
import { getDb, type Db, type Tx } from "./client";
import { countWithinLimit } from "./rate-limit";
import { revokeSessionsIn } from "./sessions";

// Password reset links: single use, valid for an hour, only a SHA-256 of the token stored. A
// link also stops working once the password changes by any other way.

const RESET_TTL_MS = 60 * 60_000;

const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

export type IssuedReset = { token: string; expiresAt: Date };

/** A new reset link for the user; `issuedById` when an owner issues it on the members page. */
export async function issuePasswordReset(
  userId: string,
  now: Date,
  issuedById: string | null = null,
  tx?: Tx,
): Promise<IssuedReset> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
  await (tx ?? getDb()).passwordResetToken.create({
    data: { userId, tokenHash: hashToken(token), expiresAt, issuedById, createdAt: now },
  });
  return { token, expiresAt };
}

/**
 * "Forgot password", before the response: counts the request against this address (10 an
 * hour, every email alike) and refuses past that. Nothing here depends on the email, so the
 * response takes as long whether or not it has an account.
 */
export async function countPasswordResetRequest(address: string, now: Date): Promise<void> {
  const limited = await countWithinLimit(
    `password-reset:address:${address}`,
    PASSWORD_RESET_PER_ADDRESS,
    now,
  );
  if (limited.limited) {
    throw new AppError(
      "RATE_LIMITED",
      `Too many reset requests from your network. Try again in ${limited.retryInMinutes} minutes.`,
      undefined,
      {
        retryAfterSeconds: limited.retryInMinutes * 60,
      },
    );
  }
}

/**
 * "Forgot password", after the response: a link for the account with this email, or null when
 * there is none or this request is past the email's share of links (admitAccountMail).
 */
export async function passwordResetFor(
  email: string,
  address: string,
  now: Date,
): Promise<IssuedReset | null> {
  if (!(await admitAccountMail("password-reset", email, address, now))) return null;
  const user = await getDb().user.findUnique({ where: { email }, select: { id: true } });
  return user ? issuePasswordReset(user.id, now) : null;
}

/**
 * An owner's link (issueMemberResetLink) holds only while what allowed it still holds: the
 * member belongs to this one organisation and is not an owner there, and the issuer is still
 * one of its owners. Otherwise the link could open an organisation the issuer does not run.
 */
async function ownerLinkHolds(db: Db | Tx, userId: string, issuedById: string): Promise<boolean> {
  const memberships = await db.membership.findMany({
    where: { userId },
    select: { organizationId: true, role: true },
    take: 2,
  });
  const only = memberships.length === 1 ? memberships[0] : undefined;
  if (!only || !isRole(only.role)) return false;
  const issuer = await db.membership.findUnique({
    where: { organizationId_userId: { organizationId: only.organizationId, userId: issuedById } },
    select: { role: true },
  });
  return issuer !== null && isRole(issuer.role) && canIssuePasswordReset(issuer.role, only.role);
}

async function usableToken(token: string, now: Date) {
  const db = getDb();
  const row = await db.passwordResetToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      userId: true,
      expiresAt: true,
      usedAt: true,
      createdAt: true,
      issuedById: true,
      user: { select: { email: true, passwordChangedAt: true } },
    },
  });
  if (!row || row.usedAt || row.expiresAt.getTime() <= now.getTime()) return null;
  if (row.user.passwordChangedAt && row.createdAt.getTime() < row.user.passwordChangedAt.getTime())
    return null;
  if (row.issuedById && !(await ownerLinkHolds(db, row.userId, row.issuedById))) return null;
  return row;
}

/** What the reset page shows: the account's email, or null for a link that cannot be used. */
export async function previewPasswordReset(
  token: string,
  now: Date,
): Promise<{ email: string } | null> {
  const row = await usableToken(token, now);
  return row ? { email: row.user.email } : null;
}

const UNUSABLE = "This link has expired or was already used. Ask for a new one.";

/**
 * Sets the new password and uses the link up; every session of the account ends, and every
 * other outstanding link stops working. Of two requests with one link, only one succeeds.
 */
export async function resetPassword(
  token: string,
  password: string,
  now: Date,
): Promise<{ email: string }> {
  const row = await usableToken(token, now);
  if (!row) throw new AppError("NOT_FOUND", UNUSABLE);
  const passwordHash = await hashPassword(password);
  await getDb().$transaction(async (tx) => {
    const used = await tx.passwordResetToken.updateMany({
      where: { id: row.id, usedAt: null },
      data: { usedAt: now },
    });
    if (used.count !== 1) throw new AppError("NOT_FOUND", UNUSABLE);
    if (row.issuedById && !(await ownerLinkHolds(tx, row.userId, row.issuedById)))
      throw new AppError("NOT_FOUND", UNUSABLE);
    await setPasswordIn(tx, row.userId, passwordHash, now);
    await recordAccountActivity(tx, row.userId, { action: "user.password_reset" }, now);
  });
  return { email: row.user.email };
}

/**
 * Stores a new password hash inside `tx`: every session ends (the caller may start a new one),
 * every unused reset link is used up.
 */
export async function setPasswordIn(
  tx: Tx,
  userId: string,
  passwordHash: string,
  now: Date,
): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: now } });
  await tx.passwordResetToken.updateMany({
    where: { userId, usedAt: null },
    data: { usedAt: now },
  });
  await revokeSessionsIn(tx, userId, now);
}
