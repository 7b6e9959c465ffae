import "server-only";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import type { OrgContext, UserContext } from "@/lib/db/context";
import { resolveOrgContext } from "@/lib/db/organizations";
import type { LiveSession } from "@/lib/db/sessions";
import { enrolmentRequiredBy } from "@/lib/db/two-factor-policy";
import { AppError } from "@/lib/errors";
import { liveSession } from "./live-session";
import { getAuthOptions } from "./options";

const stringField = (value: unknown, field: string): string | undefined => {
  const inner =
    typeof value === "object" && value !== null
      ? (value as Record<string, unknown>)[field]
      : undefined;
  return typeof inner === "string" && inner ? inner : undefined;
};

/**
 * The request's session, once per request: the token must name a live AuthSession row of its
 * user (not signed out, not revoked, not older than the password), re-read from the database.
 * Null when signed out.
 */
export const getCurrentSession = cache(async (): Promise<LiveSession | null> => {
  // Every page that knows the user is per-request: never prerender it at build time.
  await connection();
  const session = await getServerSession(getAuthOptions());
  const userId = stringField(session?.user, "id");
  const sessionId = stringField(session, "sessionId");
  return userId && sessionId ? liveSession(userId, sessionId) : null;
});

/** The signed-in user, re-read from the database once per request; null when signed out. */
export const getCurrentUser = cache(
  async (): Promise<UserContext | null> => (await getCurrentSession())?.user ?? null,
);

/** For actions that act on the session itself (change password, sign out elsewhere). */
export async function requireSession(): Promise<LiveSession> {
  const session = await getCurrentSession();
  if (!session) throw new AppError("UNAUTHENTICATED");
  return session;
}

export async function requireUser(): Promise<UserContext> {
  const user = await getCurrentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** The one way into an organisation's pages: non-members get the 404 page. */
export const requireOrgContext = cache(async (orgSlug: string): Promise<OrgContext> => {
  const user = await requireUser();
  const ctx = await resolveOrgContext(user.userId, orgSlug);
  if (!ctx) notFound();
  // An organisation of theirs requires two-factor and they have not enrolled: enrolment first.
  if (await enrolmentRequiredBy(user.userId)) redirect("/account/two-factor");
  return ctx;
});

/** For actions and route handlers: the same check, as values instead of navigation. */
export async function findOrgContext(
  orgSlug: string,
): Promise<{ user: UserContext | null; ctx: OrgContext | null }> {
  const user = await getCurrentUser();
  if (!user) return { user: null, ctx: null };
  return { user, ctx: await resolveOrgContext(user.userId, orgSlug) };
}
