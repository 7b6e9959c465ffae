"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";

type Props = {
  action: FormAction<{ email: string }>;
  defaultEmail?: string;
};

export function ForgotPasswordForm({ action, defaultEmail }: Props) {
  const { pending, onSubmit, fieldErrors, formError, result } = useActionForm(action);
  if (result?.ok) {
    return (
      <Alert tone="success">
        If an account uses {result.data.email}, we have emailed it a link to choose a new password.
        The link works once, for an hour.
      </Alert>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={defaultEmail}
        errors={fieldErrors?.email}
        required
      />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Email me a link"}
      </Button>
    </form>
  );
}
