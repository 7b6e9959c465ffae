"use client";

import Form from "next/form";
import { useState, useTransition, type FormEvent } from "react";
import type { FormAction } from "@/lib/action-result";
import type { PaperworkPage } from "@/lib/db/paperwork-page";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { TextareaField } from "@/components/ui/select-field";
import type { PaperworkKind } from "@/lib/domain/export/paperwork";

type Props = {
  /** Saving on the server (absent for readers): the draft's org, engagement and loaded version. */
  save?: {
    action: FormAction<{ version: number; currentVersion: number }>;
    orgSlug: string;
    engagementId: string;
    version: number;
    /** The saved draft's version number and when, when the text shown is the saved one. */
    saved: { number: number; at: string } | null;
  };
  /** This page's path: choosing a document reloads it with ?kind=…&bridgeTo=… */
  action: string;
  kind: PaperworkKind;
  bridge: PaperworkPage["bridge"];
  bridgeTo: string;
  /** The server's verdict on bridgeTo, shown next to the field. */
  bridgeToError?: string;
  /** The generated draft; null when it could not be generated. */
  markdown: string | null;
  pdfUrl: string;
  /** File name without extension, e.g. "management-assertion-draft-soc-2-2026-11-28". */
  fileBase: string;
  maxChars: number;
};

const LABELS: Record<PaperworkKind, string> = {
  assertion: "Management assertion",
  bridge: "Bridge letter",
};

function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** Chooses the document and, for a bridge letter, the date it runs to. */
export function PaperworkDrafts(props: Props) {
  const { action, kind, bridge, bridgeTo, bridgeToError } = props;
  const [choice, setChoice] = useState<PaperworkKind>(kind);
  const [date, setDate] = useState(bridgeTo);
  const [dateError, setDateError] = useState<string | undefined>(bridgeToError);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (choice !== "bridge" || !bridge.available) return;
    const problem = !/^\d{4}-\d{2}-\d{2}$/.test(date)
      ? "Enter a date as YYYY-MM-DD."
      : date < bridge.first || date > bridge.last
        ? `Choose a date from ${bridge.first} to ${bridge.last}.`
        : undefined;
    setDateError(problem);
    if (problem) event.preventDefault();
  }

  return (
    <div className="space-y-6">
      <Form action={action} onSubmit={onSubmit} noValidate className="space-y-4">
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">Document</legend>
          {(["assertion", "bridge"] as const).map((value) => {
            const disabled = value === "bridge" && !bridge.available;
            return (
              <label
                key={value}
                className={`flex items-center gap-2 text-sm ${disabled ? "text-slate-400" : ""}`}
              >
                <input
                  type="radio"
                  name="kind"
                  value={value}
                  checked={choice === value}
                  disabled={disabled}
                  onChange={() => setChoice(value)}
                  className="accent-brand-600"
                />
                {LABELS[value]}
              </label>
            );
          })}
          {!bridge.available ? (
            <p className="text-xs text-slate-500">Bridge letter not available: {bridge.reason}</p>
          ) : null}
        </fieldset>
        {choice === "bridge" && bridge.available ? (
          <div className="max-w-xs">
            <Field
              label="Bridge to"
              name="bridgeTo"
              type="date"
              value={date}
              min={bridge.first}
              max={bridge.last}
              onChange={(event) => setDate(event.target.value)}
              errors={dateError ? [dateError] : undefined}
              hint={`The last day the letter covers, from ${bridge.first} to ${bridge.last}.`}
            />
          </div>
        ) : null}
        <Button type="submit" variant="secondary">
          Generate draft
        </Button>
      </Form>
      {props.markdown === null ? null : (
        <DraftEditor
          key={`${kind}:${bridgeTo}:${props.markdown}`}
          {...props}
          markdown={props.markdown}
        />
      )}
    </div>
  );
}

/** The generated draft, editable, with its two downloads. */
function DraftEditor({
  kind,
  markdown,
  pdfUrl,
  fileBase,
  maxChars,
  save,
}: Props & { markdown: string }) {
  const [text, setText] = useState(markdown);
  const [version, setVersion] = useState(save?.version ?? 0);
  const [savedNote, setSavedNote] = useState<string | null>(
    save?.saved ? `Saved on the server as version ${save.saved.number} (${save.saved.at}).` : null,
  );
  const [saving, startSaving] = useTransition();

  function saveOnServer() {
    if (!save) return;
    const form = new FormData();
    form.set("orgSlug", save.orgSlug);
    form.set("engagementId", save.engagementId);
    form.set("kind", kind);
    form.set("markdown", text);
    form.set("version", String(version));
    startSaving(async () => {
      const result = await save.action(null, form);
      if (result.ok) {
        setVersion(result.data.version);
        setSavedNote(`Saved on the server as version ${result.data.currentVersion}.`);
        setError(null);
      } else {
        setError(
          result.fieldErrors ? Object.values(result.fieldErrors).flat().join(" ") : result.message,
        );
      }
    });
  }
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tooLong = text.length > maxChars;

  async function downloadPdf() {
    setPending(true);
    setError(null);
    try {
      const response = await fetch(pdfUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ kind, markdown: text }),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as {
          error?: { message?: string; fieldErrors?: Record<string, string[]> };
        } | null;
        const details = body?.error?.fieldErrors
          ? Object.values(body.error.fieldErrors).flat().join(" ")
          : "";
        setError(
          details || body?.error?.message || `The PDF could not be made (${response.status}).`,
        );
        return;
      }
      saveBlob(await response.blob(), `${fileBase}.pdf`);
    } catch {
      setError("The connection failed while making the PDF. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-3">
      <TextareaField
        label={`${LABELS[kind]} draft (Markdown, editable)`}
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={28}
        spellCheck
        className="font-mono text-xs leading-relaxed"
        errors={
          tooLong
            ? [
                `Keep the draft under ${maxChars.toLocaleString("en-GB")} characters (now ${text.length.toLocaleString("en-GB")}).`,
              ]
            : undefined
        }
        hint={
          save
            ? "Save keeps a version on the server; a saved draft opens instead of a newly generated one."
            : "Your edits stay in this page until you download them; generating a new draft replaces them."
        }
      />
      {error ? <Alert tone="error">{error}</Alert> : null}
      {savedNote ? <p className="text-sm text-slate-600">{savedNote}</p> : null}
      <div className="flex flex-wrap gap-2">
        {save ? (
          <Button
            type="button"
            onClick={saveOnServer}
            disabled={saving || tooLong || text.trim() === ""}
          >
            {saving ? "Saving…" : "Save draft"}
          </Button>
        ) : null}
        <Button
          type="button"
          onClick={() =>
            saveBlob(new Blob([text], { type: "text/markdown;charset=utf-8" }), `${fileBase}.md`)
          }
        >
          Download Markdown
        </Button>
        <Button
          type="button"
          variant="secondary"
          onClick={() => void downloadPdf()}
          disabled={pending || tooLong || text.trim() === ""}
        >
          {pending ? "Preparing PDF…" : "Download PDF"}
        </Button>
        <Button
          type="button"
          variant="ghost"
          onClick={() => setText(markdown)}
          disabled={text === markdown}
        >
          Undo my edits
        </Button>
      </div>
    </div>
  );
}
