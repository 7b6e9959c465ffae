import { notFound, redirect } from "next/navigation";
import type { OrgContext, UserContext } from "@/lib/db/context";
import { resolveOrgContext } from "@/lib/db/organizations";
import { enrolmentRequiredBy } from "@/lib/db/two-factor-policy";

// One sign-in for the integration tests that call pages, actions and routes: the session module
// is replaced by one that answers as the user a test chose, their memberships resolved the real
// way (and the organisation's two-factor rule applied, as the real one does). In a test file:
//   vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());
//   signInAs(user);  … signInAs(null) for nobody.

let signedIn: UserContext | null = null;
/** Per organisation slug, for tests whose requests for several organisations run at once. */
const signedInFor = new Map<string, UserContext>();

/** The user the next request is made as; null: nobody is signed in. Forgets signInFor's. */
export function signInAs(user: UserContext | null): void {
  signedIn = user;
  signedInFor.clear();
}

/** The user requests for this organisation are made as, whoever signInAs chose for the rest. */
export function signInFor(orgSlug: string, user: UserContext): void {
  signedInFor.set(orgSlug, user);
}

/** A member's context as the user it is (pages take OrgContext; the session holds UserContext). */
export function userOf(ctx: OrgContext): UserContext {
  return { userId: ctx.userId, email: "", name: "" };
}

/** Signs in as this member (see signInAs) and hands the context back. */
export function signInMember(ctx: OrgContext): OrgContext {
  signInAs(userOf(ctx));
  return ctx;
}

const userFor = (orgSlug: string): UserContext | null => signedInFor.get(orgSlug) ?? signedIn;

/** The replacement for @/lib/auth/session. */
export function sessionModule() {
  const requireUser = async (): Promise<UserContext> => {
    if (!signedIn) redirect("/sign-in");
    return signedIn;
  };
  return {
    getCurrentUser: async (): Promise<UserContext | null> => signedIn,
    requireUser,
    findOrgContext: async (orgSlug: string) => {
      const user = userFor(orgSlug);
      return { user, ctx: user ? await resolveOrgContext(user.userId, orgSlug) : null };
    },
    requireOrgContext: async (orgSlug: string): Promise<OrgContext> => {
      const user = userFor(orgSlug);
      if (!user) redirect("/sign-in");
      const ctx = await resolveOrgContext(user.userId, orgSlug);
      if (!ctx) notFound();
      if (await enrolmentRequiredBy(user.userId)) redirect("/account/two-factor");
      return ctx;
    },
  };
}
