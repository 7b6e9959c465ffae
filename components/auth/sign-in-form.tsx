"use client";

import { signIn } from "next-auth/react";
import { plural } from "@/lib/domain/plural";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TWO_FACTOR_INVALID, TWO_FACTOR_REQUIRED } from "@/lib/domain/two-factor";
import { SSO_REQUIRED_PREFIX, ssoRequiredMessage } from "@/lib/domain/sso";
import { SignInInput } from "@/lib/schemas/auth";

type Errors = { email?: string[]; password?: string[]; form?: string };

function messageFor(error: string): string {
  const rateLimited = /^RATE_LIMITED:(\d+)$/.exec(error);
  if (rateLimited)
    return `Too many failed sign-in attempts. Try again in ${plural(Number(rateLimited[1]), "minute")}.`;
  if (error.startsWith(SSO_REQUIRED_PREFIX))
    return ssoRequiredMessage(error.slice(SSO_REQUIRED_PREFIX.length));
  if (error === TWO_FACTOR_INVALID)
    return "That code is not right. Use the newest code from your authenticator app, or an unused recovery code.";
  return "Email or password is incorrect.";
}

export function SignInForm({
  callbackUrl,
  defaultEmail,
}: {
  callbackUrl: string;
  defaultEmail?: string;
}) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  // After a right password, for an account with two-factor: the same form posts again with the code.
  const [askCode, setAskCode] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = SignInInput.safeParse(Object.fromEntries(form.entries()));
    if (!parsed.success) {
      const flat = parsed.error.flatten().fieldErrors;
      setErrors({ email: flat.email, password: flat.password });
      return;
    }
    setPending(true);
    setErrors({});
    const code = form.get("code");
    const result = await signIn("credentials", {
      ...parsed.data,
      ...(typeof code === "string" ? { code } : {}),
      redirect: false,
    }).catch(() => null);
    if (result === null) {
      setPending(false);
      setErrors({ form: "The connection failed while signing in. Try again." });
      return;
    }
    if (!result || result.error) {
      setPending(false);
      const error = result?.error ?? "";
      if (error === TWO_FACTOR_REQUIRED || error === TWO_FACTOR_INVALID) setAskCode(true);
      setErrors(error === TWO_FACTOR_REQUIRED ? {} : { form: messageFor(error) });
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} noValidate className="space-y-4">
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        defaultValue={defaultEmail}
        errors={errors.email}
        required
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        errors={errors.password}
        required
      />
      {askCode ? (
        <>
          {errors.form ? null : (
            <Alert tone="info">
              Your account uses two-factor sign-in: enter the code your authenticator app shows.
            </Alert>
          )}
          <Field
            label="Code from your authenticator app (or a recovery code)"
            name="code"
            autoComplete="one-time-code"
            autoFocus
            required
          />
        </>
      ) : null}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
