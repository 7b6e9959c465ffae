import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import type { ZodError } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";

export function validationError(error: ZodError): AppError {
  // A Map, not an object: a crafted field named "constructor" or "__proto__" is a field like any other.
  const fieldErrors = new Map<string, string[]>();
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "form";
    fieldErrors.set(field, [...(fieldErrors.get(field) ?? []), issue.message]);
  }
  return new AppError("VALIDATION", undefined, Object.fromEntries(fieldErrors) as FieldErrors);
}

/**
 * Turns anything thrown into an AppError. Next's redirect/not-found signals pass through;
 * unknown errors are logged with an id and reported as "Something went wrong" with that id.
 */
export function toAppError(error: unknown): AppError {
  unstable_rethrow(error);
  if (error instanceof AppError) return error;
  const id = randomUUID().slice(0, 8);
  console.error(`[error ${id}]`, error);
  return new AppError("INTERNAL", `Something went wrong (reference ${id}). Please try again.`);
}
