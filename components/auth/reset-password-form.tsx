"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { IdField } from "@/components/ui/id-field";

type Props = {
  token: string;
  email: string;
  action: FormAction<{ email: string }>;
};

export function ResetPasswordForm({ token, email, action }: Props) {
  const { pending, onSubmit, fieldErrors, formError, result } = useActionForm(action);
  if (result?.ok) {
    return (
      <div className="space-y-4">
        <Alert tone="success">
          Your password was changed, and every device signed in to your account was signed out.
        </Alert>
        <Button asChild className="w-full">
          <Link href={`/sign-in?${new URLSearchParams({ email: result.data.email })}`}>
            Sign in
          </Link>
        </Button>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <IdField name="token" value={token} />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <p className="text-sm text-slate-700">
        For <strong>{email}</strong>.
      </p>
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters."
        errors={fieldErrors?.password}
        required
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
