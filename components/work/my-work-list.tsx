import Link from "next/link";
import type { MyRequest, MyWork, MyWorkItem } from "@/lib/db/my-work";
import { describeWork, workHref } from "./describe";

function Section({
  title,
  empty,
  items,
  orgSlug,
  today,
}: {
  title: string;
  empty: string;
  items: MyWorkItem[];
  orgSlug: string;
  today: string;
}) {
  const id = `my-work-${title.toLowerCase().replace(/[^a-z]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="space-y-2">
      <h2 id={id} className="text-base font-semibold text-slate-900">
        {title} <span className="text-sm font-normal text-slate-500">({items.length})</span>
      </h2>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">{empty}</p>
      ) : (
        <ul className="space-y-1 text-sm" aria-label={title}>
          {items.map((item) => (
            <li key={`${item.engagement.id}:${item.key}`} className="flex justify-between gap-3">
              <Link
                className="text-brand-700 hover:underline"
                href={workHref(item, orgSlug, item.engagement.id)}
              >
                {describeWork(item, today)}
              </Link>
              <span className="shrink-0 text-xs text-slate-500">{item.engagement.name}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Requests({ requests, orgSlug }: { requests: MyRequest[]; orgSlug: string }) {
  return (
    <section aria-labelledby="my-work-requests" className="space-y-2">
      <h2 id="my-work-requests" className="text-base font-semibold text-slate-900">
        Auditor requests on my controls{" "}
        <span className="text-sm font-normal text-slate-500">({requests.length})</span>
      </h2>
      {requests.length === 0 ? (
        <p className="text-sm text-slate-600">No open requests on your controls.</p>
      ) : (
        <ul className="space-y-1 text-sm" aria-label="Auditor requests on my controls">
          {requests.map((request) => (
            <li key={request.id} className="flex justify-between gap-3">
              <Link
                className="text-brand-700 hover:underline"
                href={`/o/${orgSlug}/requests?engagement=${request.engagement.id}`}
              >
                {request.control.ref}: {request.body.slice(0, 140)}
              </Link>
              <span className="shrink-0 text-xs text-slate-500">{request.engagement.name}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The member's work across engagements, by kind; every row links where it is done. */
export function MyWorkList({
  work,
  orgSlug,
  today,
}: {
  work: MyWork;
  orgSlug: string;
  today: string;
}) {
  if (work.ownedControls === 0)
    return (
      <p className="text-sm text-slate-600">
        You own no controls in this organisation yet. When a control is given to you (its owner is
        set on the control page), what it needs from you appears here.{" "}
        <Link
          className="text-brand-700 underline underline-offset-2"
          href={`/o/${orgSlug}/controls`}
        >
          See the controls and their owners
        </Link>
        .
      </p>
    );
  const common = { orgSlug, today };
  return (
    <div className="space-y-6">
      {work.counts.total === 0 ? (
        <p className="text-sm text-green-800">
          Nothing missing, nothing due in the next 14 days on your {work.ownedControls} controls.
        </p>
      ) : null}
      <Section title="Missing" empty="No missing occurrences." items={work.missing} {...common} />
      <Section
        title="Due soon"
        empty="Nothing comes due in the next 14 days."
        items={work.dueSoon}
        {...common}
      />
      <Section
        title="Design evidence expiring"
        empty="No design evidence expires in the next 30 days."
        items={work.expiring}
        {...common}
      />
      <Section
        title="Blockers"
        empty="No design gaps or open exceptions."
        items={work.blockers}
        {...common}
      />
      <Requests requests={work.requests} orgSlug={orgSlug} />
    </div>
  );
}
