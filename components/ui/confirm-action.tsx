"use client";

import { useState } from "react";
import type { FormAction } from "@/lib/action-result";
import { Alert } from "./alert";
import { Button, type ButtonProps } from "./button";
import { TextareaField } from "./select-field";
import { StaleAlert } from "./stale-alert";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogTitle,
  DialogTrigger,
} from "./dialog";
import { useActionForm } from "./use-action-form";
import { IdFields } from "./id-field";

type Props = {
  triggerLabel: string;
  triggerAriaLabel?: string;
  title: string;
  description: string;
  confirmLabel: string;
  action: FormAction<unknown>;
  fields: Record<string, string>;
  variant?: ButtonProps["variant"];
  /** Asks why, in a required field named `reason` (kept with the record of the change). */
  reason?: { label: string; hint?: string };
};

/** A destructive action behind a confirmation dialog; refusals are shown inside the dialog. */
export function ConfirmAction({
  triggerLabel,
  triggerAriaLabel,
  title,
  description,
  confirmLabel,
  action,
  fields,
  variant = "secondary",
  reason,
}: Props) {
  const [open, setOpen] = useState(false);
  const { pending, onSubmit, result, fieldErrors } = useActionForm(action, () => setOpen(false));
  const reasonError = fieldErrors?.reason;
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant={variant} size="sm" aria-label={triggerAriaLabel}>
          {triggerLabel}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription>{description}</DialogDescription>
        <form onSubmit={onSubmit} className="mt-6 space-y-4">
          <IdFields fields={fields} />
          {result && !result.ok && result.fieldErrors?.version ? (
            <StaleAlert conflict={result.fieldErrors.version} kept="The page shows it now." />
          ) : null}
          {result && !result.ok && !result.fieldErrors?.version && !reasonError ? (
            <Alert tone="error">{result.message}</Alert>
          ) : null}
          {reason ? (
            <TextareaField
              label={reason.label}
              name="reason"
              rows={2}
              required
              maxLength={1000}
              hint={reason.hint}
              errors={reasonError}
            />
          ) : null}
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button type="button" variant="secondary">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? "Working…" : confirmLabel}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
