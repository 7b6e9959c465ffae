"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldErrors } from "@/components/ui/field";
import { Input, Label, Select } from "@/components/ui/input";
import type { ActionResult, FormAction } from "@/lib/action-result";
import {
  LIST_FIELD_LABELS,
  LIST_FIELDS,
  type ListMapping,
  type ListPreviewView,
} from "@/lib/domain/request-list";

type Props = {
  orgSlug: string;
  engagements: { id: string; name: string }[];
  previewAction: FormAction<ListPreviewView>;
  importAction: FormAction<{ importId: string; created: number; updated: number }>;
};

/**
 * The auditor's request list in: choose the file → check the header row and which column is
 * which against a preview → a dry run with each row's errors → import (one transaction).
 */
export function ImportWizard({ orgSlug, engagements, previewAction, importAction }: Props) {
  const id = useId();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [file, setFile] = useState<File | null>(null);
  const [engagementId, setEngagementId] = useState(engagements[0]?.id ?? "");
  const [preview, setPreview] = useState<ListPreviewView | null>(null);
  const [mapping, setMapping] = useState<ListMapping>({});
  const [headerRow, setHeaderRow] = useState<number | null>(null);
  const [error, setError] = useState<ActionResult<unknown> | null>(null);
  const [done, setDone] = useState<string | null>(null);

  function formData(withChoice: boolean): FormData | null {
    if (!file) return null;
    const data = new FormData();
    data.set("orgSlug", orgSlug);
    data.set("engagementId", engagementId);
    data.set("file", file);
    if (withChoice) {
      if (headerRow !== null) data.set("headerRow", String(headerRow));
      for (const field of LIST_FIELDS) data.set(`map_${field}`, mapping[field] ?? "");
    }
    return data;
  }

  function check(withChoice: boolean) {
    const data = formData(withChoice);
    if (!data)
      return setError({ ok: false, code: "VALIDATION", message: "Choose the request list file." });
    setDone(null);
    startTransition(async () => {
      const result = await previewAction(null, data);
      if (!result.ok) return setError(result);
      setError(null);
      setPreview(result.data);
      setMapping(result.data.mapping);
      setHeaderRow(result.data.headerRow);
    });
  }

  function commit() {
    const data = formData(true);
    if (!data) return;
    startTransition(async () => {
      const result = await importAction(null, data);
      if (!result.ok) return setError(result);
      setError(null);
      setPreview(null);
      setDone(`Imported: ${result.data.created} new, ${result.data.updated} updated.`);
      router.refresh();
    });
  }

  const blocked = !preview || preview.problems.length > 0 || preview.rowsWithErrors > 0;
  return (
    <div className="space-y-4">
      {done ? <Alert tone="success">{done}</Alert> : null}
      {error && !error.ok ? <Alert tone="error">{error.message}</Alert> : null}
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <Label htmlFor={`${id}-engagement`}>Engagement</Label>
          <Select
            id={`${id}-engagement`}
            value={engagementId}
            onChange={(event) => {
              setEngagementId(event.target.value);
              setPreview(null);
            }}
          >
            {engagements.map((engagement) => (
              <option key={engagement.id} value={engagement.id}>
                {engagement.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="space-y-1">
          <Label htmlFor={`${id}-file`}>Request list (CSV or XLSX)</Label>
          <Input
            id={`${id}-file`}
            type="file"
            accept=".csv,.xlsx"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setPreview(null);
            }}
          />
          <FieldErrors errors={error && !error.ok ? error.fieldErrors?.file : undefined} />
        </div>
        <Button
          type="button"
          variant="secondary"
          disabled={pending || !file}
          onClick={() => check(false)}
        >
          {pending && !preview ? "Reading…" : "Read the list"}
        </Button>
      </div>

      {preview ? (
        <section aria-label="Column mapping" className="space-y-3">
          <div className="flex flex-wrap items-end gap-3">
            <div className="space-y-1">
              <Label htmlFor={`${id}-header`}>Header row</Label>
              <Input
                id={`${id}-header`}
                type="number"
                min={1}
                max={20}
                className="w-20"
                value={headerRow ?? ""}
                onChange={(event) => setHeaderRow(Number(event.target.value) || null)}
              />
            </div>
            {LIST_FIELDS.map((field) => (
              <div key={field} className="space-y-1">
                <Label htmlFor={`${id}-${field}`}>{LIST_FIELD_LABELS[field]}</Label>
                <Select
                  id={`${id}-${field}`}
                  value={mapping[field] ?? ""}
                  onChange={(event) =>
                    setMapping({ ...mapping, [field]: event.target.value || undefined })
                  }
                >
                  <option value="">Not in the list</option>
                  {preview.headers.map((header) => (
                    <option key={header} value={header}>
                      {header}
                    </option>
                  ))}
                </Select>
              </div>
            ))}
          </div>
          <p className="text-xs text-slate-500">
            Other columns are kept as they are and go back to the auditor in the same order.
          </p>
          <div className="overflow-x-auto">
            <table className="min-w-full text-xs">
              <caption className="sr-only">The first rows of the list</caption>
              <thead>
                <tr>
                  {preview.headers.map((header) => (
                    <th key={header} scope="col" className="border-b px-2 py-1 text-left">
                      {header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.sample.map((row, index) => (
                  <tr key={index}>
                    {row.map((cell, column) => (
                      <td key={column} className="border-b px-2 py-1">
                        {cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.problems.map((problem) => (
            <Alert key={problem} tone="error">
              {problem}
            </Alert>
          ))}
          <p className="text-sm" role="status">
            Dry run: {preview.creates} new, {preview.updates} updated, {preview.rowsWithErrors} with
            errors (of {preview.total} rows).
          </p>
          {preview.rows.some((row) => row.errors.length || row.warnings.length) ? (
            <table className="min-w-full text-xs">
              <caption className="text-left font-medium">Rows to fix</caption>
              <thead>
                <tr>
                  <th scope="col" className="px-2 py-1 text-left">
                    Row
                  </th>
                  <th scope="col" className="px-2 py-1 text-left">
                    Request id
                  </th>
                  <th scope="col" className="px-2 py-1 text-left">
                    Problems
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.rows
                  .filter((row) => row.errors.length || row.warnings.length)
                  .map((row) => (
                    <tr key={row.rowNumber}>
                      <td className="px-2 py-1 tabular-nums">{row.rowNumber}</td>
                      <td className="px-2 py-1">{row.externalId}</td>
                      <td className="px-2 py-1">
                        {row.errors.map((message) => (
                          <span key={message} className="block text-red-700">
                            {message}
                          </span>
                        ))}
                        {row.warnings.map((message) => (
                          <span key={message} className="block text-amber-800">
                            {message} (not linked)
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          ) : null}
          <div className="flex gap-2">
            <Button
              type="button"
              variant="secondary"
              disabled={pending}
              onClick={() => check(true)}
            >
              Check again
            </Button>
            <Button type="button" disabled={pending || blocked} onClick={commit}>
              Import {preview.creates + preview.updates} requests
            </Button>
          </div>
        </section>
      ) : null}
    </div>
  );
}
