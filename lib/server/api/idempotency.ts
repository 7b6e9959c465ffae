import "server-only";
import type { NextRequest } from "next/server";
import type { ResolvedApiToken } from "@/lib/db/api-tokens";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  releaseIdempotencyKey,
} from "@/lib/db/api-idempotency";
import { parseIdempotencyKey, requestFingerprint } from "@/lib/domain/api-idempotency";
import { AppError } from "@/lib/errors";

// `Idempotency-Key` on /api/v1 creates: the first request with a key does the work and its
// successful response is kept; a retry with the same key and the same request gets that
// response again (with `Idempotent-Replayed: true`) and creates nothing. The same key with a
// different request, or while the first is still running, is a CONFLICT (409).

export const IDEMPOTENCY_HEADER = "idempotency-key";

const field = "Idempotency-Key";

/** The request's key (null: none sent); a malformed one is a VALIDATION error. */
export function idempotencyKeyOf(request: NextRequest): string | null {
  const check = parseIdempotencyKey(request.headers.get(IDEMPOTENCY_HEADER));
  if (!check.ok) throw new AppError("VALIDATION", check.message, { [field]: [check.message] });
  return check.key;
}

/**
 * Runs `create` once per key: `inputs` is everything that makes the request what it is (the
 * parsed body, a file's SHA-256), so a retry sending the same is recognised.
 */
export async function withIdempotency(
  token: ResolvedApiToken,
  request: NextRequest,
  key: string | null,
  inputs: unknown,
  create: () => Promise<Response>,
): Promise<Response> {
  if (key === null) return create();
  const hash = requestFingerprint(request.method, new URL(request.url).pathname, inputs);
  const claim = await claimIdempotencyKey(token.tokenId, key, hash);
  if (claim.kind === "replay")
    return new Response(claim.body, {
      status: claim.status,
      headers: { "content-type": "application/json", "idempotent-replayed": "true" },
    });
  if (claim.kind === "mismatch") {
    const message = "This Idempotency-Key was already used with a different request.";
    throw new AppError("CONFLICT", message, { [field]: [message] });
  }
  if (claim.kind === "in_flight") {
    const message =
      "A request with this Idempotency-Key is still being processed; retry in a moment.";
    throw new AppError("CONFLICT", message, { [field]: [message] });
  }
  let response: Response;
  try {
    response = await create();
  } catch (error) {
    await releaseIdempotencyKey(claim.id);
    throw error;
  }
  if (response.status >= 200 && response.status < 300) {
    const body = await response.clone().text();
    await completeIdempotencyKey(claim.id, { status: response.status, body });
  } else {
    await releaseIdempotencyKey(claim.id);
  }
  return response;
}
