"use client";

import { useState, useTransition, type FormEvent } from "react";
import type { ActionResult, FormAction } from "@/lib/action-result";

/**
 * Submits a form to a server action without React's automatic form reset, so what the user
 * typed stays in place when the server answers with field errors.
 */
export function useActionForm<T>(
  action: FormAction<T>,
  onSuccess?: (data: T, form: HTMLFormElement) => void | Promise<void>,
) {
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const formData = new FormData(form);
    startTransition(async () => {
      const next = await action(null, formData);
      setResult(next);
      if (next.ok) await onSuccess?.(next.data, form);
    });
  }

  const fieldErrors = result && !result.ok ? result.fieldErrors : undefined;
  const formError = result && !result.ok && !result.fieldErrors ? result.message : undefined;
  return { result, pending, onSubmit, fieldErrors, formError };
}
