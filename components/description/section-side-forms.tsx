"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SelectField } from "@/components/ui/select-field";
import type { FormAction } from "@/lib/action-result";

type Option = { value: string; label: string };

/** The section's owner, chosen from the team. */
export function SectionOwnerForm({
  action,
  hidden,
  ownerId,
  members,
}: {
  action: FormAction<null>;
  hidden: Record<string, string>;
  ownerId: string;
  members: Option[];
}) {
  return (
    <ActionForm action={action} hidden={hidden} submitLabel="Set owner">
      {(errors) => (
        <SelectField
          label="Owner"
          name="ownerId"
          defaultValue={ownerId}
          errors={errors?.ownerId}
          options={[{ value: "", label: "No owner" }, ...members]}
        />
      )}
    </ActionForm>
  );
}

/** Attaches one of the organisation's evidence items to the section. */
export function AttachEvidenceForm({
  action,
  hidden,
  evidence,
}: {
  action: FormAction<null>;
  hidden: Record<string, string>;
  evidence: Option[];
}) {
  return (
    <ActionForm action={action} hidden={hidden} submitLabel="Attach">
      {(errors) => (
        <SelectField
          label="Evidence to attach"
          name="evidenceId"
          errors={errors?.evidenceId}
          options={evidence}
        />
      )}
    </ActionForm>
  );
}
