import { describe, expect, it } from "vitest";
import { describeDevice, isSessionLive, lastSeenDue } from "@/lib/domain/sessions";

const NOW = new Date("2026-06-01T12:00:00Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
const session = (
  overrides: Partial<{
    createdAt: Date;
    expiresAt: Date;
    revokedAt: Date | null;
    twoFactorAt: Date | null;
  }> = {},
) => ({
  createdAt: minutes(-60),
  expiresAt: minutes(60),
  revokedAt: null,
  twoFactorAt: null,
  ...overrides,
});
const account = (
  overrides: Partial<{ passwordChangedAt: Date | null; totpEnabledAt: Date | null }> = {},
) => ({ passwordChangedAt: null, totpEnabledAt: null, ...overrides });

describe("isSessionLive", () => {
  it("is live until revoked or expired", () => {
    expect(isSessionLive(session(), account(), NOW)).toBe(true);
    expect(isSessionLive(session({ revokedAt: minutes(-1) }), account(), NOW)).toBe(false);
    expect(isSessionLive(session({ expiresAt: NOW }), account(), NOW)).toBe(false);
  });

  it("ends when the password changed after it began, not before", () => {
    expect(isSessionLive(session(), account({ passwordChangedAt: minutes(-30) }), NOW)).toBe(false);
    expect(isSessionLive(session(), account({ passwordChangedAt: minutes(-90) }), NOW)).toBe(true);
    expect(
      isSessionLive(
        session({ createdAt: minutes(-30) }),
        account({ passwordChangedAt: minutes(-30) }),
        NOW,
      ),
    ).toBe(true);
  });

  it("needs the second factor while the user has two-factor on, whenever it was turned on", () => {
    const enrolled = account({ totpEnabledAt: minutes(-90) });
    expect(isSessionLive(session(), enrolled, NOW)).toBe(false);
    expect(isSessionLive(session(), account({ totpEnabledAt: minutes(-30) }), NOW)).toBe(false);
    expect(isSessionLive(session({ twoFactorAt: minutes(-60) }), enrolled, NOW)).toBe(true);
    expect(
      isSessionLive(session({ twoFactorAt: minutes(-60), revokedAt: minutes(-1) }), enrolled, NOW),
    ).toBe(false);
  });
});

describe("lastSeenDue", () => {
  it("writes at most every five minutes", () => {
    expect(lastSeenDue(minutes(-4.9), NOW)).toBe(false);
    expect(lastSeenDue(minutes(-5), NOW)).toBe(true);
  });
});

describe("describeDevice", () => {
  it.each([
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36",
      "Chrome on Windows",
    ],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0",
      "Edge on Windows",
    ],
    [
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
      "Safari on macOS",
    ],
    [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
      "Safari on iPhone",
    ],
    ["Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0", "Firefox on Linux"],
    [
      "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36",
      "Chrome on Android",
    ],
    ["curl/8.5.0", "curl"],
    [null, "Unknown device"],
    ["", "Unknown device"],
  ])("%j → %s", (userAgent, expected) => {
    expect(describeDevice(userAgent)).toBe(expected);
  });
});
