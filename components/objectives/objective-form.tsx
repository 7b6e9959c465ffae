"use client";

import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField, TextareaField } from "@/components/ui/select-field";
import { StaleVersionNotice } from "@/components/ui/stale-version-notice";
import { useActionForm } from "@/components/ui/use-action-form";
import { useLatestVersion } from "@/components/ui/use-latest-version";
import type { FormAction } from "@/lib/action-result";
import { OBJECTIVE_AREAS } from "@/lib/domain/catalog";
import { IdField } from "@/components/ui/id-field";
import { AREA_LABELS } from "@/lib/domain/labels";

type Props = {
  orgSlug: string;
  /** An existing objective, as loaded (with its version). */
  objective?: {
    id: string;
    ref: string;
    area: string;
    title: string;
    objective: string;
    version: number;
  };
  action: FormAction<{ id: string }>;
};

export function ObjectiveForm({ orgSlug, objective, action }: Props) {
  const router = useRouter();
  const [latest, bindForm] = useLatestVersion(objective?.version);
  const { pending, onSubmit, fieldErrors, formError, result } = useActionForm(
    action,
    (_data, form) => {
      if (objective) router.push(`/o/${orgSlug}/objectives`);
      else form.reset();
      router.refresh();
    },
  );
  return (
    <form
      key={latest.generation}
      ref={bindForm}
      onSubmit={onSubmit}
      noValidate
      className="space-y-4"
    >
      <IdField name="orgSlug" value={orgSlug} />
      <IdField name="objectiveId" value={objective?.id} />
      {objective ? (
        <StaleVersionNotice
          version={objective.version}
          error={fieldErrors?.version}
          latest={latest}
        />
      ) : null}
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {result?.ok && !objective ? <Alert tone="success">Objective added.</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-[10rem_1fr_14rem]">
        <Field
          label="Reference"
          name="ref"
          defaultValue={latest.text("ref", objective?.ref ?? "")}
          errors={fieldErrors?.ref}
          hint="e.g. ITGC-13"
        />
        <Field
          label="Objective title"
          name="title"
          defaultValue={latest.text("title", objective?.title ?? "")}
          errors={fieldErrors?.title}
        />
        <SelectField
          label="Area"
          name="area"
          defaultValue={latest.text("area", objective?.area ?? "itgc")}
          errors={fieldErrors?.area}
          options={OBJECTIVE_AREAS.map((a) => ({ value: a, label: AREA_LABELS[a] }))}
        />
      </div>
      <TextareaField
        label="Control objective"
        name="objective"
        rows={3}
        defaultValue={latest.text("objective", objective?.objective ?? "")}
        errors={fieldErrors?.objective}
        hint='Usually "Controls provide reasonable assurance that …"'
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : objective ? "Save objective" : "Add objective"}
      </Button>
    </form>
  );
}
