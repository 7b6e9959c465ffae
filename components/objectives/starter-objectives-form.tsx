"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { IdField } from "@/components/ui/id-field";

type Props = {
  orgSlug: string;
  options: { ref: string; title: string }[];
  action: FormAction<{ added: number }>;
};

export function StarterObjectivesForm({ orgSlug, options, action }: Props) {
  const { pending, onSubmit, fieldErrors, formError } = useActionForm(action);
  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <IdField name="orgSlug" value={orgSlug} />
      <div className="max-h-80 space-y-1 overflow-auto">
        {options.map((option) => (
          <label key={option.ref} className="flex items-start gap-2 text-sm">
            <Checkbox name="refs" value={option.ref} defaultChecked className="mt-0.5" />
            <span>
              <span className="font-mono text-xs font-semibold">{option.ref}</span> {option.title}
            </span>
          </label>
        ))}
      </div>
      {fieldErrors?.refs || formError ? (
        <Alert tone="error">{fieldErrors?.refs?.join(" ") ?? formError}</Alert>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add selected starter objectives"}
      </Button>
    </form>
  );
}
