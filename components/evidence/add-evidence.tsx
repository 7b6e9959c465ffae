"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { TextareaField } from "@/components/ui/select-field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import type { OccurrenceChoice } from "@/lib/domain/readiness/occurrences";
import { EvidenceFields } from "./evidence-fields";
import { FileUploader } from "./file-uploader";
import { IdField } from "@/components/ui/id-field";

export type AddEvidenceProps = {
  orgSlug: string;
  controlId: string;
  today: string;
  events: { id: string; label: string }[];
  /** The control's occurrences in its engagements, in picker order (missing first). */
  occurrences: OccurrenceChoice[];
  /** From the page's address (`?slot=2026-Q1&purpose=operating#add-evidence`). */
  preselect?: { slot?: string; purpose?: "design" | "operating" };
  noteAction: FormAction<{ id: string }>;
  linkAction: FormAction<{ id: string }>;
  reuseAction: FormAction;
};

const TABS = ["Note", "Link", "Files"] as const;

function CommonFields({
  props,
  errors,
}: {
  props: AddEvidenceProps;
  errors?: Record<string, string[]>;
}) {
  return (
    <EvidenceFields
      today={props.today}
      events={props.events}
      occurrences={props.occurrences}
      initial={{
        purpose: props.preselect?.purpose ?? "operating",
        effectiveDate: props.today,
        coverageEnd: null,
        eventId: null,
        slotKey: null,
      }}
      preselect={props.preselect?.slot}
      errors={errors}
    />
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
  // A saved item starts the next one afresh: the fields remount at their initial values.
  const [generation, setGeneration] = useState(0);
  const { pending, onSubmit, fieldErrors, formError, result } = useActionForm(
    kind === "note" ? props.noteAction : props.linkAction,
    (_data, form) => {
      form.reset();
      setGeneration((value) => value + 1);
      router.refresh();
    },
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <IdField name="orgSlug" value={props.orgSlug} />
      <IdField name="controlIds" value={props.controlId} />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {result?.ok ? <Alert tone="success">Evidence added.</Alert> : null}
      <Field label="Evidence title" name="title" errors={fieldErrors?.title} />
      {children(fieldErrors)}
      <CommonFields key={generation} props={props} errors={fieldErrors} />
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
    <div id="add-evidence" className="scroll-mt-4 space-y-4">
      <div
        role="tablist"
        aria-label="Kind of evidence"
        className="flex gap-1"
        onKeyDown={(event) => {
          // A tab list: arrow keys (and Home/End) move between the tabs, Tab leaves the list.
          const index = TABS.indexOf(tab);
          const next =
            event.key === "ArrowRight"
              ? (index + 1) % TABS.length
              : event.key === "ArrowLeft"
                ? (index + TABS.length - 1) % TABS.length
                : event.key === "Home"
                  ? 0
                  : event.key === "End"
                    ? TABS.length - 1
                    : null;
          if (next === null) return;
          event.preventDefault();
          setTab(TABS[next]!);
          document.getElementById(`evidence-tab-${TABS[next]}`)?.focus();
        }}
      >
        {TABS.map((name) => (
          <button
            key={name}
            id={`evidence-tab-${name}`}
            type="button"
            role="tab"
            aria-selected={tab === name}
            aria-controls="evidence-tabpanel"
            tabIndex={tab === name ? 0 : -1}
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
      <div role="tabpanel" id="evidence-tabpanel" aria-labelledby={`evidence-tab-${tab}`}>
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
            <CommonFields props={props} />
          </FileUploader>
        )}
      </div>
    </div>
  );
}
