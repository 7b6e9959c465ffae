import "server-only";
import {
  isSessionLive,
  lastSeenDue,
  LAST_SEEN_EVERY_MS,
  SESSION_MAX_AGE_SECONDS,
} from "@/lib/domain/sessions";
import { notFound } from "@/lib/errors";
import { recordAccountActivity } from "./account-activity";
import { getDb, type Tx } from "./client";
import type { UserContext } from "./context";

type SessionOrigin = { userAgent: string | null; address: string | null };

/** A session the request's token names, still live, with its user as stored now. */
export type LiveSession = {
  sessionId: string;
  user: UserContext;
  createdAt: Date;
  twoFactorAt: Date | null;
};

type SessionRow = {
  id: string;
  userAgent: string | null;
  address: string | null;
  createdAt: Date;
  lastSeenAt: Date;
};

const USER_AGENT_MAX = 500;

function originData(origin: SessionOrigin) {
  return { userAgent: origin.userAgent?.slice(0, USER_AGENT_MAX) ?? null, address: origin.address };
}

/** Starts a session (a sign-in); `twoFactorAt` when a second factor was given. */
export async function startSession(
  userId: string,
  origin: SessionOrigin,
  now: Date,
  twoFactorAt: Date | null = null,
  tx?: Tx,
): Promise<string> {
  const session = await (tx ?? getDb()).authSession.create({
    data: {
      userId,
      ...originData(origin),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
      twoFactorAt,
    },
    select: { id: true },
  });
  return session.id;
}

/**
 * The live session for a token's user and session id, or null (revoked, expired, older than
 * the password, without the second factor of a user who has one, another user's, or a token
 * from before sessions had ids). Notes when it was last seen, at most every few minutes.
 */
export async function resolveSession(
  userId: string,
  sessionId: string,
  now: Date,
): Promise<LiveSession | null> {
  const db = getDb();
  const session = await db.authSession.findUnique({
    where: { id: sessionId },
    select: {
      userId: true,
      createdAt: true,
      expiresAt: true,
      revokedAt: true,
      lastSeenAt: true,
      twoFactorAt: true,
      user: {
        select: { id: true, email: true, name: true, passwordChangedAt: true, totpEnabledAt: true },
      },
    },
  });
  if (!session || session.userId !== userId || !isSessionLive(session, session.user, now))
    return null;
  if (lastSeenDue(session.lastSeenAt, now)) {
    // Conditional, so simultaneous requests write once.
    await db.authSession.updateMany({
      where: { id: sessionId, lastSeenAt: { lte: new Date(now.getTime() - LAST_SEEN_EVERY_MS) } },
      data: { lastSeenAt: now },
    });
  }
  const { user } = session;
  return {
    sessionId,
    user: { userId: user.id, email: user.email, name: user.name },
    createdAt: session.createdAt,
    twoFactorAt: session.twoFactorAt,
  };
}

const liveWhere = (userId: string, now: Date) => ({
  userId,
  revokedAt: null,
  expiresAt: { gt: now },
});

/** The user's live sessions, most recently seen first. */
export async function listSessions(user: UserContext, now: Date): Promise<SessionRow[]> {
  const account = await getDb().user.findUnique({
    where: { id: user.userId },
    select: { passwordChangedAt: true, totpEnabledAt: true },
  });
  return getDb().authSession.findMany({
    where: {
      ...liveWhere(user.userId, now),
      ...(account?.passwordChangedAt ? { createdAt: { gte: account.passwordChangedAt } } : {}),
      ...(account?.totpEnabledAt ? { twoFactorAt: { not: null } } : {}),
    },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
    select: { id: true, userAgent: true, address: true, createdAt: true, lastSeenAt: true },
    take: 200,
  });
}

/** Sign-out: ends the session the token names (nothing to do if it already ended). */
export async function endSession(sessionId: string, now: Date): Promise<void> {
  await getDb().authSession.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: now },
  });
}

/** Ends one of the user's own sessions; another user's, or one already ended, is not found. */
export async function revokeOwnSession(
  user: UserContext,
  sessionId: string,
  now: Date,
): Promise<void> {
  const { count } = await getDb().authSession.updateMany({
    where: { id: sessionId, ...liveWhere(user.userId, now) },
    data: { revokedAt: now },
  });
  if (count === 0) throw notFound();
}

/** Ends every session of the user but `keep` (all of them when omitted), inside `tx`. */
export async function revokeSessionsIn(
  tx: Tx,
  userId: string,
  now: Date,
  keep?: string,
): Promise<number> {
  const { count } = await tx.authSession.updateMany({
    where: { userId, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { revokedAt: now },
  });
  return count;
}

/** "Sign out everywhere": every session ends, this one too; logged in the user's organisations. */
export async function revokeAllSessions(user: UserContext, now: Date): Promise<number> {
  return getDb().$transaction(async (tx) => {
    const count = await revokeSessionsIn(tx, user.userId, now);
    await recordAccountActivity(
      tx,
      user.userId,
      { action: "user.signed_out_everywhere", after: { sessions: count } },
      now,
    );
    return count;
  });
}
