"use client";

import type { FormAction } from "@/lib/action-result";
import { Button, type ButtonProps } from "./button";
import { useActionForm } from "./use-action-form";
import { IdFields } from "./id-field";

type Props = {
  label: string;
  ariaLabel?: string;
  fields: Record<string, string>;
  action: FormAction<unknown>;
  variant?: ButtonProps["variant"];
};

/** A one-click, non-destructive action (reorder, restore); a refusal shows next to the button. */
export function ActionButton({ label, ariaLabel, fields, action, variant = "ghost" }: Props) {
  const { pending, onSubmit, result } = useActionForm(action);
  return (
    <form onSubmit={onSubmit} className="inline-flex items-center gap-1">
      <IdFields fields={fields} />
      <Button type="submit" size="sm" variant={variant} disabled={pending} aria-label={ariaLabel}>
        {label}
      </Button>
      {result && !result.ok ? (
        <span role="alert" className="text-xs text-red-700">
          {result.message}
        </span>
      ) : null}
    </form>
  );
}
