import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { endSession } from "@/lib/db/sessions";
import { liveSession } from "./live-session";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/domain/sessions";
import { secureCookiesWanted, sessionCookie } from "./session-cookie";
import { authorizeSignIn } from "./sign-in";
import { authSecret } from "./secret";

const sessionIdOf = (value: unknown): string | undefined =>
  typeof value === "object" &&
  value !== null &&
  "sessionId" in value &&
  typeof value.sessionId === "string"
    ? value.sessionId
    : undefined;

const SESSION_ENDED = "SessionEnded";

/** Thrown from the jwt callback: next-auth then answers "no session" and clears the cookie. */
class SessionEnded extends Error {
  override name = SESSION_ENDED;
}

// next-auth's default logger, minus the expected "session ended" on every read of a dead token.
const logger = {
  error(code: string, metadata: unknown) {
    if (metadata instanceof Error && metadata.name === SESSION_ENDED) return;
    console.error(`[next-auth][error][${code}]`, metadata);
  },
};

/** Built per request so a missing AUTH_SECRET fails the request, not `next build`. */
export function getAuthOptions(): NextAuthOptions {
  // Without a configured public URL, follow the request's host (next-auth v4 reads this).
  if (!process.env.NEXTAUTH_URL && process.env.APP_URL)
    process.env.NEXTAUTH_URL = process.env.APP_URL;
  if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    useSecureCookies: secureCookiesWanted(),
    logger,
    cookies: { sessionToken: sessionCookie() },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        authorize: (credentials, req) => authorizeSignIn(credentials, req.headers),
      }),
    ],
    callbacks: {
      // At sign-in the token gets its AuthSession row's id; on every read the row must be live.
      async jwt({ token, user }) {
        const sessionId = sessionIdOf(user);
        if (sessionId) return { ...token, sid: sessionId };
        const live =
          typeof token.sub === "string" && typeof token.sid === "string"
            ? await liveSession(token.sub, token.sid)
            : null;
        if (!live) throw new SessionEnded();
        return token;
      },
      session({ session, token }) {
        return {
          ...session,
          user: { ...session.user, id: token.sub ?? "" },
          sessionId: typeof token.sid === "string" ? token.sid : "",
        };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid, new Date());
      },
    },
  };
}
