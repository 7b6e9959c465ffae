"use client";

import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { SelectField } from "@/components/ui/select-field";
import type { FormAction } from "@/lib/action-result";

type Props = {
  orgSlug: string;
  /** The item and the version it was shown at. */
  evidence: { id: string; version: number };
  title: string;
  /** The organisation's controls: the same list for every item of the page (sent once). */
  controls: { id: string; ref: string; title: string }[];
  /** The controls the item already supports, left out of the choice. */
  linkedIds: string[];
  action: FormAction;
};

/**
 * Evidence reuse: the same item also supports another control. The choice is drawn when it is
 * opened: a page of 100 items in an organisation of 2,000 controls drew 200,000 options.
 */
export function LinkEvidenceForm({ orgSlug, evidence, title, controls, linkedIds, action }: Props) {
  const [open, setOpen] = useState(false);
  if (controls.every((control) => linkedIds.includes(control.id))) return null;
  return (
    <details className="mt-1 text-xs" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="cursor-pointer text-brand-700">Use for another control</summary>
      {open ? <LinkChoice {...{ orgSlug, evidence, title, controls, linkedIds, action }} /> : null}
    </details>
  );
}

function LinkChoice({ orgSlug, evidence, title, controls, linkedIds, action }: Props) {
  const linked = new Set(linkedIds);
  return (
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
          options={controls
            .filter((control) => !linked.has(control.id))
            .map((control) => ({ value: control.id, label: `${control.ref} ${control.title}` }))}
        />
      )}
    </ActionForm>
  );
}
