"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { useSignInAfter } from "./use-sign-in-after";
import { IdField } from "@/components/ui/id-field";

type Props = {
  token: string;
  name: string;
  email: string;
  action: FormAction<{ email: string; callbackUrl: string }>;
};

export function FinishSignUpForm({ token, name, email, action }: Props) {
  const { signInError, signInAndGo } = useSignInAfter();
  const { pending, onSubmit, fieldErrors, formError } = useActionForm(action, (data, form) =>
    signInAndGo(data.email, form, data.callbackUrl),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <IdField name="token" value={token} />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {signInError ? <Alert tone="error">{signInError}</Alert> : null}
      <p className="text-sm text-slate-700">
        {name}, <strong>{email}</strong>
      </p>
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
