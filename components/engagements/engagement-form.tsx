"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, FieldErrors } from "@/components/ui/field";
import { Checkbox } from "@/components/ui/input";
import { SelectField, TextareaField } from "@/components/ui/select-field";
import { StaleVersionNotice } from "@/components/ui/stale-version-notice";
import { useActionForm } from "@/components/ui/use-action-form";
import { useLatestVersion, type LatestVersion } from "@/components/ui/use-latest-version";
import type { FormAction } from "@/lib/action-result";
import { TSC_CATEGORIES } from "@/lib/domain/catalog";
import { isIsoDate } from "@/lib/domain/dates";
import {
  engagementWarnings,
  REPORT_FAMILIES,
  REPORT_TYPES,
  usesObjectives,
  type ReportFamily,
  type ReportType,
} from "@/lib/domain/engagements";
import { SubserviceEditor, type SubserviceDraft } from "./subservice-editor";
import { IdField } from "@/components/ui/id-field";
import { CATEGORY_LABELS, FAMILY_LABELS, TYPE_LABELS } from "@/lib/domain/labels";

export type EngagementFormValues = {
  name: string;
  family: ReportFamily;
  type: ReportType;
  asOfDate: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  categories: string[];
  objectiveIds: string[];
  cuecs: string[];
  userResponsibilities: string[];
  subservices: SubserviceDraft[];
};

type Objective = { id: string; ref: string; title: string };

type Props = {
  orgSlug: string;
  /** An existing engagement: its id and the version the page was loaded at. */
  existing?: { id: string; version: number };
  initial?: EngagementFormValues;
  objectives: Objective[];
  action: FormAction<{ id: string }>;
};

export function EngagementForm({ orgSlug, existing, initial, objectives, action }: Props) {
  const router = useRouter();
  const [latest, bindForm] = useLatestVersion(existing?.version);
  const { pending, onSubmit, fieldErrors, formError } = useActionForm(action, ({ id }) => {
    router.push(`/o/${orgSlug}/engagements/${id}`);
    router.refresh();
  });
  return (
    <form
      key={latest.generation}
      ref={bindForm}
      onSubmit={onSubmit}
      noValidate
      className="space-y-6"
    >
      <IdField name="orgSlug" value={orgSlug} />
      <IdField name="engagementId" value={existing?.id} />
      {existing ? (
        <StaleVersionNotice
          version={existing.version}
          error={fieldErrors?.version}
          latest={latest}
        />
      ) : null}
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <EngagementFields
        initial={initial}
        objectives={objectives}
        latest={latest}
        fieldErrors={fieldErrors}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : existing ? "Save engagement" : "Create engagement"}
      </Button>
    </form>
  );
}

function draftSubservices(latest: LatestVersion, initial: SubserviceDraft[]): SubserviceDraft[] {
  const typed = latest.text("subservices", "");
  if (!typed) return initial;
  try {
    return JSON.parse(typed) as SubserviceDraft[];
  } catch {
    return initial;
  }
}

type FieldsProps = {
  initial?: EngagementFormValues;
  objectives: Objective[];
  latest: LatestVersion;
  fieldErrors?: Record<string, string[]>;
};

