import "server-only";
import type { OpenAPIRegistry, ResponseConfig } from "@asteasolutions/zod-to-openapi";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { AppError, ERROR_CODES, notFound, type ErrorCode } from "@/lib/errors";
import { IdParam } from "@/lib/schemas/text";
import { validationError } from "../handle-error";

// The conventions every /api/v1 resource follows, in one place so the OpenAPI document and the
// handlers cannot disagree: the error contract, bearer security, cursor pagination
// (`?limit=&cursor=` → `{ data, nextCursor }`), `ETag: "<version>"` on single resources and a
// required `If-Match` on updates (412 when it is stale). Resource modules (./engagements.ts …)
// use these helpers; ./document.ts lists the modules.

export const BEARER = "bearerAuth";

export const ApiErrorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
      currentVersion: z
        .number()
        .int()
        .optional()
        .meta({ description: "412 only: the record's version now (also sent as its ETag)." }),
    }),
  })
  .meta({ id: "Error", description: "The one error contract of /api/v1." });

/** Adds the bearer security scheme (the error body is a component through its meta id). */
export function registerConventions(registry: OpenAPIRegistry): void {
  registry.registerComponent("securitySchemes", BEARER, {
    type: "http",
    scheme: "bearer",
    description: "An API token (assay_…) made on the organisation's API tokens page.",
  });
}

const ERROR_DESCRIPTIONS = {
  400: "Invalid input; fieldErrors names each field.",
  401: "No API token, or one that is unknown, expired or revoked.",
  403: "The token's role may not do this.",
  404: "Not found, outside the organisation or outside the token's engagements.",
  409: "Conflicts with existing data.",
  412: "If-Match does not match the record's current version (error.currentVersion, and the ETag).",
  413: "Too large.",
  428: "This update needs an If-Match header with the version it was read at.",
  429: "Too many requests for this token; see Retry-After.",
} as const;
type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/**
 * The error responses of an operation, in the error contract. 401, 429 and 500 apply to every
 * token-authenticated operation and are always added.
 */
