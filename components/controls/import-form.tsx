"use client";

import Link from "next/link";
import { useId, useState, useTransition, type ChangeEvent, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, FieldErrors } from "@/components/ui/field";
import { Checkbox, Label } from "@/components/ui/input";
import { Table, Td, Th } from "@/components/ui/table";
import type { ActionResult, FormAction } from "@/lib/action-result";
import {
  CONTROL_CSV_MAX_BYTES,
  type ControlImportReport,
  type ControlImportResult,
} from "@/lib/domain/control-csv";

type Props = {
  orgSlug: string;
  controlsHref: string;
  check: FormAction<ControlImportReport>;
  apply: FormAction<ControlImportResult>;
};
/** What was sent: a check only allows the import of exactly the same text read the same way. */
type Sent = { text: string; clearBlanks: boolean };
type Outcome = (
  | { kind: "check"; result: ActionResult<ControlImportReport> }
  | { kind: "import"; result: ActionResult<ControlImportResult> }
) &
  Sent;

const TOO_LARGE = "The file is larger than 2 MB. Split it and import each part.";
const UNREADABLE = "The file could not be read. Choose it again.";
const NOT_SENT = "The file could not be sent. If it is large, split it and import each part.";

const COLUMN_LABELS: Record<string, string> = {
  owner_email: "owner",
  key: "key control",
  grace_days: "grace days",
};
const columnLabel = (column: string) => COLUMN_LABELS[column] ?? column;
const shown = (value: string) => (value === "" ? "(blank)" : value);

const controls = (n: number) => `${n.toLocaleString("en-GB")} control${n === 1 ? "" : "s"}`;

/** "3 controls will be created, 2 updated", or what the import did. */
function sentence(report: ControlImportReport, done: boolean): string {
  const verb = (what: string) => (done ? what : `will be ${what}`);
  const parts = [
    report.created ? `${controls(report.created)} ${verb("created")}` : null,
    report.updated
      ? report.created
        ? `${report.updated.toLocaleString("en-GB")} updated`
        : `${controls(report.updated)} ${verb("updated")}`
      : null,
  ].filter(Boolean);
  const unchanged = report.unchanged ? `${controls(report.unchanged)} already up to date.` : "";
  if (!parts.length) return `Nothing to change. ${unchanged}`.trim();
  return `${parts.join(", ")}.${unchanged ? ` ${unchanged}` : ""}`;
}

