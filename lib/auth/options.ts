import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "@/lib/db/users";
import { SignInInput } from "@/lib/schemas/auth";
import { clientAddress } from "@/lib/server/client-address";
import { authSecret } from "./secret";

export const RATE_LIMITED_PREFIX = "RATE_LIMITED:";

function headerReader(headers: Record<string, unknown> | undefined) {
  return (name: string) => {
    const value = headers?.[name];
    return typeof value === "string" ? value : null;
  };
}

// Cookies are Secure in production; AUTH_INSECURE_COOKIES=1 is for a production build served
// over plain http on a private network (and nothing else).
function secureCookiesWanted(): boolean {
  return process.env.NODE_ENV === "production" && process.env.AUTH_INSECURE_COOKIES !== "1";
}

/** Built per request so a missing AUTH_SECRET fails the request, not `next build`. */
export function getAuthOptions(): NextAuthOptions {
  // Without a configured public URL, follow the request's host (next-auth v4 reads this).
  if (!process.env.NEXTAUTH_URL && process.env.APP_URL) process.env.NEXTAUTH_URL = process.env.APP_URL;
  if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    useSecureCookies: secureCookiesWanted(),
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = SignInInput.safeParse(credentials ?? {});
          if (!parsed.success) return null;
          const result = await verifyCredentials(parsed.data, clientAddress(headerReader(req.headers)));
          if (result.ok) return { id: result.user.userId, email: result.user.email, name: result.user.name };
          if (result.reason === "rate_limited") throw new Error(`${RATE_LIMITED_PREFIX}${result.retryInMinutes}`);
          return null;
        },
      }),
    ],
    callbacks: {
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub ?? "" } };
      },
    },
  };
}
