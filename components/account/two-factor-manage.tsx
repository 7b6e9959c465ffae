"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { RecoveryCodes } from "./recovery-codes";

type Props = {
  enabledOn: string;
  recoveryCodesLeft: number;
  /** Organisations that require two-factor: while there are any it cannot be turned off. */
  requiredBy: string[];
  regenerateAction: FormAction<{ recoveryCodes: string[] }>;
  disableAction: FormAction;
};

const CODE_HINT = "A code from your authenticator app, or one of your recovery codes.";

/** Two-factor is on: new recovery codes, or turning it off (each with the password and a current code). */
export function TwoFactorManage({
  enabledOn,
  recoveryCodesLeft,
  requiredBy,
  regenerateAction,
  disableAction,
}: Props) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const regenerate = useActionForm(regenerateAction, (data) => setCodes(data.recoveryCodes));
  const disable = useActionForm(disableAction);

  if (codes)
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          router.refresh();
        }}
      />
    );
  return (
    <div className="space-y-8">
      <p className="text-sm text-slate-700">
        Two-factor sign-in is <strong>on</strong> since {enabledOn}. {recoveryCodesLeft} of 10
        recovery codes left.
      </p>
      {recoveryCodesLeft <= 2 ? (
        <Alert tone="warning">You are running out of recovery codes: make new ones below.</Alert>
      ) : null}

      <form
        onSubmit={regenerate.onSubmit}
        noValidate
        className="max-w-sm space-y-3"
        aria-labelledby="regenerate-title"
      >
        <h2 id="regenerate-title" className="font-medium">
          New recovery codes
        </h2>
        <p className="text-sm text-slate-600">
          Your current recovery codes stop working and ten new ones are shown once.
        </p>
        {regenerate.formError ? <Alert tone="error">{regenerate.formError}</Alert> : null}
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          errors={regenerate.fieldErrors?.password}
          required
        />
        <Field
          label="Code"
          name="code"
          autoComplete="one-time-code"
          hint={CODE_HINT}
          errors={regenerate.fieldErrors?.code}
          required
        />
        <Button type="submit" variant="secondary" disabled={regenerate.pending}>
          {regenerate.pending ? "Checking…" : "Make new recovery codes"}
        </Button>
      </form>

      {requiredBy.length ? (
        <section aria-labelledby="disable-title" className="space-y-2">
          <h2 id="disable-title" className="font-medium">
            Turn off two-factor
          </h2>
          <p className="text-sm text-slate-600">
            {requiredBy.join(", ")} require{requiredBy.length === 1 ? "s" : ""} two-factor sign-in
            of every member, so it stays on.
          </p>
        </section>
      ) : (
        <form
          onSubmit={disable.onSubmit}
          noValidate
          className="max-w-sm space-y-3"
          aria-labelledby="disable-title"
        >
          <h2 id="disable-title" className="font-medium">
            Turn off two-factor
          </h2>
          {disable.formError ? <Alert tone="error">{disable.formError}</Alert> : null}
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            errors={disable.fieldErrors?.password}
            required
          />
          <Field
            label="Code"
            name="code"
            autoComplete="one-time-code"
            hint={CODE_HINT}
            errors={disable.fieldErrors?.code}
            required
          />
          <Button type="submit" variant="danger" disabled={disable.pending}>
            {disable.pending ? "Turning off…" : "Turn off two-factor"}
          </Button>
        </form>
      )}
    </div>
  );
}
