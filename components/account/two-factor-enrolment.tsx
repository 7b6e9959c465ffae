"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ActionButton } from "@/components/ui/action-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/action-result";
import { RecoveryCodes } from "./recovery-codes";

type Action<T> = (previous: unknown, formData: FormData) => Promise<ActionResult<T>>;
type Props = {
  qrDataUrl: string;
  secret: string;
  confirmAction: Action<{ recoveryCodes: string[] }>;
  startOverAction: Action<null>;
};

/** Enrolment: scan (or type) the key, confirm with a first code, then save the recovery codes. */
export function TwoFactorEnrolment({ qrDataUrl, secret, confirmAction, startOverAction }: Props) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const { pending, onSubmit, fieldErrors, formError } = useActionForm(confirmAction, (data) => setCodes(data.recoveryCodes));

  if (codes) {
    return (
      <div className="space-y-4">
        <Alert tone="success">Two-factor sign-in is on. From now on you sign in with your password and a code from your app.</Alert>
        <RecoveryCodes codes={codes} onDone={() => router.refresh()} />
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h2 className="font-medium">1. Scan this QR code with your authenticator app</h2>
        <img src={qrDataUrl} alt="QR code to scan with your authenticator app" width={192} height={192} className="rounded border border-slate-200" />
        <p className="text-sm text-slate-600">
          Cannot scan it? Enter this key in the app instead:{" "}
          <code aria-label="Setup key" className="rounded bg-slate-100 px-1 py-0.5 font-mono text-slate-900">
            {secret.match(/.{1,4}/g)?.join(" ")}
          </code>
        </p>
      </div>
      <form onSubmit={onSubmit} noValidate className="max-w-sm space-y-3" aria-label="Confirm two-factor">
        <h2 className="font-medium">2. Enter the 6-digit code the app shows</h2>
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <Field label="Code from your authenticator app" name="code" inputMode="numeric" autoComplete="one-time-code" errors={fieldErrors?.code} required />
        <Button type="submit" disabled={pending}>
          {pending ? "Checking…" : "Turn on two-factor"}
        </Button>
      </form>
      <ActionButton label="Start over with a new key" fields={{}} action={startOverAction} />
    </div>
  );
}
