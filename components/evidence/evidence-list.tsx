import { Badge } from "@/components/ui/badge";
import { ConfirmAction } from "@/components/ui/confirm-action";
import type { FormAction } from "@/lib/action-result";
import type { OccurrenceChoice } from "@/lib/domain/readiness/occurrences";
import { EditEvidenceDialog } from "./edit-evidence-dialog";
import { LinkEvidenceForm } from "./link-evidence-form";
import { NoteMarkdown } from "./note-markdown";
import { formatSize } from "@/components/ui/format-size";
import { alsoSupportedRefs, isViewableInline } from "@/lib/domain/evidence";

export type EvidenceItem = {
  id: string;
  kind: string;
  purpose: string;
  title: string;
  note: string | null;
  url: string | null;
  fileName: string | null;
  contentType: string | null;
  size: number | null;
  sha256: string | null;
  effectiveDate: string;
  coverageEnd: string | null;
  eventId: string | null;
  slotKey: string | null;
  uploadedBy: string;
  /** When it was recorded in Assay, on the organisation's clock ("2 Dec 2026, 09:41 (UTC)"). */
  recordedAt: string;
  controls: { id: string; ref: string }[];
  version: number;
  /** Where the item falls against an engagement's window, when one is chosen. */
  window?: "in_window" | "before_window" | "after_window";
};

type Props = {
  orgSlug: string;
  items: EvidenceItem[];
  canEdit: boolean;
  /** The control whose page lists the items: not repeated under "also supports". */
  currentControlId: string;
  /** Controls an item can additionally be linked to (evidence reuse). */
  controls: { id: string; ref: string; title: string }[];
  deleteAction: FormAction;
  linkAction: FormAction;
  /** What a correction needs: today, the control's events and occurrences, and the action. */
  edit?: {
    today: string;
    events: { id: string; label: string }[];
    occurrences: readonly OccurrenceChoice[];
    action: FormAction;
  };
};

/** A control's evidence, newest effective date first; notes render as safe Markdown (no raw HTML). */
export function EvidenceList({
  orgSlug,
  items,
  canEdit,
  currentControlId,
  controls,
  deleteAction,
  linkAction,
  edit,
}: Props) {
  if (items.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No evidence yet. Add a policy or configuration as design evidence, and each occurrence as
        operating evidence
        {canEdit ? (
          <>
            :{" "}
            <a className="text-brand-700 underline underline-offset-2" href="#add-evidence">
              go to the evidence form
            </a>
          </>
        ) : null}
        .
      </p>
    );
  return (
    <ul className="divide-y divide-slate-100" aria-label="Evidence">
      {items.map((item) => (
        <li key={item.id} className="py-3 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{item.title}</span>
            <Badge tone={item.purpose === "design" ? "brand" : "neutral"}>{item.purpose}</Badge>
            <span className="text-slate-600">
              effective {item.effectiveDate}
              {item.coverageEnd ? ` → ${item.coverageEnd}` : ""}
            </span>
            {item.slotKey ? (
              <Badge tone="neutral">
                for {item.slotKey === item.eventId ? "its event" : item.slotKey}
              </Badge>
            ) : null}
            {item.window && item.window !== "in_window" ? (
              <Badge tone="warning">
                {item.window === "before_window" ? "before window" : "after window"}
              </Badge>
            ) : null}
            {canEdit ? (
              <span className="ml-auto flex gap-2">
                {edit ? (
                  <EditEvidenceDialog
                    orgSlug={orgSlug}
                    item={item}
                    today={edit.today}
                    events={edit.events}
                    occurrences={edit.occurrences}
                    controls={controls}
                    action={edit.action}
                  />
                ) : null}
                <ConfirmAction
                  triggerLabel="Delete"
                  triggerAriaLabel={`Delete evidence ${item.title}`}
                  title="Delete this evidence?"
                  description={`“${item.title}” will be removed from ${item.controls.map((c) => c.ref).join(", ")}. The deletion and its reason are recorded in the activity log.`}
                  confirmLabel="Delete evidence"
                  reason={{
                    label: "Reason for deleting",
                    hint: "e.g. uploaded to the wrong control; kept in the activity log.",
                  }}
                  action={deleteAction}
                  fields={{ orgSlug, evidenceId: item.id, version: String(item.version) }}
                />
              </span>
            ) : null}
          </div>
          {item.kind === "note" && item.note ? (
            <div className="prose-sm mt-1 max-w-none text-slate-700 [&_a]:text-brand-700 [&_a]:underline [&_ul]:list-disc [&_ul]:pl-5">
              <NoteMarkdown note={item.note} />
            </div>
          ) : null}
          {item.kind === "link" && item.url ? (
            <a
              className="mt-1 block break-all text-brand-700 underline"
              href={item.url}
              rel="noopener noreferrer nofollow"
              target="_blank"
            >
              {item.url}
            </a>
          ) : null}
          {item.kind === "file" ? (
            <p className="mt-1">
              <a
                className="text-brand-700 underline"
                href={`/api/orgs/${orgSlug}/evidence/${item.id}/file`}
                download
              >
                Download {item.fileName}
              </a>{" "}
              {item.contentType && isViewableInline(item.contentType) ? (
                <>
                  <a
                    className="text-brand-700 underline"
                    href={`/api/orgs/${orgSlug}/evidence/${item.id}/file?inline=1`}
                    target="_blank"
                    rel="noopener noreferrer"
                  >
                    View<span className="sr-only"> {item.fileName}</span>
                  </a>{" "}
                </>
              ) : null}
              <span className="text-xs text-slate-500">
                {item.size !== null ? formatSize(item.size) : ""} · SHA-256{" "}
                <span className="font-mono">{item.sha256?.slice(0, 12)}…</span>
              </span>
            </p>
          ) : null}
          <p className="mt-1 text-xs text-slate-500">
            Recorded {item.recordedAt} by {item.uploadedBy}
            {alsoSupportedRefs(item.controls, currentControlId).length > 0
              ? ` · also supports ${alsoSupportedRefs(item.controls, currentControlId).join(", ")}`
              : ""}
          </p>
          {canEdit ? (
            <LinkEvidenceForm
              orgSlug={orgSlug}
              evidence={{ id: item.id, version: item.version }}
              title={item.title}
              controls={controls}
              linkedIds={item.controls.map((linked) => linked.id)}
              action={linkAction}
            />
          ) : null}
        </li>
      ))}
    </ul>
  );
}
