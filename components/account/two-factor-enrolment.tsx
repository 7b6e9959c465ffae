"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CardDescription } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { RecoveryCodes } from "./recovery-codes";

type EnrolmentKey = { secret: string; qrDataUrl: string };
type Props = {
  beginAction: FormAction<EnrolmentKey>;
  confirmAction: FormAction<{ recoveryCodes: string[] }>;
};

/**
 * Enrolment: the password, then scan (or type) the key and confirm with a first code, then save
 * the recovery codes. The key lives only in this component: it is shown once, after the password.
 */
export function TwoFactorEnrolment({ beginAction, confirmAction }: Props) {
  const router = useRouter();
  const [key, setKey] = useState<EnrolmentKey | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const begin = useActionForm(beginAction, (data) => setKey(data));
  const confirm = useActionForm(confirmAction, (data) => setCodes(data.recoveryCodes));

  if (codes) {
    return (
      <div className="space-y-4">
        <Alert tone="success">
          Two-factor sign-in is on. From now on you sign in with your password and a code from your
          app.
        </Alert>
        <RecoveryCodes codes={codes} onDone={() => router.refresh()} />
      </div>
    );
  }
  if (!key) {
    return (
      <form
        onSubmit={begin.onSubmit}
        noValidate
        className="max-w-sm space-y-4"
        aria-label="Set up two-factor"
      >
        <CardDescription>
          Besides your password, sign in with a 6-digit code from an authenticator app on your phone
          (any app that supports TOTP). Someone who learns your password still cannot sign in as
          you.
        </CardDescription>
        {begin.formError ? <Alert tone="error">{begin.formError}</Alert> : null}
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          hint="Two-factor changes how you sign in, so setting it up needs your current password."
          errors={begin.fieldErrors?.password}
          required
        />
        <Button type="submit" variant="primary" disabled={begin.pending}>
          {begin.pending ? "Checking…" : "Set up two-factor"}
        </Button>
      </form>
    );
  }
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h2 className="font-medium">1. Scan this QR code with your authenticator app</h2>
        <img
          src={key.qrDataUrl}
          alt="QR code to scan with your authenticator app"
          width={192}
          height={192}
          className="rounded border border-slate-200"
        />
        <p className="text-sm text-slate-600">
          Cannot scan it? Enter this key in the app instead:{" "}
          <code
            aria-label="Setup key"
            className="rounded bg-slate-100 px-1 py-0.5 font-mono text-slate-900"
          >
            {key.secret.match(/.{1,4}/g)?.join(" ")}
          </code>
        </p>
      </div>
      <form
        onSubmit={confirm.onSubmit}
        noValidate
        className="max-w-sm space-y-3"
        aria-label="Confirm two-factor"
      >
        <h2 className="font-medium">2. Enter the 6-digit code the app shows</h2>
        {confirm.formError ? <Alert tone="error">{confirm.formError}</Alert> : null}
        <Field
          label="Code from your authenticator app"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          errors={confirm.fieldErrors?.code}
          required
        />
        <Button type="submit" disabled={confirm.pending}>
          {confirm.pending ? "Checking…" : "Turn on two-factor"}
        </Button>
      </form>
      <Button type="button" variant="secondary" onClick={() => setKey(null)}>
        Start over with a new key
      </Button>
    </div>
  );
}
