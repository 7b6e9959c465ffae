"use client";

import { useId } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldErrors } from "@/components/ui/field";
import type { FormAction } from "@/lib/action-result";

type Option = { value: string; label: string };

type Props = {
  orgSlug: string;
  requestId: string;
  version: number;
  requirementCodes: string[];
  controlIds: string[];
  /** The engagement's in-scope requirements (criteria or objectives). */
  requirements: { code: string; title: string }[];
  controls: { id: string; ref: string; title: string }[];
  action: FormAction;
};

function Picker(props: {
  legend: string;
  name: string;
  options: Option[];
  chosen: Set<string>;
  errors?: string[];
}) {
  const id = useId();
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium">{props.legend}</legend>
      {props.options.length === 0 ? (
        <p className="text-sm text-slate-600">None to choose from.</p>
      ) : (
        <div className="max-h-40 space-y-1 overflow-y-auto rounded border border-slate-200 p-2">
          {props.options.map((option) => (
            <label key={option.value} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name={props.name}
                value={option.value}
                defaultChecked={props.chosen.has(option.value)}
                aria-describedby={props.errors?.length ? `${id}-errors` : undefined}
                className="h-4 w-4"
              />
              {option.label}
            </label>
          ))}
        </div>
      )}
      <div id={`${id}-errors`}>
        <FieldErrors errors={props.errors} />
      </div>
    </fieldset>
  );
}

/**
 * The requirements and controls a request is linked to, picked from the engagement's
 * requirements and the organisation's controls: suggested on import, edited here.
 */
export function LinksForm(props: Props) {
  return (
    <ActionForm
      action={props.action}
      hidden={{
        orgSlug: props.orgSlug,
        requestId: props.requestId,
        version: String(props.version),
      }}
      submitLabel="Save links"
      successMessage={() => "Links saved."}
    >
      {(errors) => (
        <>
          <Picker
            legend="Criteria or objectives"
            name="requirementCodes"
            options={props.requirements.map((requirement) => ({
              value: requirement.code,
              label: `${requirement.code} ${requirement.title}`,
            }))}
            chosen={new Set(props.requirementCodes)}
            errors={errors?.requirementCodes}
          />
          <Picker
            legend="Controls"
            name="controlIds"
            options={props.controls.map((control) => ({
              value: control.id,
              label: `${control.ref} ${control.title}`,
            }))}
            chosen={new Set(props.controlIds)}
            errors={errors?.controlIds}
          />
        </>
      )}
    </ActionForm>
  );
}
