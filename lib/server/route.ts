import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { findOrgContext } from "@/lib/auth/session";
import type { OrgContext } from "@/lib/db/context";
import { AppError, type FieldErrors, HTTP_STATUS, notFound } from "@/lib/errors";
import { OrgSlugParam } from "@/lib/schemas/organization";
import { IdParam, textProblem } from "@/lib/schemas/text";
import { toAppError, validationError } from "./handle-error";
import { assertTwoFactorEnrolled } from "./two-factor-gate";

// The one wrapper for route handlers inside an organisation (/api/orgs/[orgSlug]/… and file
// routes under /o/[orgSlug]/…): who is asking, same-origin writes, and the one error contract.

type RouteParams<P> = { params: Promise<P & { orgSlug: string }> };

export function errorResponse(error: AppError): NextResponse {
  const retryAfter =
    error.retryAfterSeconds === undefined
      ? undefined
      : { "Retry-After": String(Math.ceil(error.retryAfterSeconds)) };
  return NextResponse.json(
    { error: { code: error.code, message: error.message, fieldErrors: error.fieldErrors } },
    { status: HTTP_STATUS[error.code], headers: retryAfter },
  );
}

// Cookies are SameSite=Lax; refusing cross-origin writes closes the remaining gap.
function assertSameOrigin(request: Request): void {
  if (request.method === "GET" || request.method === "HEAD") return;
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(request.url).origin)
    throw new AppError("FORBIDDEN", "Cross-origin requests are not allowed.");
}

// Route parameters named …Id are record ids (IdParam): anything else is not found, like an id
// that does not exist. Other parameters (a SHA-256) must at least be clean text. A query
// parameter with a control character is bad input, reported under its name.
function assertCleanRequest(request: NextRequest, params: Record<string, string>): void {
  for (const [name, value] of Object.entries(params)) {
    if (name === "orgSlug") continue;
    if (name.endsWith("Id") ? !IdParam.safeParse(value).success : textProblem(value) !== null)
      throw notFound();
  }
  // A Map: a query parameter may be called "constructor".
  const fieldErrors = new Map<string, string[]>();
  for (const [name, value] of new URL(request.url).searchParams) {
    const nameProblem = textProblem(name);
    const problem = nameProblem ?? textProblem(value);
    const field = nameProblem ? "form" : name;
    if (problem) fieldErrors.set(field, [...(fieldErrors.get(field) ?? []), problem]);
  }
  if (fieldErrors.size > 0)
    throw new AppError("VALIDATION", undefined, Object.fromEntries(fieldErrors) as FieldErrors);
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
      assertCleanRequest(request, resolved);
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
export function orgRoute<S extends z.ZodType, T>(
  schema: S,
  handler: (ctx: OrgContext, input: z.infer<S>) => Promise<T>,
  status = 200,
) {
  return orgRequestRoute(async (ctx, request) => {
    const parsed = schema.safeParse(await readBody(request));
    if (!parsed.success) throw validationError(parsed.error);
    return NextResponse.json({ data: await handler(ctx, parsed.data) }, { status });
  });
}
