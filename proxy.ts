import { NextResponse, type NextRequest } from "next/server";
import { AppError, HTTP_STATUS } from "@/lib/errors";
import { actionRequestRefusal } from "@/lib/server/action-request";
import {
  pageContentSecurityPolicy,
  pathKind,
  ROUTE_CONTENT_SECURITY_POLICY,
  strictTransportSecurity,
} from "@/lib/server/security-headers";

// Runs before every request the matcher lets through: refuses paths Next cannot decode and
// malformed or cross-origin server action calls (Next would answer 500 to both), gives each
// page a fresh script nonce, each route handler a sandbox policy, and every response HSTS when
// APP_URL is https.

function refused(error: AppError): NextResponse {
  const body = { error: { code: error.code, message: error.message } };
  return secured(
    NextResponse.json(body, { status: HTTP_STATUS[error.code] }),
    ROUTE_CONTENT_SECURITY_POLICY,
  );
}

/** Whether Next can percent-decode the path: it answers 500 (in its router) when it cannot. */
function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function secured(response: NextResponse, contentSecurityPolicy: string): NextResponse {
  response.headers.set("Content-Security-Policy", contentSecurityPolicy);
  const hsts = strictTransportSecurity(process.env.APP_URL);
  if (hsts) response.headers.set("Strict-Transport-Security", hsts);
  return response;
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname } = request.nextUrl;
  if (!decodable(pathname))
    return refused(new AppError("VALIDATION", "This address is not valid."));
  const kind = pathKind(pathname);
  if (kind === "route") return secured(NextResponse.next(), ROUTE_CONTENT_SECURITY_POLICY);

  if (kind === "page" && request.method === "POST") {
    const refusal = await actionRequestRefusal(request, process.env.APP_URL);
    if (refusal) return refused(refusal);
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  // Next reads the nonce from the request's policy and puts it on every script it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  return secured(NextResponse.next({ request: { headers: requestHeaders } }), policy);
}

export const config = {
  matcher: [
    // Not static assets. Not the two streaming uploads either: for any request it runs on, Next
    // buffers the body in memory for the proxy and cuts it off at 10 MB. (Their organisation
    // part is a well-formed slug; any other still comes here, to be refused if undecodable.)
    "/((?!_next/static/|_next/image|api/orgs/[a-z0-9-]+/evidence/files$|api/orgs/[a-z0-9-]+/packs/verify$).*)",
  ],
};
