"use client";

import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Checkbox } from "@/components/ui/input";
import { SelectField, TextareaField } from "@/components/ui/select-field";
import { StaleVersionNotice } from "@/components/ui/stale-version-notice";
import { useActionForm } from "@/components/ui/use-action-form";
import { useLatestVersion } from "@/components/ui/use-latest-version";
import type { FormAction } from "@/lib/action-result";
import { CONTROL_FREQUENCIES, CONTROL_NATURES, CONTROL_STATUSES } from "@/lib/domain/controls";
import { MAX_GRACE_DAYS } from "@/lib/schemas/control-limits";
import { IdField } from "@/components/ui/id-field";
import {
  CONTROL_STATUS_LABELS,
  FREQUENCY_LABELS,
  labelledOptions,
  NATURE_LABELS,
} from "@/lib/domain/labels";

export type ControlFormValues = {
  ref: string;
  title: string;
  description: string;
  ownerId: string | null;
  status: string;
  frequency: string;
  nature: string;
  key: boolean;
  graceDays: number;
};

type Props = {
  orgSlug: string;
  /** An existing control: its id and the version the page was loaded at. */
  existing?: { id: string; version: number };
  initial?: ControlFormValues;
  members: { id: string; name: string }[];
  /** Where a new control's grace days start: the organisation's default. */
  defaultGraceDays?: number;
  action: FormAction<{ id: string } | null>;
};

export function ControlForm({
  orgSlug,
  existing,
  initial,
  members,
  defaultGraceDays = 0,
  action,
}: Props) {
  const router = useRouter();
  const controlId = existing?.id;
  const [latest, bindForm] = useLatestVersion(existing?.version);
  const { pending, onSubmit, fieldErrors, formError, result } = useActionForm(action, (data) => {
    if (data && "id" in data) router.push(`/o/${orgSlug}/controls/${data.id}`);
    else router.refresh();
  });
  return (
    <form
      key={latest.generation}
      ref={bindForm}
      onSubmit={onSubmit}
      noValidate
      className="space-y-4"
    >
      <IdField name="orgSlug" value={orgSlug} />
      <IdField name="controlId" value={existing?.id} />
      {existing ? (
        <StaleVersionNotice
          version={existing.version}
          error={fieldErrors?.version}
          latest={latest}
        />
      ) : null}
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {result?.ok && controlId ? <Alert tone="success">Control saved.</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-[10rem_1fr]">
        <Field
          label="Reference"
          name="ref"
          defaultValue={latest.text("ref", initial?.ref ?? "")}
          errors={fieldErrors?.ref}
          hint="e.g. AC-01"
          required
        />
        <Field
          label="Title"
          name="title"
          defaultValue={latest.text("title", initial?.title ?? "")}
          errors={fieldErrors?.title}
          required
        />
      </div>
      <TextareaField
        label="Description (design narrative)"
        name="description"
        rows={5}
        defaultValue={latest.text("description", initial?.description ?? "")}
        errors={fieldErrors?.description}
        hint="What is done, by whom, how and how often. Auditors read this first."
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Owner"
          name="ownerId"
          defaultValue={latest.text("ownerId", initial?.ownerId ?? "")}
          errors={fieldErrors?.ownerId}
          options={[
            { value: "", label: "No owner yet" },
            ...members.map((m) => ({ value: m.id, label: m.name })),
          ]}
        />
        <SelectField
          label="Status"
          name="status"
          defaultValue={latest.text("status", initial?.status ?? "draft")}
          errors={fieldErrors?.status}
          options={labelledOptions(CONTROL_STATUSES, CONTROL_STATUS_LABELS)}
        />
        <SelectField
          label="Frequency"
          name="frequency"
          defaultValue={latest.text("frequency", initial?.frequency ?? "quarterly")}
          errors={fieldErrors?.frequency}
          options={labelledOptions(CONTROL_FREQUENCIES, FREQUENCY_LABELS)}
        />
        <SelectField
          label="Nature"
          name="nature"
          defaultValue={latest.text("nature", initial?.nature ?? "manual")}
          errors={fieldErrors?.nature}
          options={labelledOptions(CONTROL_NATURES, NATURE_LABELS)}
        />
      </div>
      <div className="max-w-xs">
        <Field
          label="Grace days"
          name="graceDays"
          type="number"
          min={0}
          max={MAX_GRACE_DAYS}
          step={1}
          inputMode="numeric"
          defaultValue={latest.text("graceDays", String(initial?.graceDays ?? defaultGraceDays))}
          errors={fieldErrors?.graceDays}
          hint="Days after an occurrence ends that its evidence may still arrive (0–90)."
        />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <Checkbox name="key" defaultChecked={latest.checked("key", "on", initial?.key ?? false)} />{" "}
        Key control (relied on to meet its requirements)
      </label>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : controlId ? "Save control" : "Create control"}
      </Button>
    </form>
  );
}
