"use client";

import Link from "next/link";
import { plural } from "@/lib/domain/plural";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Checkbox } from "@/components/ui/input";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { CATEGORY_LABELS } from "@/lib/domain/catalog";
import { FAMILY_LABELS, TYPE_LABELS } from "@/lib/domain/engagements";
import {
  recommendReports,
  type ClientRegion,
  type QuestionnaireAnswers,
  type QuestionnaireResult,
} from "@/lib/domain/questionnaire";
import { IdField } from "@/components/ui/id-field";

const EXTRA = ["availability", "confidentiality", "processing_integrity", "privacy"] as const;

function YesNo({
  name,
  legend,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  value: boolean;
  onChange: (value: boolean) => void;
}) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="flex gap-4 text-sm">
        <label className="flex items-center gap-1">
          <input type="radio" name={name} checked={value} onChange={() => onChange(true)} /> Yes
        </label>
        <label className="flex items-center gap-1">
          <input type="radio" name={name} checked={!value} onChange={() => onChange(false)} /> No
        </label>
      </div>
    </fieldset>
  );
}

type Props = {
  orgSlug: string;
  canCreate: boolean;
  action: FormAction<{ ids: string[] }>;
};

export function Questionnaire({ orgSlug, canCreate, action }: Props) {
  const [answers, setAnswers] = useState<QuestionnaireAnswers>({
    affectsFinancialReporting: false,
    clientRegion: "us",
    securityQuestions: true,
    extraCategories: [],
    firstReport: true,
    reportNeededWithinMonths: null,
    previousPeriodEnded: false,
  });
  const [result, setResult] = useState<QuestionnaireResult | null>(null);
  const set = (changes: Partial<QuestionnaireAnswers>) => {
    setAnswers((current) => ({ ...current, ...changes }));
    setResult(null);
  };
  const create = useActionForm(action);
  const needsTypeI = result?.recommendations.some((r) => r.type === "TYPE_I");
  const needsTypeII = result?.recommendations.some((r) => r.type === "TYPE_II");

  return (
    <div className="space-y-6">
      <form
        className="space-y-5"
        onSubmit={(event) => {
          event.preventDefault();
          setResult(recommendReports(answers));
        }}
      >
        <YesNo
          name="financial"
          legend="Does your service affect your clients' financial reporting (payroll, billing, payments, transaction processing)?"
          value={answers.affectsFinancialReporting}
          onChange={(v) => set({ affectsFinancialReporting: v })}
        />
        {answers.affectsFinancialReporting ? (
          <fieldset className="space-y-1">
            <legend className="text-sm font-medium text-slate-800">
              Where are those clients and their auditors?
            </legend>
            {(
              [
                ["us", "Mostly in the US"],
                ["international", "Mostly outside the US"],
                ["both", "Both"],
              ] as [ClientRegion, string][]
            ).map(([value, label]) => (
              <label key={value} className="flex items-center gap-1 text-sm">
                <input
                  type="radio"
                  name="region"
                  checked={answers.clientRegion === value}
                  onChange={() => set({ clientRegion: value })}
                />{" "}
                {label}
              </label>
            ))}
          </fieldset>
        ) : null}
        <YesNo
          name="security"
          legend="Do customers ask how you secure their data and systems (security questionnaires)?"
          value={answers.securityQuestions}
          onChange={(v) => set({ securityQuestions: v })}
        />
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium text-slate-800">
            Do they also ask about any of these?
          </legend>
          {EXTRA.map((category) => (
            <label key={category} className="flex items-center gap-2 text-sm">
              <Checkbox
                checked={answers.extraCategories.includes(category)}
                onChange={(e) =>
                  set({
                    extraCategories: e.target.checked
                      ? [...answers.extraCategories, category]
                      : answers.extraCategories.filter((c) => c !== category),
                  })
                }
              />
              {CATEGORY_LABELS[category]}
            </label>
          ))}
        </fieldset>
        <YesNo
          name="first"
          legend="Is this your first SOC / ISAE report?"
          value={answers.firstReport}
          onChange={(v) => set({ firstReport: v })}
        />
        {answers.firstReport ? (
          <YesNo
            name="soon"
            legend="Do you need a report within the next 6 months?"
            value={answers.reportNeededWithinMonths !== null}
            onChange={(v) => set({ reportNeededWithinMonths: v ? 3 : null })}
          />
        ) : (
          <YesNo
            name="bridge"
            legend="Has your last report period already ended?"
            value={answers.previousPeriodEnded}
            onChange={(v) => set({ previousPeriodEnded: v })}
          />
        )}
        <Button type="submit">Recommend reports</Button>
      </form>

      {result ? (
        <section aria-labelledby="recommendation" className="space-y-4">
          <h2 id="recommendation" className="text-lg font-semibold">
            Recommendation
          </h2>
          {result.recommendations.map((r) => (
            <div
              key={`${r.family}-${r.type}`}
              className="rounded-lg border border-brand-100 bg-brand-50 p-4"
            >
              <h3 className="font-semibold">
                {FAMILY_LABELS[r.family]} {TYPE_LABELS[r.type]}
                {r.categories.length
                  ? ` — ${r.categories.map((c) => CATEGORY_LABELS[c].split(" (")[0]).join(", ")}`
                  : ""}
              </h3>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
                {r.reasons.map((reason) => (
                  <li key={reason}>{reason}</li>
                ))}
              </ul>
            </div>
          ))}
          {result.notes.map((note) => (
            <Alert key={note} tone="info">
              {note}
            </Alert>
          ))}
          {result.recommendations.length && canCreate ? (
            <form
              onSubmit={create.onSubmit}
              noValidate
              className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
            >
              <IdField name="orgSlug" value={orgSlug} />
              <input
                type="hidden"
                name="recommendations"
                value={JSON.stringify(
                  result.recommendations.map(({ family, type, categories }) => ({
                    family,
                    type,
                    categories,
                  })),
                )}
              />
              <div className="grid gap-3 sm:grid-cols-3">
                {needsTypeI ? (
                  <Field
                    label="Type I as-of date"
                    name="asOfDate"
                    type="date"
                    errors={create.fieldErrors?.asOfDate}
                  />
                ) : null}
                {needsTypeII ? (
                  <Field
                    label="Type II period start"
                    name="periodStart"
                    type="date"
                    errors={create.fieldErrors?.periodStart}
                  />
                ) : null}
                {needsTypeII ? (
                  <Field
                    label="Type II period end"
                    name="periodEnd"
                    type="date"
                    errors={create.fieldErrors?.periodEnd}
                  />
                ) : null}
              </div>
              {create.formError ? <Alert tone="error">{create.formError}</Alert> : null}
              {create.result?.ok ? (
                <Alert tone="success">
                  Created {plural(create.result.data.ids.length, "engagement")}.{" "}
                  <Link className="font-medium underline" href={`/o/${orgSlug}/engagements`}>
                    See your engagements
                  </Link>
                </Alert>
              ) : (
                <Button type="submit" disabled={create.pending}>
                  {create.pending
                    ? "Creating…"
                    : `Create ${result.recommendations.length === 1 ? "this engagement" : `these ${result.recommendations.length} engagements`}`}
                </Button>
              )}
            </form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
