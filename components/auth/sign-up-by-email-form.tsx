"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";

type Props = {
  action: FormAction<{ email: string }>;
  callbackUrl: string;
  defaultEmail?: string;
};

/** Sign-up when mail is set up: a link by email finishes it, so the answer is the same for every email. */
export function SignUpByEmailForm({ action, callbackUrl, defaultEmail }: Props) {
  const { pending, onSubmit, fieldErrors, formError, result } = useActionForm(action);
  if (result?.ok) {
    return (
      <Alert tone="success">
        Check your email: we sent {result.data.email} a link to finish creating your account. It
        works for 24 hours.
      </Alert>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
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
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Sending…" : "Continue"}
      </Button>
    </form>
  );
}
