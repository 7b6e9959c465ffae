import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { findOrgContext } from "@/lib/auth/session";
import type { OrgContext } from "@/lib/db/context";
import { AppError, HTTP_STATUS, notFound } from "@/lib/errors";
import { OrgSlugParam } from "@/lib/schemas/organization";
import { toAppError, validationError } from "./handle-error";
import { assertTwoFactorEnrolled } from "./two-factor-gate";

// The one wrapper for route handlers inside an organisation (/api/orgs/[orgSlug]/… and file
// routes under /o/[orgSlug]/…): who is asking, same-origin writes, and the one error contract.

type RouteParams<P> = { params: Promise<P & { orgSlug: string }> };

export function errorResponse(error: AppError): NextResponse {
  const retryAfter = error.retryAfterSeconds === undefined ? undefined : { "Retry-After": String(Math.ceil(error.retryAfterSeconds)) };
  return NextResponse.json(
    { error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } },
    { status: HTTP_STATUS[error.code], headers: retryAfter },
  );
}

// Cookies are SameSite=Lax; refusing cross-origin writes closes the remaining gap.
function assertSameOrigin(request: Request): void {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(request.url).origin) throw new AppError("FORBIDDEN", "Cross-origin requests are not allowed.");
}

/** A route handler that gets the member's context and the untouched request (streams, files). */
export function orgRequestRoute<P extends Record<string, string> = { orgSlug: string }>(
  handler: (ctx: OrgContext, request: NextRequest, params: P) => Promise<Response>,
) {
  return async (request: NextRequest, { params }: RouteParams<P>): Promise<Response> => {
    try {
      assertSameOrigin(request);
      const resolved = await params;
      const slug = OrgSlugParam.safeParse(resolved.orgSlug);
      if (!slug.success) throw notFound();
      const { user, ctx } = await findOrgContext(slug.data);
      if (!user) throw new AppError("UNAUTHENTICATED");
      if (!ctx) throw notFound();
      await assertTwoFactorEnrolled(ctx.userId);
      return await handler(ctx, request, resolved);
    } catch (error) {
      return errorResponse(toAppError(error));
    }
  };
}

async function readBody(request: NextRequest): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    return request.json().catch(() => {
      throw new AppError("VALIDATION", "The request body is not valid JSON.");
    });
  }
  // formData() throws on any other type and on a malformed form: bad input, never a 500.
  const form = await request.formData().catch(() => {
    throw new AppError("VALIDATION", "Send the request body as JSON or as a form.");
  });
  return Object.fromEntries(form.entries());
}

/** A JSON route handler: parses the body with `schema` and answers `{ data }`. */
export function orgRoute<S extends z.ZodType, T>(schema: S, handler: (ctx: OrgContext, input: z.infer<S>) => Promise<T>, status = 200) {
  return orgRequestRoute(async (ctx, request) => {
    const parsed = schema.safeParse(await readBody(request));
    if (!parsed.success) throw validationError(parsed.error);
    return NextResponse.json({ data: await handler(ctx, parsed.data) }, { status });
  });
}
