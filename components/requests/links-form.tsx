"use client";

import { useId } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldErrors } from "@/components/ui/field";
import { Input, Label } from "@/components/ui/input";
import type { FormAction } from "@/lib/action-result";

type Props = {
  orgSlug: string;
  requestId: string;
  version: number;
  requirementCodes: string[];
  controlIds: string[];
  controls: { id: string; ref: string; title: string }[];
  action: FormAction;
};

/** The requirements (by code) and controls a request is about; suggested on import, edited here. */
export function LinksForm(props: Props) {
  const id = useId();
  const chosen = new Set(props.controlIds);
  return (
    <ActionForm
      action={props.action}
      hidden={{
        orgSlug: props.orgSlug,
        requestId: props.requestId,
        version: String(props.version),
      }}
      submitLabel="Save links"
    >
      {(errors) => (
        <>
          <div className="space-y-1">
            <Label htmlFor={`${id}-codes`}>Criteria or objectives (codes, comma-separated)</Label>
            <Input
              id={`${id}-codes`}
              name="requirementCodes"
              defaultValue={props.requirementCodes.join(", ")}
            />
            <FieldErrors errors={errors?.requirementCodes} />
          </div>
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium">Controls</legend>
            <div className="max-h-40 space-y-1 overflow-y-auto rounded border border-slate-200 p-2">
              {props.controls.map((control) => (
                <label key={control.id} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    name="controlIds"
                    value={control.id}
                    defaultChecked={chosen.has(control.id)}
                    className="h-4 w-4"
                  />
                  {control.ref} {control.title}
                </label>
              ))}
            </div>
            <FieldErrors errors={errors?.controlIds} />
          </fieldset>
        </>
      )}
    </ActionForm>
  );
}
