"use client";

import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { StaleAlert } from "@/components/ui/stale-alert";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { CONTROL_STATUSES } from "@/lib/domain/controls";
import { CONTROL_STATUS_LABELS, labelledOptions } from "@/lib/domain/labels";
import { MAX_GRACE_DAYS } from "@/lib/schemas/control";
import { IdField } from "@/components/ui/id-field";

type Props = {
  orgSlug: string;
  members: { id: string; name: string }[];
  action: FormAction<{ updated: number }>;
  children: ReactNode;
};

/**
 * Wraps the control table: rows carry `controlIds` checkboxes and their `controlVersions`, this
 * form sets owner, status and/or grace days on the checked ones.
 */
export function BulkEditForm({ orgSlug, members, action, children }: Props) {
  const { pending, onSubmit, result, fieldErrors } = useActionForm(action, (_data, form) => {
    form
      .querySelectorAll<HTMLInputElement>("input[name=controlIds]")
      .forEach((box) => (box.checked = false));
  });
  const stale = fieldErrors?.version;
  const problem =
    result && !result.ok && !stale
      ? fieldErrors
        ? Object.values(fieldErrors).flat().join(" ")
        : result.message
      : null;
  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <IdField name="orgSlug" value={orgSlug} />
      <fieldset className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <legend className="px-1 text-sm font-medium text-slate-700">
          Bulk edit selected controls
        </legend>
        <SelectField
          label="Set owner"
          name="ownerId"
          defaultValue="keep"
          options={[
            { value: "keep", label: "Keep as is" },
            { value: "none", label: "No owner" },
            ...members.map((m) => ({ value: m.id, label: m.name })),
          ]}
        />
        <SelectField
          label="Set status"
          name="status"
          defaultValue="keep"
          options={[
            { value: "keep", label: "Keep as is" },
            ...labelledOptions(CONTROL_STATUSES, CONTROL_STATUS_LABELS),
          ]}
        />
        <div className="w-40">
          <Field
            label="Set grace days"
            name="graceDays"
            type="number"
            min={0}
            max={MAX_GRACE_DAYS}
            step={1}
            inputMode="numeric"
            placeholder="Keep as is"
            hint="Blank keeps each control's."
          />
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Applying…" : "Apply to selected"}
        </Button>
        {result?.ok ? (
          <span role="status" className="text-sm text-green-700">
            Updated {result.data.updated} controls.
          </span>
        ) : null}
      </fieldset>
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {stale ? <StaleAlert conflict={stale} kept="Your selection and choices are kept." /> : null}
      {children}
    </form>
  );
}
