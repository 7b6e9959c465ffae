"use client";

import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Props = { name: string; secret: string; onDone: () => void };

/** A new token's secret, shown this once: copy it, then dismiss. */
export function NewApiTokenSecret({ name, secret, onDone }: Props) {
  const id = useId();
  const [copied, setCopied] = useState(false);

  async function copy() {
    await navigator.clipboard.writeText(secret);
    setCopied(true);
  }

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3">
      <h3 id={`${id}-title`} className="font-semibold">
        Token “{name}” created
      </h3>
      <Alert tone="warning">
        Copy the secret now and keep it in your CI&apos;s secret store: it is shown only this once
        and cannot be read again. Anyone holding it acts as this token until it expires or is
        revoked.
      </Alert>
      <label className="block text-sm font-medium" htmlFor={`${id}-secret`}>
        Secret
      </label>
      <input
        id={`${id}-secret`}
        readOnly
        value={secret}
        className="w-full rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-sm"
        onFocus={(event) => event.currentTarget.select()}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={() => void copy()}>
          {copied ? "Copied" : "Copy secret"}
        </Button>
        <Button type="button" onClick={onDone}>
          I have saved the secret
        </Button>
      </div>
    </section>
  );
}
