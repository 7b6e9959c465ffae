import type { Metadata } from "next";
import Link from "next/link";
import { ImportWizard } from "@/components/requests/import-wizard";
import { RequestCard } from "@/components/requests/request-card";
import { RequestFilters } from "@/components/requests/request-filters";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadRequestsPage } from "@/lib/db/requests-page";
import { can } from "@/lib/domain/permissions";
import { REQUEST_STATES } from "@/lib/domain/request-states";
import { todayFor } from "@/lib/server/clock";
import { pageQuery } from "@/lib/server/page-params";
import {
  acceptRequestAction,
  importRequestListAction,
  previewRequestListAction,
  replyToRequestAction,
  scheduleRequestAction,
  setRequestLinksAction,
} from "./actions";

export const metadata: Metadata = { title: "Auditor requests" };

type Query = { state?: string; assignee?: string; due?: string; engagement?: string };
type Props = { params: Promise<{ orgSlug: string }>; searchParams: Promise<Query> };

const ACTIONS = {
  reply: replyToRequestAction,
  accept: acceptRequestAction,
  schedule: scheduleRequestAction,
  links: setRequestLinksAction,
};

export default async function RequestsPage({ params, searchParams }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  const query = await pageQuery(searchParams);
  const today = await todayFor(ctx);
  const state = REQUEST_STATES.find((value) => value === query.state);
  const due = query.due === "overdue" || query.due === "this-week" ? query.due : undefined;
  const assigneeId = query.assignee === "me" ? ctx.userId : query.assignee || undefined;
  const page = await loadRequestsPage(
    ctx,
    { state, due, assigneeId, engagementId: query.engagement || undefined },
    today,
  );
  const side = can(ctx.role, "request.resolve")
    ? "team"
    : can(ctx.role, "request.create")
      ? "auditor"
      : "reader";
  const base = `/o/${ctx.orgSlug}`;
  const lists = page.engagements.filter((engagement) => engagement.hasList);
  const filtered = Boolean(state || due || assigneeId || query.engagement);

  return (
    <>
      <PageHeader
        title="Auditor requests"
        description={
          side === "auditor"
            ? "What you asked the team for, their replies, and what waits for your acceptance."
            : "What the auditors asked for. Reply in the thread, answer with evidence, and send the list back."
        }
      />
      {side !== "reader" && page.engagements.length ? (
        <details className="mb-6 rounded border border-slate-200 p-4">
          <summary className="cursor-pointer text-sm font-medium">Import a request list</summary>
          <div className="mt-3">
            <ImportWizard
              orgSlug={ctx.orgSlug}
              engagements={page.engagements}
              previewAction={previewRequestListAction}
              importAction={importRequestListAction}
            />
          </div>
        </details>
      ) : null}
      {lists.length ? (
        <nav aria-label="Answered lists" className="mb-4 flex flex-wrap gap-3 text-sm">
          {lists.map((engagement) => (
            <span key={engagement.id}>
              {engagement.name}:{" "}
              <a
                className="text-brand-700 hover:underline"
                href={`${base}/requests/list/${engagement.id}?format=csv`}
              >
                answered list (CSV)
              </a>{" "}
              <a
                className="text-brand-700 hover:underline"
                href={`${base}/requests/list/${engagement.id}?format=xlsx`}
              >
                (XLSX, when imported as XLSX)
              </a>
            </span>
          ))}
        </nav>
      ) : null}
      <RequestFilters
        action={`${base}/requests`}
        values={{
          state: state ?? "",
          assignee: query.assignee ?? "",
          due: due ?? "",
          engagement: query.engagement ?? "",
        }}
        engagements={page.engagements}
        members={page.members}
      />
      {page.requests.length === 0 ? (
        <p className="text-sm text-slate-600">
          {filtered ? "No requests match." : "No requests yet."}{" "}
          {side === "auditor"
            ? "Import your request list above, or leave a request from any requirement or control page."
            : "Import the auditor's request list above; auditors also leave requests on requirement and control pages."}{" "}
          {filtered ? (
            <Link className="text-brand-700 hover:underline" href={`${base}/requests`}>
              Clear the filters
            </Link>
          ) : (
            <Link className="text-brand-700 hover:underline" href={`${base}/engagements`}>
              Go to the engagements
            </Link>
          )}
        </p>
      ) : (
        <ul className="space-y-4" aria-label="Requests">
          {page.requests.map((request) => (
            <li key={request.id}>
              <RequestCard
                orgSlug={ctx.orgSlug}
                request={request}
                side={side}
                members={page.members}
                controls={page.controls}
                requirements={page.requirements[request.engagementId] ?? []}
                today={today}
                actions={ACTIONS}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
