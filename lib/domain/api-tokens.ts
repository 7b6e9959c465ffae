import { createHash } from "node:crypto";
import type { Role } from "./permissions";
import { addDays } from "./readiness/calendar";
import { startOfDayIn } from "./time-zone";

// API tokens: `assay_` and 32 random bytes in base64url, so secret scanners can recognise a
// leaked one by its prefix. Only the SHA-256 of the secret is stored; the first characters are
// kept in the clear so the tokens page can tell tokens apart. Pure: the random bytes and the
// clock come in as arguments.

export const API_TOKEN_PREFIX = "assay_";
export const API_TOKEN_SECRET_BYTES = 32;
/** How many characters of the secret the tokens page shows (the `assay_` and six more). */
export const API_TOKEN_SHOWN_CHARS = 12;
export const API_TOKEN_MAX_DAYS = 365;
export const API_TOKEN_ROLES = ["viewer", "editor"] as const;
export type ApiTokenRole = (typeof API_TOKEN_ROLES)[number];

const DAY_MS = 24 * 60 * 60 * 1000;
const SECRET_PATTERN = /^assay_[A-Za-z0-9_-]{43}$/;
/** Last use is written at most this often, so a busy token does not cost a write per request. */
export const API_TOKEN_LAST_USE_INTERVAL_MS = 60 * 1000;

export function apiTokenSecret(randomBytes: Uint8Array): string {
  if (randomBytes.length < API_TOKEN_SECRET_BYTES) {
    throw new Error(`An API token needs at least ${API_TOKEN_SECRET_BYTES} random bytes.`);
  }
  return (
    API_TOKEN_PREFIX +
    Buffer.from(randomBytes.subarray(0, API_TOKEN_SECRET_BYTES)).toString("base64url")
  );
}

export function hashApiTokenSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function apiTokenShownPrefix(secret: string): string {
  return secret.slice(0, API_TOKEN_SHOWN_CHARS);
}

/** The secret from an `Authorization: Bearer …` header, or null when it is not one of ours. */
export function parseBearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
  if (!match) return null;
  const secret = match[1]!;
  return SECRET_PATTERN.test(secret) ? secret : null;
}

export function isApiTokenRole(value: string): value is ApiTokenRole {
  return (API_TOKEN_ROLES as readonly string[]).includes(value);
}

/** Whether someone with `creatorRole` may make a token carrying `tokenRole` (owners and admins). */
export function canCreateApiToken(creatorRole: Role, tokenRole: ApiTokenRole): boolean {
  return (creatorRole === "owner" || creatorRole === "admin") && isApiTokenRole(tokenRole);
}

export type ExpiryCheck = { ok: true } | { ok: false; message: string };

export function checkApiTokenExpiry(expiresAt: Date, now: Date): ExpiryCheck {
  if (Number.isNaN(expiresAt.getTime())) return { ok: false, message: "Choose an expiry date." };
  if (expiresAt.getTime() <= now.getTime()) {
    return { ok: false, message: "The expiry must be in the future." };
  }
  if (expiresAt.getTime() - now.getTime() > API_TOKEN_MAX_DAYS * DAY_MS) {
    return { ok: false, message: `A token expires within ${API_TOKEN_MAX_DAYS} days.` };
  }
  return { ok: true };
}

/** A token "expiring on" a day stops working as that day begins in the organisation's zone. */
export function apiTokenExpiresAt(expiresOn: string, timeZone: string): Date {
  return startOfDayIn(expiresOn, timeZone);
}

/** The days the tokens page offers: tomorrow at the earliest, a year ahead at the latest. */
export const API_TOKEN_DEFAULT_DAYS = 90;
export function apiTokenExpiryChoices(today: string): {
  min: string;
  max: string;
  default: string;
} {
  return {
    min: addDays(today, 1),
    max: addDays(today, API_TOKEN_MAX_DAYS),
    default: addDays(today, API_TOKEN_DEFAULT_DAYS),
  };
}

export type ApiTokenState = "active" | "expired" | "revoked";

export function apiTokenState(
  token: { expiresAt: Date; revokedAt: Date | null },
  now: Date,
): ApiTokenState {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/** Whether this request should record the token's last use (at most once a minute). */
export function shouldRecordLastUse(lastUsedAt: Date | null, now: Date): boolean {
  return !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= API_TOKEN_LAST_USE_INTERVAL_MS;
}

/** The stored engagement limit: null means every engagement. */
export function parseEngagementLimit(stored: string | null): string[] | null {
  if (stored === null) return null;
  const parsed: unknown = JSON.parse(stored);
  if (!Array.isArray(parsed) || !parsed.every((id) => typeof id === "string")) {
    throw new Error("An API token's engagement limit is not a list of ids.");
  }
  return parsed;
}

/** How the activity log names a change made through a token: "<token name> (API token)". */
export function apiTokenActorName(tokenName: string | null): string {
  return tokenName === null ? "An API token" : `${tokenName} (API token)`;
}
