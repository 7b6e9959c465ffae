import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { endSession } from "@/lib/db/sessions";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/domain/sessions";
import { secureCookiesWanted, sessionCookie } from "./session-cookie";
import { authorizeSignIn } from "./sign-in";
import { authSecret } from "./secret";

const sessionIdOf = (value: unknown): string | undefined =>
  typeof value === "object" && value !== null && "sessionId" in value && typeof value.sessionId === "string" ? value.sessionId : undefined;

/** Built per request so a missing AUTH_SECRET fails the request, not `next build`. */
export function getAuthOptions(): NextAuthOptions {
  // Without a configured public URL, follow the request's host (next-auth v4 reads this).
  if (!process.env.NEXTAUTH_URL && process.env.APP_URL) process.env.NEXTAUTH_URL = process.env.APP_URL;
  if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    useSecureCookies: secureCookiesWanted(),
    cookies: { sessionToken: sessionCookie() },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials, req) => authorizeSignIn(credentials, req.headers),
      }),
    ],
    callbacks: {
      // The token names its AuthSession row; lib/auth/session.ts checks that row on every request.
      jwt({ token, user }) {
        const sessionId = sessionIdOf(user);
        return sessionId ? { ...token, sid: sessionId } : token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub ?? "" }, sessionId: typeof token.sid === "string" ? token.sid : "" };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid, new Date());
      },
    },
  };
}
