import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { SectionPage } from "@/lib/db/description-page";
import { REQUEST_STATE_LABELS } from "@/lib/domain/labels";

type Props = {
  requests: SectionPage["requests"];
  /** The requests page, where the threads are answered. */
  requestsHref: string;
  /** Who reads: the team answers, the auditor asked. */
  side: SectionPage["permissions"]["requests"];
};

const TONE = { open: "warning", answered: "brand", accepted: "success" } as const;

/** The auditor's requests on one section: what is still open, then what was answered. */
export function SectionRequests({ requests, requestsHref, side }: Props) {
  const waiting = requests.filter((request) => request.state !== "accepted");
  const accepted = requests.length - waiting.length;
  const open = requests.filter((request) => request.state === "open").length;
  return (
    <section aria-label="Requests on this section">
      <p className="text-sm text-slate-600">
        {requests.length === 0
          ? side === "auditor"
            ? "You have not asked about this section yet."
            : "The auditor has not asked about this section."
          : `${open} open, ${waiting.length - open} answered and waiting for the auditor, ${accepted} accepted.`}
      </p>
      {waiting.length ? (
        <ul className="mt-2 space-y-2 text-sm">
          {waiting.map((request) => (
            <li key={request.id} className="rounded border border-slate-200 p-2">
              <div className="flex items-center justify-between gap-2">
                <span className="text-xs text-slate-500">
                  {request.externalId ? `${request.externalId} · ` : ""}
                  {request.createdBy}, {request.createdAt.toISOString().slice(0, 10)}
                  {request.dueDate ? ` · due ${request.dueDate}` : ""}
                  {request.assignee ? ` · ${request.assignee}` : ""}
                </span>
                <Badge tone={TONE[request.state]}>{REQUEST_STATE_LABELS[request.state]}</Badge>
              </div>
              <p className="mt-1 whitespace-pre-wrap">{request.body}</p>
            </li>
          ))}
        </ul>
      ) : null}
      {requests.length ? (
        <Link className="mt-2 inline-block text-sm text-brand-700 underline" href={requestsHref}>
          {side === "team" ? "Answer in Auditor requests" : "Open the threads in Auditor requests"}
        </Link>
      ) : null}
    </section>
  );
}
