"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { SelectField, TextareaField } from "@/components/ui/select-field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/action-result";
import { FileUploader } from "./file-uploader";

type Action = (previous: unknown, formData: FormData) => Promise<ActionResult<{ id: string }>>;
type LinkAction = (previous: unknown, formData: FormData) => Promise<ActionResult<null>>;

export type AddEvidenceProps = {
  orgSlug: string;
  controlId: string;
  today: string;
  events: { id: string; label: string }[];
  noteAction: Action;
  linkAction: Action;
  reuseAction: LinkAction;
};

const TABS = ["Note", "Link", "Files"] as const;

function CommonFields({
  today,
  events,
  errors,
}: {
  today: string;
  events: AddEvidenceProps["events"];
  errors?: Record<string, string[]>;
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <SelectField
        label="Purpose"
        name="purpose"
        defaultValue="operating"
        errors={errors?.purpose}
        options={[
          { value: "operating", label: "Operating (an occurrence)" },
          { value: "design", label: "Design (policy, configuration)" },
        ]}
      />
      <Field
        label="Effective date"
        name="effectiveDate"
        type="date"
        defaultValue={today}
        errors={errors?.effectiveDate}
        hint="The date the evidence represents."
      />
      <Field
        label="Covers until (optional)"
        name="coverageEnd"
        type="date"
        errors={errors?.coverageEnd}
        hint="For evidence covering a range."
      />
      {events.length ? (
        <SelectField
          label="Population event (optional)"
          name="eventId"
          defaultValue=""
          errors={errors?.eventId}
          options={[
            { value: "", label: "None" },
            ...events.map((e) => ({ value: e.id, label: e.label })),
          ]}
        />
      ) : null}
    </div>
  );
}

function TextEvidenceForm({
  props,
  kind,
  children,
}: {
  props: AddEvidenceProps;
  kind: "note" | "link";
  children: (errors?: Record<string, string[]>) => ReactNode;
}) {
  const router = useRouter();
  const { pending, onSubmit, fieldErrors, formError, result } = useActionForm(
    kind === "note" ? props.noteAction : props.linkAction,
    (_data, form) => {
      form.reset();
      router.refresh();
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <input type="hidden" name="orgSlug" value={props.orgSlug} />
      <input type="hidden" name="controlIds" value={props.controlId} />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {result?.ok ? <Alert tone="success">Evidence added.</Alert> : null}
      <Field label="Evidence title" name="title" errors={fieldErrors?.title} />
      {children(fieldErrors)}
      <CommonFields today={props.today} events={props.events} errors={fieldErrors} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : kind === "note" ? "Add note" : "Add link"}
      </Button>
    </form>
  );
}

/** Record evidence on a control: a Markdown note, a link, or one or more files. */
export function AddEvidence(props: AddEvidenceProps) {
  const [tab, setTab] = useState<(typeof TABS)[number]>("Files");
  return (
    <div className="space-y-4">
      <div role="tablist" aria-label="Kind of evidence" className="flex gap-1">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            onClick={() => setTab(name)}
            className={cn(
              "rounded-md px-3 py-1.5 text-sm",
              tab === name
                ? "bg-brand-50 font-medium text-brand-900"
                : "text-slate-600 hover:bg-slate-100",
            )}
          >
            {name}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={`${tab} evidence`}>
        {tab === "Note" ? (
          <TextEvidenceForm props={props} kind="note">
            {(errors) => (
              <TextareaField label="Note (Markdown)" name="note" rows={5} errors={errors?.note} />
            )}
          </TextEvidenceForm>
        ) : tab === "Link" ? (
          <TextEvidenceForm props={props} kind="link">
            {(errors) => (
              <Field
                label="Web address"
                name="url"
                type="url"
                placeholder="https://…"
                errors={errors?.url}
              />
            )}
          </TextEvidenceForm>
        ) : (
          <FileUploader
            orgSlug={props.orgSlug}
            controlId={props.controlId}
            today={props.today}
            events={props.events}
            reuseAction={props.reuseAction}
          >
            <CommonFields today={props.today} events={props.events} />
          </FileUploader>
        )}
      </div>
    </div>
  );
}
