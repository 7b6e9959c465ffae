import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { findOrgContext } from "@/lib/auth/session";
import type { OrgContext } from "@/lib/db/context";
import { AppError, HTTP_STATUS, notFound } from "@/lib/errors";
import { OrgSlugParam } from "@/lib/schemas/organization";
import { toAppError, validationError } from "./handle-error";

type RouteParams = { params: Promise<{ orgSlug: string }> };

function errorResponse(error: AppError): NextResponse {
  return NextResponse.json(
    { error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } },
    { status: HTTP_STATUS[error.code] },
  );
}

// Cookies are SameSite=Lax; refusing cross-origin writes closes the remaining gap.
function assertSameOrigin(request: NextRequest): void {
  const origin = request.headers.get("origin");
  if (origin && origin !== request.nextUrl.origin) throw new AppError("FORBIDDEN", "Cross-origin requests are not allowed.");
}

async function readBody(request: NextRequest): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    return request.json().catch(() => {
      throw new AppError("VALIDATION", "The request body is not valid JSON.");
    });
  }
  return Object.fromEntries((await request.formData()).entries());
}

/** The one wrapper for JSON route handlers inside an organisation (/api/orgs/[orgSlug]/…). */
export function orgRoute<S extends z.ZodType, T>(schema: S, handler: (ctx: OrgContext, input: z.infer<S>) => Promise<T>, status = 200) {
  return async (request: NextRequest, { params }: RouteParams): Promise<NextResponse> => {
    try {
      assertSameOrigin(request);
      const slug = OrgSlugParam.safeParse((await params).orgSlug);
      if (!slug.success) throw notFound();
      const { user, ctx } = await findOrgContext(slug.data);
      if (!user) throw new AppError("UNAUTHENTICATED");
      if (!ctx) throw notFound();
      const parsed = schema.safeParse(await readBody(request));
      if (!parsed.success) throw validationError(parsed.error);
      return NextResponse.json({ data: await handler(ctx, parsed.data) }, { status });
    } catch (error) {
      return errorResponse(toAppError(error));
    }
  };
}
