"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";

type Props = { action: FormAction };

export function ChangePasswordForm({ action }: Props) {
  const { pending, onSubmit, fieldErrors, formError, result } = useActionForm(
    action,
    (_data, form) => form.reset(),
  );
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-md space-y-4">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {result?.ok ? (
        <Alert tone="success">Password changed. You were signed out everywhere else.</Alert>
      ) : null}
      <Field
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        errors={fieldErrors?.currentPassword}
        required
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters."
        errors={fieldErrors?.newPassword}
        required
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