export function errorResponses(...statuses: ErrorStatus[]): Record<string, ResponseConfig> {
  const all = new Set<number>([...statuses, 401, 429]);
  const responses: Record<string, ResponseConfig> = {};
  for (const status of [...all].sort()) {
    responses[String(status)] = {
      description: ERROR_DESCRIPTIONS[status as ErrorStatus],
      content: { "application/json": { schema: ApiErrorBody } },
      ...(status === 429
        ? { headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds." } } }
        : {}),
    };
  }
  responses["500"] = {
    description: "Unexpected failure; the message carries a reference that is logged.",
    content: { "application/json": { schema: ApiErrorBody } },
  };
  return responses;
}

/** A 200 response with a JSON body. */
export function ok(schema: z.ZodType, description: string, etag = false): ResponseConfig {
  return {
    description,
    content: { "application/json": { schema } },
    ...(etag
      ? { headers: { ETag: { schema: { type: "string" }, description: 'The version, "<n>".' } } }
      : {}),
  };
}

/** A JSON body typed by the schema it is documented with (the wire shape: dates as strings). */
export function respond<S extends z.ZodType>(
  schema: S,
  body: z.input<S>,
  init: { status?: number; version?: number } = {},
): NextResponse {
  return NextResponse.json(body, {
    status: init.status ?? 200,
    headers: init.version === undefined ? undefined : { ETag: etagOf(init.version) },
  });
}

/** A path id (…Id segment): anything that is not a record id is not found, like a missing one. */
export function idParam(value: string): string {
  const parsed = IdParam.safeParse(value);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

/** Parses the query string with a resource's query schema; a bad one is a VALIDATION error. */
export function parseQuery<S extends z.ZodType>(request: NextRequest, schema: S): z.output<S> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

// ---- Pagination -------------------------------------------------------------------------------

export const PAGE_LIMIT_MAX = 200;

/** `?limit=&cursor=`; extend it with a resource's filters. */
export const PageQuery = z.object({
  limit: z.coerce
    .number({ error: "Send a whole number." })
    .int("Send a whole number.")
    .min(1, "Send at least 1.")
    .max(PAGE_LIMIT_MAX, `Send at most ${PAGE_LIMIT_MAX}.`)
    .default(50)
    .meta({ description: `Items per page, 1 to ${PAGE_LIMIT_MAX} (default 50).` }),
  cursor: z
    .string()
    .max(200, "This cursor is not one this API gave out.")
    .optional()
    .meta({ description: "The nextCursor of the previous page; opaque." }),
});
export type PageQuery = z.output<typeof PageQuery>;

/** `{ data: [item…], nextCursor }`; nextCursor is null on the last page. */
export function pageOf<S extends z.ZodType>(item: S) {
  return z.object({
    data: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as ?cursor= for the next page; null on the last page." }),
  });
}

const CURSOR_PREFIX = "v1:";
const NOT_OURS = "This cursor is not one this API gave out.";

/** An opaque cursor for the keys of the last item of a page (its id, or a sort key and id). */
export function encodeCursor(...keys: string[]): string {
  return Buffer.from(`${CURSOR_PREFIX}${JSON.stringify(keys)}`).toString("base64url");
}

/** The `count` keys a cursor carries; anything else is a VALIDATION error on `cursor`. */
export function decodeCursor(cursor: string, count: number): string[] {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  let keys: unknown;
  try {
    keys = text.startsWith(CURSOR_PREFIX) ? JSON.parse(text.slice(CURSOR_PREFIX.length)) : null;
  } catch {
    keys = null;
  }
  if (
    !Array.isArray(keys) ||
    keys.length !== count ||
    !keys.every((key): key is string => typeof key === "string")
  )
    throw new AppError("VALIDATION", undefined, { cursor: [NOT_OURS] });
  return keys;
}

/**
 * The page of rows a keyset query read with `take: limit + 1`: the extra row only says that
 * there is a next page, whose cursor carries the last returned row's keys.
 */
export function keysetPage<T>(
  rows: readonly T[],
  limit: number,
  keysOf: (row: T) => string[],
): { data: T[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(...keysOf(last)) : null };
}

/**
 * One page of an ordered list, after the item the cursor names. The cursor carries the last
 * item's id, so a page is stable when items are added before it; a cursor whose item is gone
 * (deleted, or out of the filter) is a VALIDATION error asking to start again.
 */
export function paginate<T>(
  items: readonly T[],
  query: PageQuery,
  idOf: (item: T) => string,
): { data: T[]; nextCursor: string | null } {
  let start = 0;
  if (query.cursor !== undefined) {
    const [after] = decodeCursor(query.cursor, 1);
    const index = items.findIndex((item) => idOf(item) === after);
    if (index < 0)
      throw new AppError("VALIDATION", undefined, {
        cursor: ["This cursor's item is gone; start again without a cursor."],
      });
    start = index + 1;
  }
  const data = items.slice(start, start + query.limit);
  const more = start + query.limit < items.length;
  const last = data.at(-1);
  return { data, nextCursor: more && last ? encodeCursor(idOf(last)) : null };
}

// ---- Versions: ETag and If-Match --------------------------------------------------------------

export const etagOf = (version: number): string => `"${version}"`;

/** The If-Match header parameter of an update (documented on each update operation). */
export const IfMatchHeader = z.object({
  "if-match": z
    .string()
    .meta({ description: 'The ETag the record was read with, "<version>".', example: '"3"' }),
});

function contractError(
  status: number,
  code: ErrorCode,
  message: string,
  field: string,
  currentVersion?: number,
) {
  const current = currentVersion === undefined ? {} : { currentVersion };
  return NextResponse.json(
    { error: { code, message, fieldErrors: { [field]: [message] }, ...current } },
    {
      status,
      headers: currentVersion === undefined ? undefined : { ETag: etagOf(currentVersion) },
    },
  );
}

/**
 * Runs an update with the version its If-Match names: no or a malformed If-Match is 428, and a
 * stale version (the data layer's CONFLICT on `version`) is 412 with the data layer's message
 * and, given `current`, the record's version now (error.currentVersion and ETag), so a client
 * can read it again and retry.
 */
export async function withIfMatch(
  request: NextRequest,
  update: (version: number) => Promise<Response>,
  current?: () => Promise<number>,
): Promise<Response> {
  const header = request.headers.get("if-match")?.trim() ?? "";
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header);
  if (!match)
    return contractError(
      428,
      "VALIDATION",
      'Send If-Match: "<version>" with the ETag this record was read with.',
      "If-Match",
    );
  try {
    return await update(Number(match[1]));
  } catch (error) {
    if (error instanceof AppError && error.code === "CONFLICT" && error.fieldErrors?.version)
      return contractError(
        412,
        "CONFLICT",
        error.message,
        "If-Match",
        current ? await current() : undefined,
      );
    throw error;
  }
}
