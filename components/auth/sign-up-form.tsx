"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/action-result";

type SignUpAction = (previous: unknown, formData: FormData) => Promise<ActionResult<{ email: string }>>;

export function SignUpForm({ action, callbackUrl, defaultEmail }: { action: SignUpAction; callbackUrl: string; defaultEmail?: string }) {
  const router = useRouter();
  const [signInError, setSignInError] = useState<string | null>(null);
  const { pending, onSubmit, fieldErrors, formError } = useActionForm(action, async ({ email }, form) => {
    const password = new FormData(form).get("password");
    const result = await signIn("credentials", { email, password: typeof password === "string" ? password : "", redirect: false });
    if (!result || result.error) {
      setSignInError("Your account was created, but signing in failed. Please sign in.");
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {signInError ? <Alert tone="error">{signInError}</Alert> : null}
      <Field label="Name" name="name" autoComplete="name" errors={fieldErrors?.name} required />
      <Field label="Email" name="email" type="email" autoComplete="email" defaultValue={defaultEmail} errors={fieldErrors?.email} required />
      <Field label="Password" name="password" type="password" autoComplete="new-password" hint="At least 12 characters." errors={fieldErrors?.password} required />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
