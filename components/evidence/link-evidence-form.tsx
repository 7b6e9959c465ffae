"use client";

import { ActionForm } from "@/components/ui/action-form";
import { SelectField } from "@/components/ui/select-field";
import type { FormAction } from "@/lib/action-result";

type Props = {
  orgSlug: string;
  /** The item and the version it was shown at. */
  evidence: { id: string; version: number };
  title: string;
  controls: { id: string; ref: string; title: string }[];
  action: FormAction;
};

/** Evidence reuse: the same item also supports another control. */
export function LinkEvidenceForm({ orgSlug, evidence, title, controls, action }: Props) {
  if (controls.length === 0) return null;
  return (
    <details className="mt-1 text-xs">
      <summary className="cursor-pointer text-brand-700">Use for another control</summary>
      <ActionForm
        action={action}
        hidden={{ orgSlug, evidenceId: evidence.id, version: String(evidence.version) }}
        submitLabel="Link evidence"
        successMessage={() => "Linked."}
        className="mt-2 flex flex-wrap items-end gap-2"
      >
        {(errors) => (
          <SelectField
            label={`Also supports (${title})`}
            name="controlIds"
            errors={errors?.controlIds}
            options={controls.map((control) => ({
              value: control.id,
              label: `${control.ref} ${control.title}`,
            }))}
          />
        )}
      </ActionForm>
    </details>
  );
}
