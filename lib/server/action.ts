import "server-only";
import type { z } from "zod";
import type { ActionResult, FormAction } from "@/lib/action-result";
import { findOrgContext, getCurrentUser } from "@/lib/auth/session";
import type { OrgContext, UserContext } from "@/lib/db/context";
import { AppError, notFound } from "@/lib/errors";
import { OrgSlugParam } from "@/lib/schemas/organization";
import { toAppError, validationError } from "./handle-error";
import { assertTwoFactorEnrolled } from "./two-factor-gate";

type Handler<Ctx, Input, T> = (ctx: Ctx, input: Input) => Promise<T>;

/** Form fields as an object; a name that repeats (checkboxes) becomes an array. */
function formToObject(
  formData: FormData,
): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const values: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key);
    values[key] = all.length === 1 ? (all[0] as FormDataEntryValue) : all;
  }
  return values;
}

async function run<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    const appError = toAppError(error);
    return {
      ok: false,
      code: appError.code,
      message: appError.message,
      fieldErrors: appError.fieldErrors,
    };
  }
}

/** The form an action was called with; anything else (arguments sent as JSON, say) is bad input. */
function formOf(value: unknown): FormData {
  if (value instanceof FormData) return value;
  throw new AppError("VALIDATION", "Send the fields as a form.");
}

function parse<S extends z.ZodType>(schema: S, formData: FormData): z.infer<S> {
  const parsed = schema.safeParse(formToObject(formOf(formData)));
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** A server action anyone may call (sign-up): input parsing and the error contract only. */
export function publicAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>) => Promise<T>,
): FormAction<T> {
  return async (_previous, formData) => run(() => handler(parse(schema, formData)));
}

/** A server action for a signed-in user outside any organisation. */
export function userAction<S extends z.ZodType, T>(
  schema: S,
  handler: Handler<UserContext, z.infer<S>, T>,
): FormAction<T> {
  return async (_previous, formData) =>
    run(async () => {
      const user = await getCurrentUser();
      if (!user) throw new AppError("UNAUTHENTICATED");
      return handler(user, parse(schema, formData));
    });
}

/**
 * A server action inside an organisation. The form carries `orgSlug`; membership is checked on
 * every call (non-members get NOT_FOUND) and the data-access function checks the permission.
 */
export function orgAction<S extends z.ZodType, T>(
  schema: S,
  handler: Handler<OrgContext, z.infer<S>, T>,
): FormAction<T> {
  return async (_previous, formData) =>
    run(async () => {
      const slug = OrgSlugParam.safeParse(formOf(formData).get("orgSlug"));
      if (!slug.success) throw notFound();
      const { user, ctx } = await findOrgContext(slug.data);
      if (!user) throw new AppError("UNAUTHENTICATED");
      if (!ctx) throw notFound();
      await assertTwoFactorEnrolled(ctx.userId);
      return handler(ctx, parse(schema, formData));
    });
}