function Problems({ report }: { report: ControlImportReport }) {
  return (
    <div className="space-y-2">
      <Table aria-label="Problems found">
        <thead>
          <tr>
            <Th>Row</Th>
            <Th>Column</Th>
            <Th>Problem</Th>
          </tr>
        </thead>
        <tbody>
          {report.problems.map((problem, index) => (
            <tr key={index}>
              <Td>{problem.row ?? "—"}</Td>
              <Td className="font-mono text-xs">{problem.column ?? "—"}</Td>
              <Td>{problem.message}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {report.problemCount > report.problems.length ? (
        <p className="text-sm text-slate-600">
          Showing the first {report.problems.length} of{" "}
          {report.problemCount.toLocaleString("en-GB")} problems.
        </p>
      ) : null}
    </div>
  );
}

function Changes({ report, label }: { report: ControlImportReport; label: string }) {
  if (!report.changes.length) return null;
  return (
    <div className="space-y-2">
      <Table aria-label={label}>
        <thead>
          <tr>
            <Th>Row</Th>
            <Th>Reference</Th>
            <Th>Change</Th>
          </tr>
        </thead>
        <tbody>
          {report.changes.map((change) => (
            <tr key={change.row}>
              <Td className="align-top">{change.row}</Td>
              <Td className="align-top font-mono text-xs">{change.ref}</Td>
              <Td>
                {change.kind === "create" ? (
                  "New control"
                ) : (
                  <ul className="space-y-1">
                    {change.fields.map((field) => (
                      <li key={field.column} className="break-words">
                        <span className="font-medium">{columnLabel(field.column)}</span>:{" "}
                        <del className="text-slate-500">{shown(field.before)}</del> →{" "}
                        <ins className="no-underline">{shown(field.after)}</ins>
                      </li>
                    ))}
                  </ul>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      {report.changeCount > report.changes.length ? (
        <p className="text-sm text-slate-600">
          Showing the first {report.changes.length} of {report.changeCount.toLocaleString("en-GB")}{" "}
          changes.
        </p>
      ) : null}
    </div>
  );
}

function reportOf(outcome: Outcome | null): ControlImportReport | null {
  if (!outcome) return null;
  if (outcome.kind === "check") return outcome.result.ok ? outcome.result.data : null;
  return outcome.result.ok ? outcome.result.data.report : null;
}

/** Pick or paste a CSV, check it (a dry run), then import it all at once. */
export function ImportForm({ orgSlug, controlsHref, check, apply }: Props) {
  const pasteId = useId();
  const [text, setText] = useState("");
  const [clearBlanks, setClearBlanks] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, startTransition] = useTransition();
  const [running, setRunning] = useState<"check" | "import" | null>(null);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Cleared so that choosing the same file again (corrected on disk) fires a change and is read again.
    input.value = "";
    setOutcome(null);
    setFileError(null);
    if (!file) return;
    if (file.size > CONTROL_CSV_MAX_BYTES) {
      setFileError(TOO_LARGE);
      return;
    }
    const read = await file.text().catch(() => null);
    if (read === null) setFileError(UNREADABLE);
    else setText(read);
  }

  function run(kind: "check" | "import") {
    const formData = new FormData();
    formData.set("orgSlug", orgSlug);
    formData.set("csv", text);
    if (clearBlanks) formData.set("clearBlanks", "on");
    const sent: Sent = { text, clearBlanks };
    setRunning(kind);
    startTransition(async () => {
      const failed = { ok: false as const, code: "INTERNAL" as const, message: NOT_SENT };
      if (kind === "check")
        setOutcome({ kind, ...sent, result: await check(null, formData).catch(() => failed) });
      else setOutcome({ kind, ...sent, result: await apply(null, formData).catch(() => failed) });
      setRunning(null);
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    run("check");
  }

  const result = outcome?.result;
  const report = reportOf(outcome);
  const imported = outcome?.kind === "import" && outcome.result.ok && outcome.result.data.applied;
  const canImport =
    outcome?.kind === "check" &&
    outcome.text === text &&
    outcome.clearBlanks === clearBlanks &&
    report !== null &&
    report.problemCount === 0 &&
    report.created + report.updated > 0;
  const csvErrors = result && !result.ok ? result.fieldErrors?.csv : undefined;

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <Field
          label="CSV file"
          type="file"
          accept=".csv,text/csv"
          onChange={(event) => void onFile(event)}
          errors={fileError ? [fileError] : undefined}
          hint="Up to 5,000 rows and 2 MB. Rows are numbered as in a spreadsheet: the header is row 1."
        />
        <div className="space-y-1">
          <Label htmlFor={pasteId}>Or paste CSV</Label>
          <textarea
            id={pasteId}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              setFileError(null);
              setOutcome(null);
            }}
            rows={8}
            spellCheck={false}
            aria-invalid={csvErrors?.length ? true : undefined}
            aria-describedby={csvErrors?.length ? `${pasteId}-error` : undefined}
            className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-500"
          />
          <FieldErrors id={`${pasteId}-error`} errors={csvErrors} />
        </div>
        <div className="space-y-1">
          <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
            <Checkbox
              checked={clearBlanks}
              onChange={(event) => {
                setClearBlanks(event.currentTarget.checked);
                setOutcome(null);
              }}
            />
            Blank cells clear values
          </label>
          <p className="text-xs text-slate-500">
            Off: a blank cell leaves an existing control&apos;s value as it is. On: a blank
            description, owner, key, criteria or objectives cell clears it.
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="secondary" disabled={pending || !text}>
            {running === "check" ? "Checking…" : "Check file"}
          </Button>
          <Button type="button" disabled={pending || !canImport} onClick={() => run("import")}>
            {running === "import" ? "Importing…" : "Import controls"}
          </Button>
        </div>
        <p className="text-sm text-slate-600" aria-live="polite">
          {running === "import"
            ? "Importing every row in one go. This can take a minute for a large file."
            : !canImport && !imported
              ? "Check the file first: nothing changes until you import."
              : null}
        </p>
      </form>

      {result && !result.ok && !csvErrors ? <Alert tone="error">{result.message}</Alert> : null}
      {imported && report ? (
        <Alert tone="success">
          <p>Imported. {sentence(report, true)}</p>
          <Link
            href={controlsHref}
            className="mt-1 inline-block font-medium text-green-900 underline hover:no-underline"
          >
            Back to controls
          </Link>
        </Alert>
      ) : null}
      {report && !imported ? (
        report.problemCount ? (
          <Alert tone="error">
            {report.problemCount.toLocaleString("en-GB")} problem
            {report.problemCount === 1 ? "" : "s"} found. Nothing{" "}
            {outcome?.kind === "import" ? "was imported" : "has changed"}: fix the file and check it
            again.
          </Alert>
        ) : (
          <Alert tone="info">{sentence(report, false)}</Alert>
        )
      ) : null}
      {report?.problemCount ? <Problems report={report} /> : null}
      {report && !report.problemCount ? (
        <Changes report={report} label={imported ? "Changes made" : "Planned changes"} />
      ) : null}
    </div>
  );
}
