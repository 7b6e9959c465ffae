// Signed-in sessions: one AuthSession row per sign-in, named by the session token. The token
// alone proves nothing; the row must still be live.

export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;
/** lastSeenAt is written at most this often, so reading a page rarely writes. */
export const LAST_SEEN_EVERY_MS = 5 * 60_000;

type SessionState = {
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  twoFactorAt: Date | null;
};
type AccountState = { passwordChangedAt: Date | null; totpEnabledAt: Date | null };

/**
 * Live: not revoked, not expired, begun after the user's password last changed, and, while the
 * user has two-factor on, one that gave the second factor (a sign-in that raced enrolment may
 * have started one with the password alone).
 */
export function isSessionLive(session: SessionState, account: AccountState, now: Date): boolean {
  if (session.revokedAt !== null) return false;
  if (session.expiresAt.getTime() <= now.getTime()) return false;
  if (account.totpEnabledAt !== null && session.twoFactorAt === null) return false;
  return (
    account.passwordChangedAt === null ||
    session.createdAt.getTime() >= account.passwordChangedAt.getTime()
  );
}

export function lastSeenDue(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS;
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/Firefox\/|FxiOS/, "Firefox"],
  [/Chrome\/|CriOS|Chromium/, "Chrome"],
  [/Safari\//, "Safari"],
  [/curl\//i, "curl"],
];

const SYSTEMS: [RegExp, string][] = [
  [/iPhone/, "iPhone"],
  [/iPad/, "iPad"],
  [/Android/, "Android"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

/** A device in plain words from its User-Agent: "Firefox on Windows", "Unknown device". */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? "Unknown device";
}
