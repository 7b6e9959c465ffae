import { NextResponse, type NextRequest } from "next/server";
import { CALLBACK_PATH, hashState, oidcSettings, startAuthorization } from "@/lib/auth/oidc";
import { createLoginAttempt } from "@/lib/db/sso";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { appOrigin } from "@/lib/server/origin";
import { SSO_STATE_COOKIE, ssoRefused } from "@/lib/server/sso-response";

// Starts a single sign-on: a fresh state, nonce and PKCE verifier (stored, the state hashed,
// for ten minutes, used once), the state also in a cookie of this browser, then off to the
// identity provider.

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest): Promise<Response> {
  const settings = oidcSettings();
  if (!settings) return ssoRefused(request, "disabled");
  const callbackUrl = safeRedirectPath(request.nextUrl.searchParams.get("callbackUrl") ?? "/");
  const origin = await appOrigin();
  let start;
  try {
    start = await startAuthorization(settings, `${origin}${CALLBACK_PATH}`);
  } catch (error) {
    console.error("[sso] the identity provider could not be reached:", error);
    return ssoRefused(request, "provider");
  }
  await createLoginAttempt(
    hashState(start.state),
    { nonce: start.nonce, codeVerifier: start.codeVerifier, callbackUrl },
    new Date(),
  );
  const response = NextResponse.redirect(start.url, 303);
  response.cookies.set(SSO_STATE_COOKIE, start.state, {
    httpOnly: true,
    sameSite: "lax",
    path: "/api/sso",
    maxAge: 600,
    secure: origin.startsWith("https:"),
  });
  return response;
}
