"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/select-field";
import { StaleAlert } from "@/components/ui/stale-alert";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { IdField } from "@/components/ui/id-field";

type Props = {
  orgSlug: string;
  engagementId: string;
  requirementId: string;
  action: FormAction;
};

export function NotApplicableForm({ orgSlug, engagementId, requirementId, action }: Props) {
  const { pending, onSubmit, fieldErrors, formError } = useActionForm(action);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <IdField name="orgSlug" value={orgSlug} />
      <IdField name="engagementId" value={engagementId} />
      <IdField name="requirementId" value={requirementId} />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {fieldErrors?.version ? <StaleAlert conflict={fieldErrors.version} /> : null}
      <TextareaField
        label="Justification"
        name="justification"
        rows={3}
        errors={fieldErrors?.justification}
        hint="Required. It appears in every export next to the requirement (SOC 2 description criterion DC8)."
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Mark not applicable"}
      </Button>
    </form>
  );
}
