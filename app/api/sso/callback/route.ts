import { timingSafeEqual } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { finishAuthorization, hashState, oidcSettings } from "@/lib/auth/oidc";
import { issueSessionCookie } from "@/lib/auth/session-cookie";
import { startSession } from "@/lib/db/sessions";
import { consumeLoginAttempt, resolveSsoSignIn } from "@/lib/db/sso";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { clientAddress } from "@/lib/server/client-address";
import { appOrigin } from "@/lib/server/origin";
import { SSO_STATE_COOKIE, ssoRefused } from "@/lib/server/sso-response";

// The identity provider's answer. The state must be this browser's (cookie) and an attempt not
// yet used or expired; the code exchange and ID token are checked by openid-client; then the
// account is found, linked or created (resolveSsoSignIn) and the same server-side session a
// password sign-in makes is started. An SSO session counts as two-factor
// (docs/decisions/0041-single-sign-on.md).

export const dynamic = "force-dynamic";

const MAX_QUERY = 4096;

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export async function GET(request: NextRequest): Promise<Response> {
  const settings = oidcSettings();
  if (!settings) return ssoRefused(request, "disabled");
  if (request.nextUrl.search.length > MAX_QUERY) return ssoRefused(request, "state");
  const state = request.nextUrl.searchParams.get("state") ?? "";
  const cookieState = request.cookies.get(SSO_STATE_COOKIE)?.value ?? "";
  if (!state || !cookieState || !sameText(state, cookieState)) return ssoRefused(request, "state");
  const now = new Date();
  const attempt = await consumeLoginAttempt(hashState(state), now);
  if (!attempt) return ssoRefused(request, "state");
  // The URL the provider sent the browser to, on our public origin (behind a proxy too).
  const current = new URL(
    `${await appOrigin()}${request.nextUrl.pathname}${request.nextUrl.search}`,
  );
  let claims;
  try {
    claims = await finishAuthorization(settings, current, {
      state,
      nonce: attempt.nonce,
      codeVerifier: attempt.codeVerifier,
    });
  } catch (error) {
    console.warn("[sso] sign-in refused:", error instanceof Error ? error.message : error);
    return ssoRefused(request, "provider");
  }
  const result = await resolveSsoSignIn(claims, now);
  if (!result.ok) return ssoRefused(request, result.reason);
  const header = (name: string) => request.headers.get(name);
  const sessionId = await startSession(
    result.user.userId,
    { userAgent: header("user-agent"), address: clientAddress(header) },
    now,
    now,
  );
  await issueSessionCookie(result.user, sessionId);
  const fallback = result.orgSlug ? `/o/${result.orgSlug}` : "/";
  const next = safeRedirectPath(attempt.callbackUrl ?? fallback, fallback);
  const response = NextResponse.redirect(new URL(next === "/" ? fallback : next, current), 303);
  response.cookies.delete({ name: SSO_STATE_COOKIE, path: "/api/sso" });
  return response;
}
