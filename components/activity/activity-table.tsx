import Link from "next/link";
import { Table, Td, Th } from "@/components/ui/table";
import type { ActivityLine } from "@/lib/db/activity-log";
import type { RecordLink, SentencePart } from "@/lib/domain/activity-writer";

function hrefOf(orgSlug: string, link: RecordLink): string | null {
  const base = `/o/${orgSlug}`;
  switch (link.page) {
    case "control":
      return `${base}/controls/${link.id}`;
    case "engagement":
      return `${base}/engagements/${link.id}`;
    case "objective":
      return `${base}/objectives/${link.id}`;
    case "requests":
      return `${base}/requests`;
    case "exports":
      return `${base}/engagements/${link.id}/exports`;
    case "requirement":
      return link.engagementId
        ? `${base}/engagements/${link.engagementId}/requirements/${encodeURIComponent(link.id)}`
        : null;
  }
}

function Sentence({ orgSlug, parts }: { orgSlug: string; parts: SentencePart[] }) {
  return (
    <>
      {parts.map((part, index) => {
        const href = part.link ? hrefOf(orgSlug, part.link) : null;
        return href ? (
          <Link key={index} href={href} className="text-brand-700 hover:underline">
            {part.text}
          </Link>
        ) : (
          <span key={index}>{part.text}</span>
        );
      })}
    </>
  );
}

type Props = { orgSlug: string; rows: ActivityLine[]; timeZone: string };

/** The log, newest first: when (in the organisation's time zone), who, and what happened. */
export function ActivityTable({ orgSlug, rows, timeZone }: Props) {
  const time = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone,
  });
  return (
    <Table aria-label="Activity log">
      <thead>
        <tr>
          <Th>#</Th>
          <Th>When ({timeZone})</Th>
          <Th>Who</Th>
          <Th>What happened</Th>
          <Th>Kind</Th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <Td className="tabular-nums text-slate-500">{row.seq}</Td>
            <Td className="whitespace-nowrap">
              <time dateTime={row.at.toISOString()}>{time.format(row.at)}</time>
            </Td>
            <Td>{row.actor}</Td>
            <Td className="max-w-xl">
              <Sentence orgSlug={orgSlug} parts={row.parts} />
            </Td>
            <Td className="text-xs text-slate-500" title={row.action}>
              {row.kind}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
