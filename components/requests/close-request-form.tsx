"use client";

import { useId } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { FieldErrors } from "@/components/ui/field";
import { Label, Textarea } from "@/components/ui/input";
import type { FormAction } from "@/lib/action-result";

type Props = {
  orgSlug: string;
  requestId: string;
  evidence: { id: string; title: string; effectiveDate: string }[];
  action: FormAction;
};

/** The team's answer: a note and, usually, the evidence that satisfies the request. */
export function CloseRequestForm({ orgSlug, requestId, evidence, action }: Props) {
  const id = useId();
  return (
    <ActionForm action={action} hidden={{ orgSlug, requestId }} submitLabel="Answer and close">
      {(errors) => (
        <>
          <div className="space-y-1">
            <Label htmlFor={`${id}-answer`}>Answer</Label>
            <Textarea
              id={`${id}-answer`}
              name="answer"
              rows={2}
              placeholder="Attached the Q2 review signed off on 3 July."
            />
            <FieldErrors errors={errors?.answer} />
          </div>
          {evidence.length ? (
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium">Attach evidence</legend>
              <div className="max-h-40 space-y-1 overflow-y-auto rounded border border-slate-200 p-2">
                {evidence.map((item) => (
                  <label key={item.id} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="evidenceIds" value={item.id} className="h-4 w-4" />
                    <span className="tabular-nums text-slate-500">{item.effectiveDate}</span>{" "}
                    {item.title}
                  </label>
                ))}
              </div>
              <FieldErrors errors={errors?.evidenceIds} />
            </fieldset>
          ) : (
            <p className="text-xs text-slate-500">
              No evidence is linked to these controls yet: add it on the control, then attach it
              here.
            </p>
          )}
        </>
      )}
    </ActionForm>
  );
}
