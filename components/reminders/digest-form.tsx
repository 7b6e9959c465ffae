"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { StaleAlert } from "@/components/ui/stale-alert";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { IdField } from "@/components/ui/id-field";

type Props = {
  orgSlug: string;
  digestFrequency: string;
  version: number;
  action: FormAction;
};

const OPTIONS = [
  { value: "daily", label: "Daily, at 07:00" },
  { value: "weekly", label: "Weekly, on Mondays at 07:00" },
  { value: "off", label: "Off" },
];

/** How often the member's reminder digest comes. */
export function DigestForm({ orgSlug, digestFrequency, version, action }: Props) {
  const { pending, onSubmit, fieldErrors, formError, result } = useActionForm(action);
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-md space-y-4">
      <IdField name="orgSlug" value={orgSlug} />
      <IdField name="version" value={version} />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {fieldErrors?.version ? <StaleAlert conflict={fieldErrors.version} /> : null}
      {result?.ok ? <Alert tone="success">Saved.</Alert> : null}
      <SelectField
        label="Email digest"
        name="digestFrequency"
        defaultValue={digestFrequency}
        options={OPTIONS}
        errors={fieldErrors?.digestFrequency}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
