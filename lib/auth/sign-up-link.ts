import "server-only";
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { authSecret } from "./secret";

// With mail configured, sign-up sends a link instead of creating the account at once, so the
// form answers the same whether or not the email has an account (see docs/decisions). The link
// carries who asked, signed with a key derived from AUTH_SECRET; nothing is stored until it is
// used, and once the account exists the same link is refused.

export const SIGN_UP_LINK_TTL_MS = 24 * 60 * 60_000;

const Claims = z.object({
  email: z.string(),
  name: z.string(),
  callbackUrl: z.string(),
  expiresAt: z.number(),
});
type SignUpClaims = z.infer<typeof Claims>;

function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret(), "assay", "assay sign-up link v1", 32));
}

const signature = (payload: string): string =>
  createHmac("sha256", key()).update(payload).digest("base64url");

export function signUpLinkToken(claims: SignUpClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `${payload}.${signature(payload)}`;
}

/** The claims of a genuine, unexpired token; null for anything else. */
export function readSignUpLinkToken(token: string, now: Date): SignUpClaims | null {
  const [payload = "", given = ""] = token.split(".");
  const expected = Buffer.from(signature(payload));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  try {
    const claims = Claims.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    if (!claims.success || claims.data.expiresAt <= now.getTime()) return null;
    return claims.data;
  } catch {
    return null;
  }
}
