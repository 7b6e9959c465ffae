import "server-only";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import type { OrgContext, UserContext } from "@/lib/db/context";
import { resolveOrgContext } from "@/lib/db/organizations";
import { getUserById } from "@/lib/db/users";
import { getAuthOptions } from "./options";

/** The signed-in user, re-read from the database once per request; null when signed out. */
export const getCurrentUser = cache(async (): Promise<UserContext | null> => {
  // Every page that knows the user is per-request: never prerender it at build time.
  await connection();
  const session = await getServerSession(getAuthOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  return userId ? getUserById(userId) : null;
});

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
  return ctx;
});

/** For actions and route handlers: the same check, as values instead of navigation. */
export async function findOrgContext(orgSlug: string): Promise<{ user: UserContext | null; ctx: OrgContext | null }> {
  const user = await getCurrentUser();
  if (!user) return { user: null, ctx: null };
  return { user, ctx: await resolveOrgContext(user.userId, orgSlug) };
}
