import "server-only";
import type { NextRequest } from "next/server";
import { resolveApiToken, type ResolvedApiToken } from "@/lib/db/api-tokens";
import { countWithinLimit } from "@/lib/db/rate-limit";
import { parseBearerToken } from "@/lib/domain/api-tokens";
import type { RateLimitRule } from "@/lib/domain/rate-limit";
import { AppError } from "@/lib/errors";
import { clientAddress } from "./client-address";
import { toAppError } from "./handle-error";
import { errorResponse } from "./route";

// The one wrapper for /api/v1 route handlers: the bearer token decides who is asking (the
// organisation, the role and the engagements it is limited to), each token is rate limited, and
// every failure answers in the one error contract.

/** Requests one token may make per minute. */
// The window opens with a token's first request, so a burst is not split across two clock minutes.
export const API_TOKEN_RATE_LIMIT: RateLimitRule = { limit: 300, windowMs: 60_000 };

type RouteParams<P> = { params: Promise<P> };

export function apiRoute<P extends Record<string, string> = Record<string, never>>(
  handler: (token: ResolvedApiToken, request: NextRequest, params: P) => Promise<Response>,
) {
  return async (request: NextRequest, { params }: RouteParams<P>): Promise<Response> => {
    try {
      const secret = parseBearerToken(request.headers.get("authorization"));
      if (!secret)
        throw new AppError(
          "UNAUTHENTICATED",
          "Send an API token as Authorization: Bearer assay_….",
        );
      const address = clientAddress((name) => request.headers.get(name));
      const token = await resolveApiToken(secret, address);
      if (!token)
        throw new AppError("UNAUTHENTICATED", "This API token is unknown, expired or revoked.");
      const check = await countWithinLimit(`api-token:${token.tokenId}`, API_TOKEN_RATE_LIMIT);
      if (check.limited) {
        throw new AppError("RATE_LIMITED", undefined, undefined, {
          retryAfterSeconds: check.retryInMinutes * 60,
        });
      }
      return await handler(token, request, await params);
    } catch (error) {
      return errorResponse(toAppError(error));
    }
  };
}
