import { describe, expect, it } from "vitest";
import {
  apiTokenActorName,
  apiTokenExpiresAt,
  apiTokenExpiryChoices,
  apiTokenSecret,
  apiTokenShownPrefix,
  apiTokenState,
  canCreateApiToken,
  checkApiTokenExpiry,
  hashApiTokenSecret,
  parseBearerToken,
  parseEngagementLimit,
  shouldRecordLastUse,
} from "@/lib/domain/api-tokens";

const NOW = new Date("2026-05-15T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const bytes = (fill: number) => new Uint8Array(32).fill(fill);

describe("API token secrets", () => {
  it("start with assay_ and carry 32 bytes in base64url", () => {
    const secret = apiTokenSecret(bytes(7));
    expect(secret).toMatch(/^assay_[A-Za-z0-9_-]{43}$/);
    expect(apiTokenSecret(bytes(8))).not.toBe(secret);
  });

  it("refuse too few random bytes", () => {
    expect(() => apiTokenSecret(new Uint8Array(16))).toThrow(/32 random bytes/);
  });

  it("show the first 12 characters and hash to SHA-256 hex", () => {
    const secret = apiTokenSecret(bytes(1));
    expect(apiTokenShownPrefix(secret)).toHaveLength(12);
    expect(apiTokenShownPrefix(secret).startsWith("assay_")).toBe(true);
    expect(hashApiTokenSecret(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiTokenSecret(secret)).not.toBe(hashApiTokenSecret(apiTokenSecret(bytes(2))));
  });
});

describe("parseBearerToken", () => {
  const secret = apiTokenSecret(bytes(3));
  it("reads a bearer header", () => {
    expect(parseBearerToken(`Bearer ${secret}`)).toBe(secret);
    expect(parseBearerToken(`bearer ${secret}`)).toBe(secret);
  });
  it("refuses anything else", () => {
    expect(parseBearerToken(null)).toBeNull();
    expect(parseBearerToken(secret)).toBeNull();
    expect(parseBearerToken(`Basic ${secret}`)).toBeNull();
    expect(parseBearerToken("Bearer assay_short")).toBeNull();
    expect(parseBearerToken(`Bearer other_${secret.slice(6)}`)).toBeNull();
  });
});

describe("expiry, state, role ceiling", () => {
  it("allows up to 365 days ahead", () => {
    expect(checkApiTokenExpiry(new Date(NOW.getTime() + 365 * DAY), NOW)).toEqual({ ok: true });
    expect(checkApiTokenExpiry(new Date(NOW.getTime() + 366 * DAY), NOW).ok).toBe(false);
    expect(checkApiTokenExpiry(NOW, NOW).ok).toBe(false);
    expect(checkApiTokenExpiry(new Date("nope"), NOW).ok).toBe(false);
  });

  it("tells active, expired and revoked apart", () => {
    const later = new Date(NOW.getTime() + DAY);
    expect(apiTokenState({ expiresAt: later, revokedAt: null }, NOW)).toBe("active");
    expect(apiTokenState({ expiresAt: NOW, revokedAt: null }, NOW)).toBe("expired");
    expect(apiTokenState({ expiresAt: later, revokedAt: NOW }, NOW)).toBe("revoked");
  });

  it("lets only owners and admins create viewer or editor tokens", () => {
    expect(canCreateApiToken("owner", "editor")).toBe(true);
    expect(canCreateApiToken("admin", "viewer")).toBe(true);
    expect(canCreateApiToken("editor", "viewer")).toBe(false);
    expect(canCreateApiToken("viewer", "viewer")).toBe(false);
    expect(canCreateApiToken("auditor", "viewer")).toBe(false);
  });

  it("records last use at most once a minute", () => {
    expect(shouldRecordLastUse(null, NOW)).toBe(true);
    expect(shouldRecordLastUse(new Date(NOW.getTime() - 59_000), NOW)).toBe(false);
    expect(shouldRecordLastUse(new Date(NOW.getTime() - 60_000), NOW)).toBe(true);
  });

  it("parses the stored engagement limit", () => {
    expect(parseEngagementLimit(null)).toBeNull();
    expect(parseEngagementLimit('["e1","e2"]')).toEqual(["e1", "e2"]);
    expect(() => parseEngagementLimit('{"a":1}')).toThrow();
  });
});

describe("the tokens page's expiry day", () => {
  it("ends a token as the chosen day begins in the organisation's zone", () => {
    expect(apiTokenExpiresAt("2026-08-01", "UTC").toISOString()).toBe("2026-08-01T00:00:00.000Z");
    expect(apiTokenExpiresAt("2026-08-01", "Europe/Warsaw").toISOString()).toBe(
      "2026-07-31T22:00:00.000Z",
    );
  });

  it("offers tomorrow to a year ahead, 90 days by default, each within the expiry rule", () => {
    const choices = apiTokenExpiryChoices("2026-05-15");
    expect(choices).toEqual({ min: "2026-05-16", max: "2027-05-15", default: "2026-08-13" });
    for (const day of Object.values(choices))
      expect(checkApiTokenExpiry(apiTokenExpiresAt(day, "UTC"), NOW)).toEqual({ ok: true });
    expect(checkApiTokenExpiry(apiTokenExpiresAt("2027-05-16", "UTC"), NOW).ok).toBe(false);
  });
});

describe("apiTokenActorName", () => {
  it("names a change made through a token after the token", () => {
    expect(apiTokenActorName("CI upload")).toBe("CI upload (API token)");
    expect(apiTokenActorName(null)).toBe("An API token");
  });
});
