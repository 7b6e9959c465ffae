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
import {
  askedQuestions,
  completeAnswers,
  EMPTY_DRAFT,
  recommendReports,
  type ClientRegion,
  type QuestionKey,
  type QuestionnaireDraft,
  type QuestionnaireResult,
} from "@/lib/domain/questionnaire";
import { IdField } from "@/components/ui/id-field";
import { CATEGORY_LABELS, FAMILY_LABELS, TYPE_LABELS } from "@/lib/domain/labels";

const EXTRA = ["availability", "confidentiality", "processing_integrity", "privacy"] as const;

function Unanswered({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="text-sm text-red-700">
      {message}
    </p>
  ) : null;
}

function YesNo({
  name,
  legend,
  value,
  error,
  onChange,
}: {
  name: QuestionKey;
  legend: string;
  value: boolean | null;
  error?: string;
  onChange: (value: boolean) => void;
}) {
  const errorId = `${name}-unanswered`;
  return (
    <fieldset
      className="space-y-1"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
    >
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="flex gap-4 text-sm">
        <label className="flex items-center gap-1">
          <input
            type="radio"
            name={name}
            checked={value === true}
            onChange={() => onChange(true)}
          />{" "}
          Yes
        </label>
        <label className="flex items-center gap-1">
          <input
            type="radio"
            name={name}
            checked={value === false}
            onChange={() => onChange(false)}
          />{" "}
          No
        </label>
      </div>
      <Unanswered id={errorId} message={error} />
    </fieldset>
  );
}

type Props = {
  orgSlug: string;
  canCreate: boolean;
  action: FormAction<{ ids: string[] }>;
};

export function Questionnaire({ orgSlug, canCreate, action }: Props) {
  const [answers, setAnswers] = useState<QuestionnaireDraft>(EMPTY_DRAFT);
  const [unanswered, setUnanswered] = useState<Partial<Record<QuestionKey, string>>>({});
  const [result, setResult] = useState<QuestionnaireResult | null>(null);
  const set = (changes: Partial<QuestionnaireDraft>) => {
    setAnswers((current) => ({ ...current, ...changes }));
    setUnanswered((current) => {
      const rest = { ...current };
      for (const key of Object.keys(changes)) delete rest[key as QuestionKey];
      return rest;
    });
    setResult(null);
  };
  const create = useActionForm(action);
  const needsTypeI = result?.recommendations.some((r) => r.type === "TYPE_I");
  const needsTypeII = result?.recommendations.some((r) => r.type === "TYPE_II");

  return (
    <div className="space-y-6">
      <form
        className="space-y-5"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const complete = completeAnswers(answers);
          if (complete.ok) {
            setUnanswered({});
            setResult(recommendReports(complete.answers));
            return;
          }
          setUnanswered(complete.unanswered);
          const first = askedQuestions(answers).find((key) => complete.unanswered[key]);
          event.currentTarget.querySelector<HTMLInputElement>(`input[name="${first}"]`)?.focus();
        }}
      >
        <YesNo
          name="affectsFinancialReporting"
          legend="Does your service affect your clients' financial reporting (payroll, billing, payments, transaction processing)?"
          value={answers.affectsFinancialReporting}
          error={unanswered.affectsFinancialReporting}
          onChange={(v) => set({ affectsFinancialReporting: v })}
        />
        {answers.affectsFinancialReporting ? (
          <fieldset
            className="space-y-1"
            aria-invalid={unanswered.clientRegion ? true : undefined}
            aria-describedby={unanswered.clientRegion ? "clientRegion-unanswered" : undefined}
          >
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
                  name="clientRegion"
                  checked={answers.clientRegion === value}
                  onChange={() => set({ clientRegion: value })}
                />{" "}
                {label}
              </label>
            ))}
            <Unanswered id="clientRegion-unanswered" message={unanswered.clientRegion} />
          </fieldset>
        ) : null}
        <YesNo
          name="securityQuestions"
          legend="Do customers ask how you secure their data and systems (security questionnaires)?"
          value={answers.securityQuestions}
          error={unanswered.securityQuestions}
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
          name="firstReport"
          legend="Is this your first SOC / ISAE report?"
          value={answers.firstReport}
          error={unanswered.firstReport}
          onChange={(v) => set({ firstReport: v })}
        />
        {answers.firstReport === true ? (
          <YesNo
            name="neededSoon"
            legend="Do you need a report within the next 6 months?"
            value={answers.neededSoon}
            error={unanswered.neededSoon}
            onChange={(v) => set({ neededSoon: v })}
          />
        ) : null}
        {answers.firstReport === false ? (
          <YesNo
            name="previousPeriodEnded"
            legend="Has your last report period already ended?"
            value={answers.previousPeriodEnded}
            error={unanswered.previousPeriodEnded}
            onChange={(v) => set({ previousPeriodEnded: v })}
          />
        ) : null}
        {Object.keys(unanswered).length > 0 ? (
          <Alert tone="error">
            {Object.keys(unanswered).length === 1
              ? "One question is not answered yet: choose an answer where it is marked above."
              : `${Object.keys(unanswered).length} questions are not answered yet: choose an answer where each is marked above.`}
          </Alert>
        ) : null}
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
