"use client";

import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import type { FormAction } from "@/lib/action-result";
import { Alert } from "./alert";
import { Button } from "./button";
import { StaleAlert } from "./stale-alert";
import { useActionForm } from "./use-action-form";
import { IdFields } from "./id-field";

type Props<T> = {
  action: FormAction<T>;
  hidden: Record<string, string>;
  submitLabel: string;
  successMessage?: (data: T) => string;
  children: (fieldErrors?: Record<string, string[]>) => ReactNode;
  className?: string;
};

/** A small form posting to a server action: hidden context fields, field errors, a result line. */
export function ActionForm<T>({
  action,
  hidden,
  submitLabel,
  successMessage,
  children,
  className,
}: Props<T>) {
  const router = useRouter();
  const { pending, onSubmit, fieldErrors, formError, result } = useActionForm(
    action,
    (_data, form) => {
      form.reset();
      router.refresh();
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate className={className ?? "space-y-3"}>
      <IdFields fields={hidden} />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {fieldErrors?.version ? <StaleAlert conflict={fieldErrors.version} /> : null}
      {result?.ok && successMessage ? (
        <Alert tone="success">{successMessage(result.data)}</Alert>
      ) : null}
      {children(fieldErrors)}
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : submitLabel}
      </Button>
    </form>
  );
}
