import type { UserContext } from "@/lib/db/context";
import { resolveOrgContext } from "@/lib/db/organizations";

// One sign-in for the integration tests that call pages, actions and routes: the session module
// is replaced by one that answers as the user a test chose, their memberships resolved the real
// way. In a test file:
//   vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());
//   signInAs(user);  … signInAs(null) for nobody.

let signedIn: UserContext | null = null;

/** The user the next request is made as; null: nobody is signed in. */
export function signInAs(user: UserContext | null): void {
  signedIn = user;
}

/** The replacement for @/lib/auth/session. */
export function sessionModule() {
  return {
    getCurrentUser: async (): Promise<UserContext | null> => signedIn,
    findOrgContext: async (orgSlug: string) => {
      const user = signedIn;
      return { user, ctx: user ? await resolveOrgContext(user.userId, orgSlug) : null };
    },
  };
}
