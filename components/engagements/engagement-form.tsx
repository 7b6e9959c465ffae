"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, FieldErrors } from "@/components/ui/field";
import { Checkbox } from "@/components/ui/input";
import { SelectField, TextareaField } from "@/components/ui/select-field";
import { useActionForm } from "@/components/ui/use-action-form";
import type { ActionResult } from "@/lib/action-result";
import { CATEGORY_LABELS, TSC_CATEGORIES } from "@/lib/domain/catalog";
import { isIsoDate } from "@/lib/domain/dates";
import { engagementWarnings, FAMILY_LABELS, REPORT_FAMILIES, REPORT_TYPES, TYPE_LABELS, usesObjectives, type ReportFamily, type ReportType } from "@/lib/domain/engagements";
import { SubserviceEditor, type SubserviceDraft } from "./subservice-editor";

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

type Props = {
  orgSlug: string;
  engagementId?: string;
  initial?: EngagementFormValues;
  objectives: { id: string; ref: string; title: string }[];
  action: (previous: unknown, formData: FormData) => Promise<ActionResult<{ id: string }>>;
};

export function EngagementForm({ orgSlug, engagementId, initial, objectives, action }: Props) {
  const router = useRouter();
  const [family, setFamily] = useState<ReportFamily>(initial?.family ?? "SOC2");
  const [type, setType] = useState<ReportType>(initial?.type ?? "TYPE_II");
  const [periodStart, setPeriodStart] = useState(initial?.periodStart ?? "");
  const [periodEnd, setPeriodEnd] = useState(initial?.periodEnd ?? "");
  const { pending, onSubmit, fieldErrors, formError } = useActionForm(action, ({ id }) => {
    router.push(`/o/${orgSlug}/engagements/${id}`);
    router.refresh();
  });
  const warnings = type === "TYPE_II" && isIsoDate(periodStart) && isIsoDate(periodEnd) && periodStart <= periodEnd ? engagementWarnings({ type, periodStart, periodEnd }) : [];

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <input type="hidden" name="orgSlug" value={orgSlug} />
      {engagementId ? <input type="hidden" name="engagementId" value={engagementId} /> : null}
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Field label="Engagement name" name="name" defaultValue={initial?.name} errors={fieldErrors?.name} hint="e.g. SOC 2 Type II 2026" required />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Report" name="family" value={family} onChange={(e) => setFamily(e.target.value as ReportFamily)} errors={fieldErrors?.family} options={REPORT_FAMILIES.map((f) => ({ value: f, label: FAMILY_LABELS[f] }))} />
        <SelectField label="Type" name="type" value={type} onChange={(e) => setType(e.target.value as ReportType)} errors={fieldErrors?.type} options={REPORT_TYPES.map((t) => ({ value: t, label: `${TYPE_LABELS[t]} (${t === "TYPE_I" ? "design at a date" : "operation over a period"})` }))} />
      </div>
      {type === "TYPE_I" ? (
        <Field label="As-of date" name="asOfDate" type="date" defaultValue={initial?.asOfDate ?? ""} errors={fieldErrors?.asOfDate} required />
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Period start" name="periodStart" type="date" value={periodStart} onChange={(e) => setPeriodStart(e.target.value)} errors={fieldErrors?.periodStart} required />
          <Field label="Period end" name="periodEnd" type="date" value={periodEnd} onChange={(e) => setPeriodEnd(e.target.value)} errors={fieldErrors?.periodEnd} required />
        </div>
      )}
      {warnings.map((warning) => <Alert key={warning.code} tone="warning">{warning.message}</Alert>)}

      {usesObjectives(family) ? (
        <fieldset className="space-y-1">
          <legend className="mb-1 text-sm font-medium text-slate-700">Control objectives in scope</legend>
          {objectives.length === 0 ? <p className="text-sm text-slate-600">Your organisation has no objectives yet. Add them on the Objectives page (start from the 24 starter objectives), then come back.</p> : null}
          {objectives.map((objective) => (
            <label key={objective.id} className="flex items-start gap-2 text-sm">
              <Checkbox name="objectiveIds" value={objective.id} defaultChecked={initial?.objectiveIds.includes(objective.id) ?? false} className="mt-0.5" />
              <span><span className="font-mono text-xs font-semibold">{objective.ref}</span> {objective.title}</span>
            </label>
          ))}
          <FieldErrors errors={fieldErrors?.objectiveIds} />
        </fieldset>
      ) : (
        <fieldset className="space-y-1">
          <legend className="mb-1 text-sm font-medium text-slate-700">Trust Services categories</legend>
          {TSC_CATEGORIES.map((category) => (
            <label key={category} className="flex items-center gap-2 text-sm">
              <Checkbox
                name="categories"
                value={category}
                defaultChecked={category === "security" || (initial?.categories.includes(category) ?? false)}
                disabled={category === "security"}
              />
              {CATEGORY_LABELS[category]}
              {category === "security" ? <span className="text-xs text-slate-500">(always in scope)</span> : null}
            </label>
          ))}
        </fieldset>
      )}

      <SubserviceEditor initial={initial?.subservices ?? []} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextareaField label="Complementary user-entity controls (CUECs)" name="cuecs" rows={4} defaultValue={initial?.cuecs.join("\n")} errors={fieldErrors?.cuecs} hint="Controls your clients must operate for yours to work. One per line." />
        <TextareaField label="User-entity responsibilities" name="userResponsibilities" rows={4} defaultValue={initial?.userResponsibilities.join("\n")} errors={fieldErrors?.userResponsibilities} hint="Other things clients are responsible for. One per line." />
      </div>
      <FieldErrors errors={fieldErrors?.subservices} />
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : engagementId ? "Save engagement" : "Create engagement"}
      </Button>
    </form>
  );
}
