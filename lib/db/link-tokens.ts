import "server-only";
import { createHash, randomBytes } from "node:crypto";

// Tokens of single-use links (invitations, auditor invitations): 32 random bytes in the link,
// only their SHA-256 in the database, so a copy of the database opens nothing.

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new single-use link token; only its hash is stored. */
export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashLinkToken(token) };
}
