"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { StaleAlert } from "@/components/ui/stale-alert";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { IdField } from "@/components/ui/id-field";

type Props = {
  orgSlug: string;
  name: string;
  version: number;
  action: FormAction;
};

export function RenameOrgForm({ orgSlug, name, version, action }: Props) {
  const { pending, onSubmit, fieldErrors, formError, result } = useActionForm(action);
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-md space-y-4">
      <IdField name="orgSlug" value={orgSlug} />
      <IdField name="version" value={version} />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {fieldErrors?.version ? <StaleAlert conflict={fieldErrors.version} /> : null}
      {result?.ok ? <Alert tone="success">Saved.</Alert> : null}
      <Field
        label="Organisation name"
        name="name"
        defaultValue={name}
        errors={fieldErrors?.name}
        hint="The address of the organisation does not change."
        required
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
