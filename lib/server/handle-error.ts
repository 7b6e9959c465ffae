import "server-only";
import { randomUUID } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import type { ZodError } from "zod";
import { AppError, type FieldErrors } from "@/lib/errors";

export function validationError(error: ZodError): AppError {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "form";
    (fieldErrors[field] ??= []).push(issue.message);
  }
  return new AppError("VALIDATION", undefined, fieldErrors);
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
