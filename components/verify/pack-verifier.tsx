"use client";

import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/input";

type Digest = { sha256: string; size: number };
type Verification = {
  ok: boolean;
  checked: number;
  mismatched: { path: string; expected: Digest; actual: Digest }[];
  missing: string[];
  extra: string[];
  engagement: string;
  generatedAt: string;
};

type State =
  | { step: "idle" }
  | { step: "uploading"; percent: number | null }
  | { step: "checking" }
  | { step: "done"; result: Verification }
  | { step: "error"; message: string };

/** Sends a pack to the verify route with upload progress (XHR: fetch cannot report it). */
function upload(
  url: string,
  file: File,
  onProgress: (percent: number | null) => void,
  onUploaded: () => void,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Content-Type", "application/zip");
    xhr.upload.onprogress = (event) =>
      onProgress(event.lengthComputable ? Math.round((100 * event.loaded) / event.total) : null);
    xhr.upload.onload = onUploaded;
    xhr.onload = () => {
      try {
        resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) as unknown });
      } catch {
        reject(new Error("The server's answer could not be read."));
      }
    };
    xhr.onerror = () =>
      reject(new Error("The upload failed. Check your connection and try again."));
    xhr.send(file);
  });
}

function errorMessage(body: unknown): string {
  if (typeof body === "object" && body !== null && "error" in body) {
    const error = (body as { error?: { message?: unknown } }).error;
    if (typeof error?.message === "string") return error.message;
  }
  return "The pack could not be checked.";
}

export function PackVerifier({ orgSlug }: { orgSlug: string }) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ step: "idle" });
  const busy = state.step === "uploading" || state.step === "checking";

  async function verify(event: React.FormEvent) {
    event.preventDefault();
    if (!file) return setState({ step: "error", message: "Choose a pack (.zip) to verify." });
    setState({ step: "uploading", percent: 0 });
    try {
      const { status, body } = await upload(
        `/api/orgs/${orgSlug}/packs/verify`,
        file,
        (percent) => setState({ step: "uploading", percent }),
        () => setState({ step: "checking" }),
      );
      if (status !== 200) return setState({ step: "error", message: errorMessage(body) });
      setState({ step: "done", result: (body as { data: Verification }).data });
    } catch (error) {
      setState({
        step: "error",
        message: error instanceof Error ? error.message : "The pack could not be checked.",
      });
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={(event) => void verify(event)} className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <Label htmlFor={`${id}-file`}>Evidence pack (.zip)</Label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".zip,application/zip"
            className="block text-sm"
            onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
          />
        </div>
        <Button type="submit" disabled={busy}>
          {busy ? "Checking…" : "Verify pack"}
        </Button>
      </form>
      {state.step === "uploading" ? (
        <div>
          <progress
            className="h-2 w-64"
            max={100}
            value={state.percent ?? undefined}
            aria-label="Upload progress"
          />
          <p className="text-xs text-slate-600">
            Uploading{state.percent === null ? "…" : ` ${state.percent}%`}
          </p>
        </div>
      ) : null}
      {state.step === "checking" ? (
        <p className="text-sm text-slate-600" role="status">
          Hashing every file against the manifest…
        </p>
      ) : null}
      {state.step === "error" ? <Alert tone="error">{state.message}</Alert> : null}
      {state.step === "done" ? <VerificationReport result={state.result} /> : null}
    </div>
  );
}

function VerificationReport({ result }: { result: Verification }) {
  return (
    <section aria-label="Verification result" className="space-y-3 text-sm">
      <Alert tone={result.ok ? "success" : "error"}>
        {result.ok
          ? `All ${result.checked} files match the manifest of "${result.engagement}" (generated ${result.generatedAt}).`
          : `This pack does not match its manifest: ${result.mismatched.length} changed, ${result.missing.length} missing, ${result.extra.length} extra (${result.checked} files checked).`}
      </Alert>
      {result.mismatched.length ? (
        <div>
          <h3 className="font-medium">Changed since the pack was made</h3>
          <ul className="ml-5 list-disc">
            {result.mismatched.map((item) => (
              <li key={item.path}>
                <span className="font-mono">{item.path}</span>: SHA-256{" "}
                {item.actual.sha256.slice(0, 12)}… ({item.actual.size} bytes), manifest says{" "}
                {item.expected.sha256.slice(0, 12)}… ({item.expected.size} bytes)
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.missing.length ? (
        <div>
          <h3 className="font-medium">Missing from the pack</h3>
          <ul className="ml-5 list-disc">
            {result.missing.map((item) => (
              <li key={item} className="font-mono">
                {item}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result.extra.length ? (
        <div>
          <h3 className="font-medium">Not in the manifest</h3>
          <ul className="ml-5 list-disc">
            {result.extra.map((item) => (
              <li key={item} className="font-mono">
                {item}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