/** The fields, remounted with the form when the latest version is loaded (their state starts again from it). */
function EngagementFields({ initial, objectives, latest, fieldErrors }: FieldsProps) {
  const [family, setFamily] = useState<ReportFamily>(
    REPORT_FAMILIES.find((f) => f === latest.text("family", "")) ?? initial?.family ?? "SOC2",
  );
  const [type, setType] = useState<ReportType>(
    REPORT_TYPES.find((t) => t === latest.text("type", "")) ?? initial?.type ?? "TYPE_II",
  );
  const [periodStart, setPeriodStart] = useState(
    latest.text("periodStart", initial?.periodStart ?? ""),
  );
  const [periodEnd, setPeriodEnd] = useState(latest.text("periodEnd", initial?.periodEnd ?? ""));
  const warnings =
    type === "TYPE_II" && isIsoDate(periodStart) && isIsoDate(periodEnd) && periodStart <= periodEnd
      ? engagementWarnings({ type, periodStart, periodEnd })
      : [];

  return (
    <>
      <Field
        label="Engagement name"
        name="name"
        defaultValue={latest.text("name", initial?.name ?? "")}
        errors={fieldErrors?.name}
        hint="e.g. SOC 2 Type II 2026"
        required
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Report"
          name="family"
          value={family}
          onChange={(e) => setFamily(e.target.value as ReportFamily)}
          errors={fieldErrors?.family}
          options={REPORT_FAMILIES.map((f) => ({ value: f, label: FAMILY_LABELS[f] }))}
        />
        <SelectField
          label="Type"
          name="type"
          value={type}
          onChange={(e) => setType(e.target.value as ReportType)}
          errors={fieldErrors?.type}
          options={REPORT_TYPES.map((t) => ({
            value: t,
            label: `${TYPE_LABELS[t]} (${t === "TYPE_I" ? "design at a date" : "operation over a period"})`,
          }))}
        />
      </div>
      {type === "TYPE_I" ? (
        <Field
          label="As-of date"
          name="asOfDate"
          type="date"
          defaultValue={latest.text("asOfDate", initial?.asOfDate ?? "")}
          errors={fieldErrors?.asOfDate}
          required
        />
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label="Period start"
            name="periodStart"
            type="date"
            value={periodStart}
            onChange={(e) => setPeriodStart(e.target.value)}
            errors={fieldErrors?.periodStart}
            required
          />
          <Field
            label="Period end"
            name="periodEnd"
            type="date"
            value={periodEnd}
            onChange={(e) => setPeriodEnd(e.target.value)}
            errors={fieldErrors?.periodEnd}
            required
          />
        </div>
      )}
      {warnings.map((warning) => (
        <Alert key={warning.code} tone="warning">
          {warning.message}
        </Alert>
      ))}

      {usesObjectives(family) ? (
        <fieldset className="space-y-1">
          <legend className="mb-1 text-sm font-medium text-slate-700">
            Control objectives in scope
          </legend>
          {objectives.length === 0 ? (
            <p className="text-sm text-slate-600">
              Your organisation has no objectives yet. Add them on the Objectives page (start from
              the 24 starter objectives), then come back.
            </p>
          ) : null}
          {objectives.map((objective) => (
            <label key={objective.id} className="flex items-start gap-2 text-sm">
              <Checkbox
                name="objectiveIds"
                value={objective.id}
                defaultChecked={latest.checked(
                  "objectiveIds",
                  objective.id,
                  initial?.objectiveIds.includes(objective.id) ?? false,
                )}
                className="mt-0.5"
              />
              <span>
                <span className="font-mono text-xs font-semibold">{objective.ref}</span>{" "}
                {objective.title}
              </span>
            </label>
          ))}
          <FieldErrors errors={fieldErrors?.objectiveIds} />
        </fieldset>
      ) : (
        <fieldset className="space-y-1">
          <legend className="mb-1 text-sm font-medium text-slate-700">
            Trust Services categories
          </legend>
          {TSC_CATEGORIES.map((category) => (
            <label key={category} className="flex items-center gap-2 text-sm">
              <Checkbox
                name="categories"
                value={category}
                defaultChecked={
                  category === "security" ||
                  latest.checked(
                    "categories",
                    category,
                    initial?.categories.includes(category) ?? false,
                  )
                }
                disabled={category === "security"}
              />
              {CATEGORY_LABELS[category]}
              {category === "security" ? (
                <span className="text-xs text-slate-500">(always in scope)</span>
              ) : null}
            </label>
          ))}
        </fieldset>
      )}

      <SubserviceEditor initial={draftSubservices(latest, initial?.subservices ?? [])} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextareaField
          label="Complementary user-entity controls (CUECs)"
          name="cuecs"
          rows={4}
          defaultValue={latest.text("cuecs", initial?.cuecs.join("\n") ?? "")}
          errors={fieldErrors?.cuecs}
          hint="Controls your clients must operate for yours to work. One per line."
        />
        <TextareaField
          label="User-entity responsibilities"
          name="userResponsibilities"
          rows={4}
          defaultValue={latest.text(
            "userResponsibilities",
            initial?.userResponsibilities.join("\n") ?? "",
          )}
          errors={fieldErrors?.userResponsibilities}
          hint="Other things clients are responsible for. One per line."
        />
      </div>
      <FieldErrors errors={fieldErrors?.subservices} />
    </>
  );
}
