import type { Metadata } from "next";
import Link from "next/link";
import { CloseRequestForm } from "@/components/requests/close-request-form";
import { ActionButton } from "@/components/ui/action-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import {
  answerableEvidence,
  listAuditorRequests,
  REQUEST_STATUSES,
  type RequestStatus,
} from "@/lib/db/auditor-requests";
import { can } from "@/lib/domain/permissions";
import { closeRequestAction, reopenRequestAction } from "./actions";
import { pageQuery } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Auditor requests" };

type Props = { params: Promise<{ orgSlug: string }>; searchParams: Promise<{ status?: string }> };

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export default async function RequestsPage({ params, searchParams }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  const wanted = (await pageQuery(searchParams)).status;
  const status: RequestStatus = REQUEST_STATUSES.find((value) => value === wanted) ?? "open";
  const requests = await listAuditorRequests(ctx, { status });
  const canResolve = can(ctx.role, "request.resolve");
  const canReopen = can(ctx.role, "request.create");
  const evidenceOf =
    canResolve && status === "open"
      ? new Map(
          await Promise.all(
            requests.map(
              async (request) => [request.id, await answerableEvidence(ctx, request)] as const,
            ),
          ),
        )
      : new Map();
  const base = `/o/${ctx.orgSlug}`;
  const hrefOf = (request: (typeof requests)[number]) =>
    request.target.kind === "control"
      ? `${base}/controls/${request.target.id}?engagement=${request.engagementId}`
      : `${base}/engagements/${request.engagementId}/requirements/${encodeURIComponent(request.target.id)}`;

  return (
    <>
      <PageHeader
        title="Auditor requests"
        description={
          canReopen
            ? "What you asked the team for, and their answers."
            : "What the auditors asked for. Answer with evidence, then close the request."
        }
      />
      <nav aria-label="Request status" className="mb-4 flex gap-2">
        {REQUEST_STATUSES.map((value) => (
          <Link
            key={value}
            href={`${base}/requests?status=${value}`}
            aria-current={status === value ? "page" : undefined}
            className={cn(
              "rounded-md px-3 py-1.5 text-sm",
              status === value
                ? "bg-brand-50 font-medium text-brand-900"
                : "text-slate-600 hover:bg-slate-100",
            )}
          >
            {value === "open" ? "Open" : "Closed"}
          </Link>
        ))}
      </nav>
      {requests.length === 0 ? (
        <p className="text-sm text-slate-600">
          {status === "open" ? "No open requests." : "No closed requests yet."}{" "}
          {canReopen
            ? "Leave a request from any requirement or control page."
            : "Auditors leave requests from requirement and control pages."}
        </p>
      ) : (
        <ul className="space-y-4" aria-label={`${status === "open" ? "Open" : "Closed"} requests`}>
          {requests.map((request) => (
            <li key={request.id}>
              <Card>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="text-sm">
                    <Link
                      className="font-medium text-brand-700 hover:underline"
                      href={hrefOf(request)}
                    >
                      {request.target.label}
                    </Link>
                    <span className="text-slate-500"> · {request.engagementName}</span>
                  </p>
                  <Badge tone={request.status === "open" ? "warning" : "success"}>
                    {request.status}
                  </Badge>
                </div>
                <p className="mt-2 whitespace-pre-wrap text-sm">{request.body}</p>
                <p className="mt-1 text-xs text-slate-500">
                  Asked by {request.createdBy} on {timeFormat.format(request.createdAt)} UTC
                </p>
                {request.status === "closed" ? (
                  <div className="mt-3 rounded bg-slate-50 p-3 text-sm">
                    <p className="whitespace-pre-wrap">
                      {request.answer ?? "Closed without a note."}
                    </p>
                    {request.evidence.length ? (
                      <p className="mt-1 text-xs">
                        Evidence: {request.evidence.map((item) => item.title).join(", ")}
                      </p>
                    ) : null}
                    <p className="mt-1 text-xs text-slate-500">
                      Closed by {request.closedBy ?? "?"}
                      {request.closedAt ? ` on ${timeFormat.format(request.closedAt)} UTC` : ""}
                    </p>
                    {canReopen ? (
                      <div className="mt-2">
                        <ActionButton
                          action={reopenRequestAction}
                          fields={{ orgSlug: ctx.orgSlug, requestId: request.id }}
                          label="Reopen"
                        />
                      </div>
                    ) : null}
                  </div>
                ) : null}
                {request.status === "open" && canResolve ? (
                  <div className="mt-3 border-t border-slate-100 pt-3">
                    <CloseRequestForm
                      orgSlug={ctx.orgSlug}
                      requestId={request.id}
                      evidence={evidenceOf.get(request.id) ?? []}
                      action={closeRequestAction}
                    />
                  </div>
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
