import type { ErrorCode, FieldErrors } from "./errors";

/** What every server action returns to its form. Safe to import from client components. */
export type ActionResult<T = null> =
  | { ok: true; data: T; message?: string }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors };

/** A server action as a form calls it (useActionState's shape): the previous result, then the data. */
export type FormAction<T = null> = (
  previous: unknown,
  formData: FormData,
) => Promise<ActionResult<T>>;

export const IDLE: ActionResult<never> | null = null;
