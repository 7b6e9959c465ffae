import "server-only";
import { startSession } from "@/lib/db/sessions";
import { passwordSignInPolicyFor, recordBreakGlassSignIn } from "@/lib/db/sso";
import { SSO_REQUIRED_PREFIX } from "@/lib/domain/sso";
import { verifyCredentials } from "@/lib/db/users";
import { SignInInput } from "@/lib/schemas/auth";
import { clientAddress } from "@/lib/server/client-address";
import { secondFactorStep } from "./sign-in-two-factor";

/** The error a throttled sign-in ends with; the form turns it into "try again in N minutes". */
const RATE_LIMITED_PREFIX = "RATE_LIMITED:";

/** What next-auth keeps of a sign-in: the user, and the session row its token names. */
type SignedInUser = { id: string; email: string; name: string; sessionId: string };

type RequestHeaders = Record<string, unknown> | undefined;

function headerReader(headers: RequestHeaders) {
  return (name: string): string | null => {
    const value = headers?.[name];
    return typeof value === "string" ? value : null;
  };
}

/**
 * The credentials sign-in, step by step: parse, check the password (throttled), the second
 * factor for users who have one (throttled), then start a session. Returns null for a refused
 * sign-in and throws for a throttled one or a missing or wrong code (next-auth passes the
 * message to the form).
 */
export async function authorizeSignIn(
  credentials: unknown,
  headers: RequestHeaders,
  now: Date = new Date(),
): Promise<SignedInUser | null> {
  const parsed = SignInInput.safeParse(credentials ?? {});
  if (!parsed.success) return null;
  const header = headerReader(headers);
  const address = clientAddress(header);
  const result = await verifyCredentials(parsed.data, address, now);
  if (!result.ok) {
    if (result.reason === "rate_limited")
      throw new Error(`${RATE_LIMITED_PREFIX}${result.retryInMinutes}`);
    return null;
  }
  const { user } = result;
  // An organisation that requires SSO refuses its members' passwords; its owners' are logged.
  const policy = await passwordSignInPolicyFor(user.userId);
  if (policy.kind === "refuse") throw new Error(`${SSO_REQUIRED_PREFIX}${policy.orgName}`);
  const twoFactorAt = await secondFactorStep(user.userId, credentials, address, now);
  const sessionId = await startSession(
    user.userId,
    { userAgent: header("user-agent"), address },
    now,
    twoFactorAt,
  );
  if (policy.kind === "break_glass") await recordBreakGlassSignIn(user.userId, policy.orgIds, now);
  return { id: user.userId, email: user.email, name: user.name, sessionId };
}
