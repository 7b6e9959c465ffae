"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import { uploadFile } from "@/components/evidence/upload";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldErrors } from "@/components/ui/field";
import { IdFields } from "@/components/ui/id-field";
import { Label, Textarea } from "@/components/ui/input";
import type { ActionResult, FormAction } from "@/lib/action-result";

type Props = {
  orgSlug: string;
  requestId: string;
  version: number;
  side: "team" | "auditor";
  state: "open" | "answered" | "accepted";
  /** The request's controls: a new file is evidence of these. */
  controlIds: string[];
  evidenceOptions: { id: string; title: string; effectiveDate: string }[];
  today: string;
  action: FormAction<{ messageId: string }>;
};

/**
 * A reply in the request's thread. The team may answer with it, attaching existing evidence or
 * uploading new files (through the evidence upload route, as evidence of the request's
 * controls, before the reply is sent); the auditor may reopen an answered request with it.
 */
export function ReplyForm(props: Props) {
  const { orgSlug, requestId, version, side, state, controlIds, evidenceOptions, today } = props;
  const id = useId();
  const router = useRouter();
  const files = useRef<HTMLInputElement>(null);
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<ActionResult<{ messageId: string }> | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = new FormData(form);
    data.set("intent", submitter?.value ?? "reply");
    startTransition(async () => {
      setUploadError(null);
      for (const file of Array.from(files.current?.files ?? [])) {
        const query = new URLSearchParams({
          purpose: "operating",
          title: file.name,
          effectiveDate: today,
          fileName: file.name,
        });
        for (const controlId of controlIds) query.append("controlIds", controlId);
        const uploaded = await uploadFile(
          `/api/orgs/${orgSlug}/evidence/files?${query}`,
          file,
          () => undefined,
        );
        if (!uploaded.ok) {
          setUploadError(`${file.name}: ${uploaded.message}`);
          return;
        }
        data.append("evidenceIds", uploaded.id);
      }
      const next = await props.action(null, data);
      setResult(next);
      if (next.ok) {
        form.reset();
        router.refresh();
      }
    });
  }

  const errors = result && !result.ok ? result.fieldErrors : undefined;
  const formError = result && !result.ok && !result.fieldErrors ? result.message : uploadError;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <IdFields fields={{ orgSlug, requestId, version }} />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <div className="space-y-1">
        <Label htmlFor={`${id}-body`}>Reply</Label>
        <Textarea
          id={`${id}-body`}
          name="body"
          rows={3}
          placeholder={side === "team" ? "Attached the Q2 review signed off on 3 July." : ""}
        />
        <FieldErrors errors={errors?.body} />
      </div>
      {side === "team" ? (
        <>
          <div className="space-y-1">
            <Label htmlFor={`${id}-files`}>Upload new evidence</Label>
            <input
              ref={files}
              id={`${id}-files`}
              type="file"
              multiple
              disabled={controlIds.length === 0}
              className="block text-sm"
            />
            {controlIds.length === 0 ? (
              <p className="text-xs text-slate-500">
                Link the request to a control first: new files become evidence of its controls.
              </p>
            ) : null}
          </div>
          {evidenceOptions.length ? (
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium">Attach existing evidence</legend>
              <div className="max-h-40 space-y-1 overflow-y-auto rounded border border-slate-200 p-2">
                {evidenceOptions.map((item) => (
                  <label key={item.id} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="evidenceIds" value={item.id} className="h-4 w-4" />
                    <span className="tabular-nums text-slate-500">{item.effectiveDate}</span>{" "}
                    {item.title}
                  </label>
                ))}
              </div>
              <FieldErrors errors={errors?.evidenceIds} />
            </fieldset>
          ) : null}
        </>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="intent" value="reply" variant="secondary" disabled={pending}>
          {pending ? "Sending…" : "Reply"}
        </Button>
        {side === "team" && state === "open" ? (
          <Button type="submit" name="intent" value="answer" disabled={pending}>
            Reply and mark answered
          </Button>
        ) : null}
        {side === "auditor" && state !== "open" ? (
          <Button type="submit" name="intent" value="reopen" variant="secondary" disabled={pending}>
            Reply and reopen
          </Button>
        ) : null}
      </div>
    </form>
  );
}
