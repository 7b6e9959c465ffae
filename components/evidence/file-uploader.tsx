"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormAction } from "@/lib/action-result";
import { sha256Hex, uploadFile } from "./upload";

type Duplicate = {
  id: string;
  title: string;
  fileName: string | null;
  controls: string[];
  version: number;
};
type Item = {
  name: string;
  size: number;
  state: "waiting" | "checking" | "duplicate" | "uploading" | "done" | "linked" | "error";
  progress: number;
  message?: string;
  duplicates?: Duplicate[];
};

type Props = {
  orgSlug: string;
  controlId: string;
  today: string;
  events: { id: string; label: string }[];
  reuseAction: FormAction;
  children: ReactNode;
};

const CONNECTION_FAILED = "The connection failed. Check it and try again.";

const LABEL: Record<Item["state"], string> = {
  waiting: "waiting",
  checking: "checking…",
  duplicate: "already stored",
  uploading: "uploading",
  done: "uploaded",
  linked: "linked existing evidence",
  error: "failed",
};

/** Several files at once: each is hashed, checked for an identical stored file, then uploaded with progress. */
export function FileUploader({ orgSlug, controlId, reuseAction, children }: Props) {
  const router = useRouter();
  const [items, setItems] = useState<Item[]>([]);
  const [busy, setBusy] = useState(false);
  const pending = useRef(new Map<number, { file: File; url: string }>());
  const update = (index: number, changes: Partial<Item>) =>
    setItems((current) => current.map((item, i) => (i === index ? { ...item, ...changes } : item)));

  async function send(index: number, file: File, url: string) {
    update(index, { state: "uploading", progress: 0 });
    const result = await uploadFile(url, file, (progress) => update(index, { progress }));
    update(
      index,
      result.ok ? { state: "done", progress: 1 } : { state: "error", message: result.message },
    );
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const files = form
      .getAll("files")
      .filter((value): value is File => value instanceof File && value.name !== "");
    if (!files.length) {
      setItems([
        {
          name: "",
          size: 0,
          state: "error",
          progress: 0,
          message: "Choose one or more files first.",
        },
      ]);
      return;
    }
    setBusy(true);
    setItems(
      files.map((file) => ({ name: file.name, size: file.size, state: "waiting", progress: 0 })),
    );
    for (const [index, file] of files.entries()) {
      const query = new URLSearchParams({
        controlIds: controlId,
        title: file.name,
        fileName: file.name,
      });
      for (const key of ["purpose", "effectiveDate", "coverageEnd", "eventId", "slotKey"]) {
        const value = form.get(key);
        if (typeof value === "string" && value) query.set(key, value);
      }
      const url = `/api/orgs/${orgSlug}/evidence/files?${query}`;
      update(index, { state: "checking" });
      try {
        const sha = await sha256Hex(file);
        const response = await fetch(`/api/orgs/${orgSlug}/evidence/by-sha/${sha}`);
        const duplicates = response.ok
          ? ((await response.json()) as { data: Duplicate[] }).data
          : [];
        if (duplicates.length) {
          pending.current.set(index, { file, url });
          update(index, { state: "duplicate", duplicates });
          continue;
        }
        await send(index, file, url);
      } catch {
        update(index, { state: "error", message: CONNECTION_FAILED });
      }
    }
    setBusy(false);
    router.refresh();
  }

  async function reuse(index: number, duplicate: Duplicate) {
    const data = new FormData();
    data.set("orgSlug", orgSlug);
    data.set("evidenceId", duplicate.id);
    data.set("version", String(duplicate.version));
    data.set("controlIds", controlId);
    const result = await reuseAction(null, data).catch(() => null);
    if (!result) update(index, { state: "error", message: CONNECTION_FAILED });
    else if (result.ok) update(index, { state: "linked" });
    else update(index, { state: "error", message: result.message });
    router.refresh();
  }

  async function uploadAnyway(index: number) {
    const entry = pending.current.get(index);
    if (!entry) return;
    await send(index, entry.file, entry.url);
    router.refresh();
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} className="space-y-3">
      <Field
        label="Choose files"
        name="files"
        type="file"
        multiple
        hint="Each file becomes one evidence item, titled with its name. Up to the upload limit each."
      />
      {children}
      <Button type="submit" disabled={busy}>
        {busy ? "Uploading…" : "Upload files"}
      </Button>
      {items.length ? (
        <ul className="space-y-2" aria-label="Uploads">
          {items.map((item, index) => (
            <li
              key={`${item.name}-${index}`}
              className="rounded-md border border-slate-200 p-2 text-sm"
            >
              <div className="flex items-center justify-between gap-2">
                <span className="truncate font-medium">{item.name || "No file"}</span>
                <span className={item.state === "error" ? "text-red-700" : "text-slate-600"}>
                  {LABEL[item.state]}
                </span>
              </div>
              {item.state === "uploading" || item.state === "done" ? (
                <progress
                  className="mt-1 h-2 w-full"
                  max={1}
                  value={item.progress}
                  aria-label={`Upload progress of ${item.name}`}
                />
              ) : null}
              {item.message ? (
                <p role="alert" className="mt-1 text-red-700">
                  {item.message}
                </p>
              ) : null}
              {item.state === "duplicate" && item.duplicates ? (
                <div className="mt-2 space-y-1">
                  <p>This exact file is already stored as:</p>
                  {item.duplicates.map((duplicate) => (
                    <div key={duplicate.id} className="flex flex-wrap items-center gap-2">
                      <span>
                        “{duplicate.title}” ({duplicate.controls.join(", ") || "no control"})
                      </span>
                      <Button
                        type="button"
                        size="sm"
                        variant="secondary"
                        onClick={() => void reuse(index, duplicate)}
                      >
                        Reuse it for this control
                      </Button>
                    </div>
                  ))}
                  <Button
                    type="button"
                    size="sm"
                    variant="ghost"
                    onClick={() => void uploadAnyway(index)}
                  >
                    Upload as new evidence anyway
                  </Button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
