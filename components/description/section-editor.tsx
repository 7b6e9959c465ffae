"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { SafeMarkdown } from "@/components/evidence/note-markdown";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { IdFields } from "@/components/ui/id-field";
import { StaleAlert } from "@/components/ui/stale-alert";
import { useActionForm } from "@/components/ui/use-action-form";
import type { FormAction } from "@/lib/action-result";
import { linkRefs, unknownRefs } from "@/lib/domain/description/refs";
import { PAPERWORK_MARKDOWN_LIMITS } from "@/lib/domain/markdown-limits";

type Props = {
  orgSlug: string;
  engagementId: string;
  sectionKey: string;
  title: string;
  body: string;
  version: number;
  /** Never saved yet: the author chooses where it lives. */
  isNew: boolean;
  controlRefs: [string, string][];
  action: FormAction<{ id: string; version: number; currentVersion: number }>;
};

/** The section's Markdown in a textarea with a preview; [[REF]] links and unknown refs flagged. */
export function SectionEditor(props: Props) {
  const router = useRouter();
  const [body, setBody] = useState(props.body);
  const [preview, setPreview] = useState(false);
  const { pending, onSubmit, fieldErrors, formError, result } = useActionForm(props.action, () =>
    router.refresh(),
  );
  const known = new Map(props.controlRefs);
  const unknown = unknownRefs(body, known);
  const linkOf = (id: string) => `/o/${props.orgSlug}/controls/${id}`;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <IdFields
        fields={{
          orgSlug: props.orgSlug,
          engagementId: props.engagementId,
          key: props.sectionKey,
          version: props.version,
        }}
      />
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {fieldErrors?.version ? <StaleAlert conflict={fieldErrors.version} /> : null}
      {result?.ok ? (
        <Alert tone="success">Saved as version {result.data.currentVersion}.</Alert>
      ) : null}
      <label className="block text-sm font-medium" htmlFor="section-title">
        Title
      </label>
      <input
        id="section-title"
        name="title"
        defaultValue={props.title}
        className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
      />
      {fieldErrors?.title ? <p className="text-sm text-red-700">{fieldErrors.title[0]}</p> : null}
      <div className="flex gap-2" role="group" aria-label="Editor view">
        <Button
          type="button"
          size="sm"
          variant={preview ? "secondary" : "primary"}
          onClick={() => setPreview(false)}
        >
          Write
        </Button>
        <Button
          type="button"
          size="sm"
          variant={preview ? "primary" : "secondary"}
          onClick={() => setPreview(true)}
        >
          Preview
        </Button>
      </div>
      <label className="block text-sm font-medium" htmlFor="section-body">
        Text (Markdown: tables, lists, headings; refer to a control as [[AC-01]])
      </label>
      <textarea
        id="section-body"
        name="body"
        value={body}
        onChange={(event) => setBody(event.target.value)}
        rows={18}
        hidden={preview}
        className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
      />
      {preview ? (
        <div className="rounded-md border border-slate-200 p-4" aria-label="Preview">
          <SafeMarkdown
            text={linkRefs(body, known, linkOf)}
            limits={PAPERWORK_MARKDOWN_LIMITS}
            noun="section"
          />
        </div>
      ) : null}
      {fieldErrors?.body ? <p className="text-sm text-red-700">{fieldErrors.body[0]}</p> : null}
      {unknown.length > 0 ? (
        <Alert tone="warning">
          Unknown control refs: {unknown.join(", ")}. Check the spelling or create the control.
        </Alert>
      ) : null}
      {props.isNew ? (
        <fieldset className="space-y-1 text-sm">
          <legend className="font-medium">Where this section lives</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="scope" value="engagement" defaultChecked /> This engagement
            only
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="scope" value="shared" /> Shared by every engagement of the
            organisation
          </label>
        </fieldset>
      ) : null}
      <p className="text-xs text-slate-500">
        Saving changed text sends an approved or in-review section back to draft.
      </p>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save section"}
      </Button>
    </form>
  );
}
