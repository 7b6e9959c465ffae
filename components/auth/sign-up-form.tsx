"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { useSignInAfter } from "./use-sign-in-after";

export function SignUpForm({
  action,
  callbackUrl,
  defaultEmail,
}: {
  action: FormAction<{ email: string }>;
  callbackUrl: string;
  defaultEmail?: string;
}) {
  const { signInError, signInAndGo } = useSignInAfter();
  const { pending, onSubmit, fieldErrors, formError } = useActionForm(action, ({ email }, form) =>
    signInAndGo(email, form, callbackUrl),
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {signInError ? <Alert tone="error">{signInError}</Alert> : null}
      <Field label="Name" name="name" autoComplete="name" errors={fieldErrors?.name} required />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={defaultEmail}
        errors={fieldErrors?.email}
        required
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters."
        errors={fieldErrors?.password}
        required
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
