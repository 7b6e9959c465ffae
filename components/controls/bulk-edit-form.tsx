"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Checkbox } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select-field";
import { StaleAlert } from "@/components/ui/stale-alert";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { plural } from "@/lib/domain/plural";
import { CONTROL_STATUSES } from "@/lib/domain/controls";
import { CONTROL_STATUS_LABELS, labelledOptions } from "@/lib/domain/labels";
import { MAX_BULK_CONTROLS, MAX_GRACE_DAYS } from "@/lib/schemas/control-limits";
import { IdField } from "@/components/ui/id-field";

type Props = {
  orgSlug: string;
  members: { id: string; name: string }[];
  action: FormAction<{ updated: number }>;
  /**
   * Every control the filters match: how many, and their ids and versions when one edit may
   * change them all (null when there are more than that).
   */
  matching: { total: number; controls: { id: string; version: number }[] | null };
  children: ReactNode;
};

const rowBoxes = (form: HTMLFormElement) => [
  ...form.querySelectorAll<HTMLInputElement>("input[name=controlIds][type=checkbox]"),
];

/**
 * Wraps the control table: rows carry `controlIds` checkboxes and their `controlVersions`, this
 * form sets owner, status and/or grace days on the checked ones.
 */
export function BulkEditForm({ orgSlug, members, action, matching, children }: Props) {
  const [selection, setSelection] = useState({ checked: 0, onPage: 0 });
  const [allMatching, setAllMatching] = useState(false);
  const { pending, onSubmit, result, fieldErrors } = useActionForm(action, (_data, form) => {
    rowBoxes(form).forEach((box) => (box.checked = false));
    setSelection({ checked: 0, onPage: rowBoxes(form).length });
    setAllMatching(false);
  });
  const recount = (form: HTMLFormElement) => {
    const boxes = rowBoxes(form);
    setSelection({ checked: boxes.filter((box) => box.checked).length, onPage: boxes.length });
  };
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement;
    if (target.name !== "controlIds") return;
    if (!target.checked) setAllMatching(false);
    recount(event.currentTarget);
  };
  const selectPage = (form: HTMLFormElement | null, checked: boolean) => {
    if (!form) return;
    rowBoxes(form).forEach((box) => (box.checked = checked));
    if (!checked) setAllMatching(false);
    recount(form);
  };
  const pageAll = selection.onPage > 0 && selection.checked === selection.onPage;
  const more = matching.total > selection.onPage;
  const stale = fieldErrors?.version;
  const problem =
    result && !result.ok && !stale
      ? fieldErrors
        ? Object.values(fieldErrors).flat().join(" ")
        : result.message
      : null;
  return (
    <form onSubmit={onSubmit} onChange={onChange} className="space-y-3">
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
            Updated {plural(result.data.updated, "control")}.
          </span>
        ) : null}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3 text-sm" aria-live="polite">
        <label className="flex items-center gap-2">
          <Checkbox
            checked={pageAll}
            ref={(box) => {
              if (box) box.indeterminate = selection.checked > 0 && !pageAll;
            }}
            onChange={(event) => selectPage(event.currentTarget.form, event.currentTarget.checked)}
          />
          Select all on this page
        </label>
        <span className="text-slate-600">
          {allMatching
            ? `All ${matching.total} matching controls are selected.`
            : `${selection.checked} selected.`}
        </span>
        {pageAll && more && !allMatching ? (
          matching.controls ? (
            <Button type="button" variant="link" size="sm" onClick={() => setAllMatching(true)}>
              Select all {matching.total} matching controls
            </Button>
          ) : (
            <span className="text-slate-600">
              {matching.total} controls match: narrow the filters to edit at most{" "}
              {MAX_BULK_CONTROLS} at once.
            </span>
          )
        ) : null}
        {allMatching ? (
          <Button
            type="button"
            variant="link"
            size="sm"
            onClick={(event) => selectPage(event.currentTarget.form, false)}
          >
            Clear selection
          </Button>
        ) : null}
      </div>
      {allMatching && matching.controls
        ? matching.controls.map((control) => (
            <span key={control.id} hidden>
              <input type="hidden" name="controlIds" value={control.id} />
              <input
                type="hidden"
                name="controlVersions"
                value={`${control.id}:${control.version}`}
              />
            </span>
          ))
        : null}
      {problem ? <Alert tone="error">{problem}</Alert> : null}
      {stale ? <StaleAlert conflict={stale} kept="Your selection and choices are kept." /> : null}
      {children}
    </form>
  );
}
