import { NextResponse, type NextRequest } from "next/server";
import { hashLinkToken } from "@/lib/db/link-tokens";
import { calendarFeedFor } from "@/lib/db/calendar-feed";
import { clientAddress } from "@/lib/server/client-address";
import { toAppError } from "@/lib/server/handle-error";
import { MemoryRateLimiter } from "@/lib/server/memory-rate-limit";

// GET /api/calendar/<token>.ics: a member's calendar feed, fetched by calendar apps without a
// session; the secret token in the path is the only credential. An unknown, replaced or
// revoked token is not found. Throttled in memory per address and per token, so a GET writes
// nothing (calendar apps poll every 15 minutes to a day).

const MINUTE = 60_000;
const perAddress = new MemoryRateLimiter({ limit: 120, windowMs: 10 * MINUTE });
const perToken = new MemoryRateLimiter({ limit: 20, windowMs: 10 * MINUTE });

/** 43 base64url characters: what issueCalendarToken hands out. */
const TOKEN_PATH = /^([A-Za-z0-9_-]{43})\.ics$/;

/** Links in the feed point at APP_URL, or at the address the calendar app fetched. */
function origin(request: NextRequest): string {
  const configured = process.env.APP_URL?.trim();
  return configured ? configured.replace(/\/+$/, "") : new URL(request.url).origin;
}

function notFoundResponse(): Response {
  return new NextResponse("Not found.", { status: 404, headers: { "Content-Type": "text/plain" } });
}

function limited(minutes: number): Response {
  return new NextResponse("Too many requests for this calendar. Try again later.", {
    status: 429,
    headers: { "Content-Type": "text/plain", "Retry-After": String(minutes * 60) },
  });
}

export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ token: string }> },
): Promise<Response> {
  try {
    const wait = perAddress.hit(clientAddress((name) => request.headers.get(name)));
    if (wait !== null) return limited(wait);
    const match = TOKEN_PATH.exec((await params).token);
    if (!match?.[1]) return notFoundResponse();
    const token = match[1];
    const tokenWait = perToken.hit(hashLinkToken(token));
    if (tokenWait !== null) return limited(tokenWait);
    const document = await calendarFeedFor(token, origin(request));
    if (document === null) return notFoundResponse();
    return new NextResponse(document, {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": 'inline; filename="assay.ics"',
        "Cache-Control": "private, max-age=900",
      },
    });
  } catch (error) {
    const appError = toAppError(error);
    return new NextResponse(appError.message, {
      status: appError.code === "INTERNAL" ? 500 : 404,
      headers: { "Content-Type": "text/plain" },
    });
  }
}
