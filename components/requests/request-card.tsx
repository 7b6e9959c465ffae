import Link from "next/link";
import { NoteMarkdown } from "@/components/evidence/note-markdown";
import { ActionButton } from "@/components/ui/action-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { FormAction } from "@/lib/action-result";
import type { RequestView } from "@/lib/db/request-views";
import type { RequestsPage } from "@/lib/db/requests-page";
import { LinksForm } from "./links-form";
import { ReplyForm } from "./reply-form";
import { ScheduleForm } from "./schedule-form";
import { REQUEST_STATE_LABELS } from "@/lib/domain/labels";

export type RequestActions = {
  reply: FormAction<{ messageId: string }>;
  accept: FormAction;
  schedule: FormAction;
  links: FormAction;
};

type Props = {
  orgSlug: string;
  request: RequestsPage["requests"][number];
  side: "team" | "auditor" | "reader";
  members: RequestsPage["members"];
  controls: RequestsPage["controls"];
  requirements: RequestsPage["requirements"][string];
  today: string;
  actions: RequestActions;
};

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

/** "Q1 review (recorded 2 Apr 2026, 10:15 UTC by Dana Owner), …" */
export function evidenceNames(items: RequestView["evidence"]): string {
  return items
    .map(
      (item) =>
        `${item.title} (recorded ${timeFormat.format(item.recordedAt)} UTC by ${item.recordedBy})`,
    )
    .join(", ");
}

const TONE = { open: "warning", answered: "brand", accepted: "success" } as const;

/** One request: what was asked, its state, the thread, and what the reader may do next. */
export function RequestCard(props: Props) {
  const { orgSlug, request, side, members, controls, requirements, today, actions } = props;
  const overdue =
    request.dueDate !== null && request.dueDate < today && request.state !== "accepted";
  return (
    <Card>
      <article aria-label={`Request ${request.externalId ?? request.body.slice(0, 40)}`}>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm">
            {request.externalId ? (
              <span className="font-medium">{request.externalId} · </span>
            ) : null}
            <span className="text-slate-500">{request.engagementName}</span>
            {request.controls.length ? (
              <span className="text-slate-500">
                {" "}
                · {request.controls.map((control) => control.ref).join(", ")}
              </span>
            ) : null}
            {request.requirementCodes.length ? (
              <span className="text-slate-500"> · {request.requirementCodes.join(", ")}</span>
            ) : null}
            {request.section ? (
              <>
                {" · "}
                <Link
                  className="text-brand-700 hover:underline"
                  href={`/o/${orgSlug}/engagements/${request.engagementId}/description/${request.section.key}`}
                >
                  System description: {request.section.title}
                </Link>
              </>
            ) : null}
          </p>
          <Badge tone={TONE[request.state]}>{REQUEST_STATE_LABELS[request.state]}</Badge>
        </div>
        <p className="mt-2 whitespace-pre-wrap text-sm">{request.body}</p>
        <p className="mt-1 text-xs text-slate-500">
          Asked by {request.createdBy} on {timeFormat.format(request.createdAt)} UTC
          {request.dueDate ? (
            <span className={overdue ? "font-medium text-red-700" : undefined}>
              {" "}
              · due {request.dueDate}
              {overdue ? " (overdue)" : ""}
            </span>
          ) : null}
          {request.assignee ? <> · assigned to {request.assignee.name}</> : null}
        </p>
        {request.evidence.length ? (
          <p className="mt-1 text-xs">Evidence: {evidenceNames(request.evidence)}</p>
        ) : null}
        {request.messages.length ? (
          <ol aria-label="Thread" className="mt-3 space-y-2">
            {request.messages.map((message) => (
              <li
                key={message.id}
                className={
                  message.side === "auditor"
                    ? "rounded bg-slate-50 p-3 text-sm"
                    : "rounded bg-brand-50 p-3 text-sm"
                }
              >
                <p className="text-xs text-slate-500">
                  {message.author} ({message.side === "auditor" ? "auditor" : "team"}) ·{" "}
                  {timeFormat.format(message.createdAt)} UTC
                </p>
                <div className="prose prose-sm max-w-none">
                  <NoteMarkdown note={message.body} />
                </div>
                {message.evidence.length ? (
                  <p className="mt-1 text-xs">Evidence: {evidenceNames(message.evidence)}</p>
                ) : null}
              </li>
            ))}
          </ol>
        ) : null}
        {request.state !== "open" && request.answeredBy ? (
          <p className="mt-2 text-xs text-slate-500">
            Answered by {request.answeredBy}
            {request.answeredAt ? ` on ${timeFormat.format(request.answeredAt)} UTC` : ""}
          </p>
        ) : null}
        {side === "auditor" && request.state === "answered" ? (
          <div className="mt-3">
            <ActionButton
              action={actions.accept}
              fields={{ orgSlug, requestId: request.id, version: String(request.version) }}
              label="Accept the answer"
              variant="primary"
            />
          </div>
        ) : null}
        {side === "auditor" || (side === "team" && request.state !== "accepted") ? (
          <div className="mt-3 border-t border-slate-100 pt-3">
            <ReplyForm
              orgSlug={orgSlug}
              requestId={request.id}
              version={request.version}
              side={side}
              state={request.state}
              controlIds={request.controls.map((control) => control.id)}
              evidenceOptions={request.evidenceOptions}
              today={today}
              action={actions.reply}
            />
          </div>
        ) : null}
        {side === "team" ? (
          <details className="mt-3 text-sm">
            <summary className="cursor-pointer text-slate-600">
              Assignee, due date and links
            </summary>
            <div className="mt-2 space-y-4">
              <ScheduleForm
                orgSlug={orgSlug}
                requestId={request.id}
                version={request.version}
                assigneeId={request.assignee?.id ?? null}
                dueDate={request.dueDate}
                members={members}
                action={actions.schedule}
              />
              <LinksForm
                orgSlug={orgSlug}
                requestId={request.id}
                version={request.version}
                requirementCodes={request.requirementCodes}
                controlIds={request.linkedControlIds}
                requirements={requirements}
                controls={controls}
                action={actions.links}
              />
            </div>
          </details>
        ) : null}
      </article>
    </Card>
  );
}
