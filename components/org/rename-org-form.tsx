"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/action-result";

type Props = { orgSlug: string; name: string; action: (previous: unknown, formData: FormData) => Promise<ActionResult<null>> };

export function RenameOrgForm({ orgSlug, name, action }: Props) {
  const { pending, onSubmit, fieldErrors, formError, result } = useActionForm(action);
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-md space-y-4">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {result?.ok ? <Alert tone="success">Saved.</Alert> : null}
      <Field label="Organisation name" name="name" defaultValue={name} errors={fieldErrors?.name} hint="The address of the organisation does not change." required />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
