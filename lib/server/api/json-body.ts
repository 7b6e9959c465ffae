import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { validationError } from "../handle-error";

// Request bodies of /api/v1 writes: JSON only, bounded in size before it is parsed, then checked
// with the same zod schemas the forms and server actions use.

/** A write's JSON body; the largest (a control's description) is a few KB. */
export const MAX_JSON_BODY_BYTES = 256 * 1024;

const tooLarge = () =>
  new AppError("TOO_LARGE", `Send at most ${MAX_JSON_BODY_BYTES / 1024} KB of JSON.`);

async function readBounded(request: NextRequest): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_JSON_BODY_BYTES) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > MAX_JSON_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The body as a JSON object (not yet checked against a schema). */
export async function readJsonObject(request: NextRequest): Promise<Record<string, unknown>> {
  const type = (request.headers.get("content-type") ?? "").split(";", 1)[0]?.trim().toLowerCase();
  if (type !== "application/json")
    throw new AppError("VALIDATION", "Send the body as JSON (Content-Type: application/json).");
  const text = await readBounded(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION", "The request body is not valid JSON.");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new AppError("VALIDATION", "Send a JSON object.");
  return body as Record<string, unknown>;
}

/** Parses a JSON body with `schema`; bad fields are a VALIDATION error naming each. */
export async function parseJsonBody<S extends z.ZodType>(
  request: NextRequest,
  schema: S,
): Promise<z.output<S>> {
  return parseWith(schema, await readJsonObject(request));
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** The fields of `patch` the client sent (a PATCH changes only those; defaults fill none). */
export function sentFields<T extends Record<string, unknown>>(
  patch: T,
  sent: Record<string, unknown>,
): Partial<T> {
  return Object.fromEntries(
    Object.entries(patch).filter(([key]) => Object.hasOwn(sent, key)),
  ) as Partial<T>;
}
