import type { ErrorCode, FieldErrors } from "./errors";

/** What every server action returns to its form. Safe to import from client components. */
export type ActionResult<T = null> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors };

export const IDLE: ActionResult<never> | null = null;
