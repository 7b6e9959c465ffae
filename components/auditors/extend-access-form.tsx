"use client";

import { ActionForm } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import type { FormAction } from "@/lib/action-result";

type Props = {
  orgSlug: string;
  accessId: string;
  engagementName: string;
  lastDay: string;
  action: FormAction;
};

/** A new last day for one engagement's access; also restores revoked or expired access. */
export function ExtendAccessForm({ orgSlug, accessId, engagementName, lastDay, action }: Props) {
  return (
    <ActionForm
      action={action}
      hidden={{ orgSlug, accessId }}
      submitLabel="Set last day"
      className="flex flex-wrap items-end gap-2"
    >
      {(errors) => (
        <Field
          label={`Last day for ${engagementName}`}
          name="lastDay"
          type="date"
          defaultValue={lastDay}
          errors={errors?.lastDay}
          required
        />
      )}
    </ActionForm>
  );
}
