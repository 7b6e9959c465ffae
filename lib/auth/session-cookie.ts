import "server-only";
import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import type { UserContext } from "@/lib/db/context";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/domain/sessions";
import { authSecret } from "./secret";

// Cookies are Secure in production; AUTH_INSECURE_COOKIES=1 is for a production build served
// over plain http on a private network (and nothing else).
export function secureCookiesWanted(): boolean {
  return process.env.NODE_ENV === "production" && process.env.AUTH_INSECURE_COOKIES !== "1";
}

/** The session cookie, named and set the same way by next-auth and by issueSessionCookie. */
export function sessionCookie() {
  const secure = secureCookiesWanted();
  return {
    name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

/** The claims of a session token: the user (sub) and the AuthSession row it names (sid). */
function sessionClaims(user: UserContext, sessionId: string) {
  return { name: user.name, email: user.email, sub: user.userId, sid: sessionId };
}

/**
 * Replaces this browser's session token with one for `sessionId` (after a password change the
 * session continues under a new id, so the old token is worth nothing).
 */
export async function issueSessionCookie(user: UserContext, sessionId: string): Promise<void> {
  const { name, options } = sessionCookie();
  const token = await encode({
    token: sessionClaims(user, sessionId),
    secret: authSecret(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  (await cookies()).set(name, token, { ...options, maxAge: SESSION_MAX_AGE_SECONDS });
}
