"use client";

import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/input";
import type { ActivityAudit } from "@/lib/domain/activity-anchors";
import { ActivityAuditReport } from "./activity-audit-report";
import {
  HEAD_PREFIX_BYTES,
  headFromFileText,
  MAX_EXTERNAL_HEADS,
  type LabelledHead,
} from "@/lib/schemas/activity-heads";

// Checks the activity log against heads kept outside Assay: manifest.json files of packs, JSON
// exports and checkpoint files. Each file's head is read here, from its first megabyte, and only
// the heads are sent.

type State =
  | { step: "idle" }
  | { step: "checking" }
  | { step: "done"; audit: ActivityAudit; unread: string[] }
  | { step: "error"; message: string; unread: string[] };

async function readHeads(
  files: readonly File[],
): Promise<{ heads: LabelledHead[]; unread: string[] }> {
  const heads: LabelledHead[] = [];
  const unread: string[] = [];
  for (const file of files) {
    if (file.name.toLowerCase().endsWith(".zip")) {
      unread.push(
        `${file.name}: choose the manifest.json inside the pack (or run npm run activity:verify with the ZIP).`,
      );
      continue;
    }
    const found = headFromFileText(file.name, await file.slice(0, HEAD_PREFIX_BYTES).text());
    if (found.ok) heads.push(found.head);
    else unread.push(found.message);
  }
  return { heads, unread };
}

function errorMessage(body: unknown): string {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === "string" ? message : "The activity log could not be checked.";
}

export function ActivityVerifier({
  orgSlug,
  children,
}: {
  orgSlug: string;
  children: React.ReactNode;
}) {
  const id = useId();
  const [files, setFiles] = useState<File[]>([]);
  const [state, setState] = useState<State>({ step: "idle" });

  async function verify(event: React.FormEvent) {
    event.preventDefault();
    if (files.length === 0)
      return setState({
        step: "error",
        message: "Choose one or more files kept from earlier exports.",
        unread: [],
      });
    if (files.length > MAX_EXTERNAL_HEADS)
      return setState({
        step: "error",
        message: `Choose at most ${MAX_EXTERNAL_HEADS} files at once.`,
        unread: [],
      });
    setState({ step: "checking" });
    try {
      const { heads, unread } = await readHeads(files);
      const response = await fetch(`/api/orgs/${orgSlug}/activity/verify`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ heads }),
      });
      const body = (await response.json()) as unknown;
      if (!response.ok) return setState({ step: "error", message: errorMessage(body), unread });
      setState({ step: "done", audit: (body as { data: ActivityAudit }).data, unread });
    } catch {
      setState({
        step: "error",
        message: "The activity log could not be checked. Check your connection and try again.",
        unread: [],
      });
    }
  }

  const unread = state.step === "done" || state.step === "error" ? state.unread : [];
  return (
    <div className="space-y-4">
      <form onSubmit={(event) => void verify(event)} className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <Label htmlFor={`${id}-files`}>
            Files kept from earlier exports (manifest.json, JSON exports, checkpoints)
          </Label>
          <input
            id={`${id}-files`}
            type="file"
            multiple
            accept=".json,application/json"
            className="block text-sm"
            onChange={(event) => setFiles([...(event.currentTarget.files ?? [])])}
          />
        </div>
        <Button type="submit" disabled={state.step === "checking"}>
          {state.step === "checking" ? "Checking…" : "Check the log against these files"}
        </Button>
      </form>
      {state.step === "checking" ? (
        <p role="status" className="text-sm text-slate-600">
          Reading the log and comparing…
        </p>
      ) : null}
      {state.step === "error" ? <Alert tone="error">{state.message}</Alert> : null}
      {unread.length > 0 ? (
        <Alert tone="warning">
          <ul className="ml-5 list-disc">
            {unread.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {/* The result with the files replaces the server's check without them. */}
      {state.step === "done" ? <ActivityAuditReport audit={state.audit} /> : children}
    </div>
  );
}
