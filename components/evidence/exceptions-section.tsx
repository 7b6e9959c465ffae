"use client";

import { ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Field } from "@/components/ui/field";
import { SelectField, TextareaField } from "@/components/ui/select-field";
import type { FormAction } from "@/lib/action-result";
import { EXCEPTION_SEVERITIES, EXCEPTION_STATUSES } from "@/lib/domain/evidence";
import {
  EXCEPTION_STATUS_LABELS,
  labelledOptions,
  labelOf,
  SEVERITY_LABELS,
} from "@/lib/domain/labels";

type ExceptionItem = {
  id: string;
  date: string;
  description: string;
  severity: string;
  status: string;
  remediationNote: string | null;
  version: number;
};

type Props = {
  orgSlug: string;
  controlId: string;
  today: string;
  items: ExceptionItem[];
  canEdit: boolean;
  recordAction: FormAction<{ id: string }>;
  remediateAction: FormAction;
  /** Corrections of any field, and deletion with a reason. */
  correct?: { updateAction: FormAction; deleteAction: FormAction };
};

function CorrectException({
  orgSlug,
  today,
  item,
  correct,
}: {
  orgSlug: string;
  today: string;
  item: ExceptionItem;
  correct: NonNullable<Props["correct"]>;
}) {
  return (
    <details className="text-xs">
      <summary className="cursor-pointer text-brand-700">Correct or delete</summary>
      <ActionForm
        action={correct.updateAction}
        hidden={{ orgSlug, exceptionId: item.id, version: String(item.version) }}
        submitLabel="Save correction"
        successMessage={() => "Exception corrected."}
        className="mt-2 space-y-3"
      >
        {(errors) => (
          <>
            <div className="grid gap-3 sm:grid-cols-3">
              <Field
                label="Date of the deviation"
                name="date"
                type="date"
                max={today}
                defaultValue={item.date}
                errors={errors?.date}
              />
              <SelectField
                label="Severity"
                name="severity"
                defaultValue={item.severity}
                errors={errors?.severity}
                options={labelledOptions(EXCEPTION_SEVERITIES, SEVERITY_LABELS)}
              />
              <SelectField
                label="Status"
                name="status"
                defaultValue={item.status}
                errors={errors?.status}
                options={labelledOptions(EXCEPTION_STATUSES, EXCEPTION_STATUS_LABELS)}
              />
            </div>
            <TextareaField
              label="What happened"
              name="description"
              rows={3}
              defaultValue={item.description}
              errors={errors?.description}
            />
            <TextareaField
              label="Remediation note"
              name="remediationNote"
              rows={2}
              defaultValue={item.remediationNote ?? ""}
              hint="Needed when the status is Remediated."
              errors={errors?.remediationNote}
            />
          </>
        )}
      </ActionForm>
      <div className="mt-2">
        <ConfirmAction
          triggerLabel="Delete exception"
          title="Delete this exception?"
          description={`The ${labelOf(SEVERITY_LABELS, item.severity).toLowerCase()} severity exception of ${item.date} will be removed. The deletion and its reason are recorded in the activity log.`}
          confirmLabel="Delete exception"
          action={correct.deleteAction}
          fields={{ orgSlug, exceptionId: item.id, version: String(item.version) }}
          reason={{ label: "Reason for deleting", hint: "e.g. recorded on the wrong control." }}
        />
      </div>
    </details>
  );
}

/** Deviations on a control: an open one keeps the control from being ready until remediated. */
export function ExceptionsSection({
  orgSlug,
  controlId,
  today,
  items,
  canEdit,
  recordAction,
  remediateAction,
  correct,
}: Props) {
  return (
    <div className="space-y-4">
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">
          No exceptions recorded. When an occurrence did not operate as designed, record it here
          with its root cause and remediation.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Exceptions">
          {items.map((item) => (
            <li key={item.id} className="space-y-2 py-3 text-sm">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={item.status === "open" ? "danger" : "success"}>
                  {labelOf(EXCEPTION_STATUS_LABELS, item.status)}
                </Badge>
                <Badge>{labelOf(SEVERITY_LABELS, item.severity)} severity</Badge>
                <span className="text-slate-600">{item.date}</span>
              </div>
              <p>{item.description}</p>
              {item.remediationNote ? (
                <p className="text-slate-600">Remediation: {item.remediationNote}</p>
              ) : null}
              {item.status === "open" && canEdit ? (
                <ActionForm
                  action={remediateAction}
                  hidden={{ orgSlug, exceptionId: item.id, version: String(item.version) }}
                  submitLabel="Mark remediated"
                >
                  {(errors) => (
                    <TextareaField
                      label="How was it remediated?"
                      name="remediationNote"
                      rows={2}
                      errors={errors?.remediationNote}
                    />
                  )}
                </ActionForm>
              ) : null}
              {canEdit && correct ? (
                <CorrectException orgSlug={orgSlug} today={today} item={item} correct={correct} />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <details className="rounded-md border border-slate-200 p-3">
          <summary className="cursor-pointer text-sm font-medium">Record an exception</summary>
          <ActionForm
            action={recordAction}
            hidden={{ orgSlug, controlId }}
            submitLabel="Record exception"
            successMessage={() => "Exception recorded."}
            className="mt-3 space-y-3"
          >
            {(errors) => (
              <>
                <div className="grid gap-3 sm:grid-cols-2">
                  <Field
                    label="Date of the deviation"
                    name="date"
                    type="date"
                    max={today}
                    defaultValue={today}
                    errors={errors?.date}
                  />
                  <SelectField
                    label="Severity"
                    name="severity"
                    defaultValue="medium"
                    errors={errors?.severity}
                    options={labelledOptions(EXCEPTION_SEVERITIES, SEVERITY_LABELS)}
                  />
                </div>
                <TextareaField
                  label="What happened"
                  name="description"
                  rows={3}
                  errors={errors?.description}
                />
              </>
            )}
          </ActionForm>
        </details>
      ) : null}
    </div>
  );
}
