import "server-only";
import { NextResponse } from "next/server";
import type { SsoRefusal } from "@/lib/domain/sso";

/** The cookie binding a sign-in in flight to the browser that started it. */
export const SSO_STATE_COOKIE = "assay-sso-state";

export type SsoProblem = SsoRefusal | "state" | "provider" | "disabled";

/** Back to the sign-in page, which says why (SSO_REFUSAL_MESSAGES); the state cookie cleared. */
export function ssoRefused(request: Request, problem: SsoProblem): NextResponse {
  const url = new URL("/sign-in", request.url);
  url.searchParams.set("sso", problem);
  const response = NextResponse.redirect(url, 303);
  response.cookies.delete({ name: SSO_STATE_COOKIE, path: "/api/sso" });
  return response;
}
