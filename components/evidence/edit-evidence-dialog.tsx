"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Field, FieldErrors } from "@/components/ui/field";
import { Checkbox } from "@/components/ui/input";
import { TextareaField } from "@/components/ui/select-field";
import { StaleAlert } from "@/components/ui/stale-alert";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import type { OccurrenceChoice } from "@/lib/domain/readiness/occurrences";
import { EvidenceFields } from "./evidence-fields";
import { IdField } from "@/components/ui/id-field";

export type EditableEvidence = {
  id: string;
  kind: string;
  title: string;
  purpose: string;
  effectiveDate: string;
  coverageEnd: string | null;
  eventId: string | null;
  slotKey: string | null;
  note: string | null;
  url: string | null;
  controls: { id: string; ref: string }[];
  version: number;
};

type Props = {
  orgSlug: string;
  item: EditableEvidence;
  today: string;
  events: { id: string; label: string }[];
  occurrences: readonly OccurrenceChoice[];
  controls: { id: string; ref: string; title: string }[];
  action: FormAction;
};

/** Corrects an evidence item in a dialog: every field but the file itself, from the version shown. */
export function EditEvidenceDialog({
  orgSlug,
  item,
  today,
  events,
  occurrences,
  controls,
  action,
}: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { pending, onSubmit, fieldErrors, formError } = useActionForm(action, () => {
    setOpen(false);
    router.refresh();
  });
  const linked = new Set(item.controls.map((control) => control.id));
  // Controls the editor cannot list (none, for an auditor-scoped page) still show as linked.
  const options = [
    ...controls,
    ...item.controls
      .filter((control) => !controls.some((option) => option.id === control.id))
      .map((control) => ({ ...control, title: "" })),
  ];
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary" size="sm" aria-label={`Edit evidence ${item.title}`}>
          Edit
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Correct this evidence</DialogTitle>
        <form
          onSubmit={onSubmit}
          noValidate
          className="mt-4 max-h-[70vh] space-y-3 overflow-y-auto"
        >
          <IdField name="orgSlug" value={orgSlug} />
          <IdField name="evidenceId" value={item.id} />
          <IdField name="version" value={item.version} />
          {fieldErrors?.version ? (
            <StaleAlert conflict={fieldErrors.version} kept="Close and reopen to see the latest." />
          ) : null}
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <Field
            label="Evidence title"
            name="title"
            defaultValue={item.title}
            errors={fieldErrors?.title}
          />
          <EvidenceFields
            today={today}
            events={events}
            occurrences={occurrences}
            initial={{ ...item, slotKey: item.slotKey ?? "" }}
            errors={fieldErrors}
          />
          {item.kind === "note" ? (
            <TextareaField
              label="Note (Markdown)"
              name="note"
              rows={5}
              defaultValue={item.note ?? ""}
              errors={fieldErrors?.note}
            />
          ) : null}
          {item.kind === "link" ? (
            <Field
              label="Web address"
              name="url"
              type="url"
              defaultValue={item.url ?? ""}
              errors={fieldErrors?.url}
            />
          ) : null}
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium text-slate-700">Controls it supports</legend>
            <div className="max-h-40 space-y-1 overflow-y-auto rounded-md border border-slate-200 p-2">
              {options.map((control) => (
                <label key={control.id} className="flex items-center gap-2 text-sm">
                  <Checkbox
                    name="controlIds"
                    value={control.id}
                    defaultChecked={linked.has(control.id)}
                  />
                  <span className="font-mono text-xs">{control.ref}</span> {control.title}
                </label>
              ))}
            </div>
            <FieldErrors errors={fieldErrors?.controlIds} />
          </fieldset>
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save correction"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
