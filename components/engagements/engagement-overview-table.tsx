import Link from "next/link";
import { Sparkline } from "@/components/readiness/sparkline";
import { Table, Td, Th } from "@/components/ui/table";
import type { OverviewEngagement } from "@/lib/db/overview";
import { FAMILY_LABELS, TYPE_LABELS } from "@/lib/domain/labels";

function daysLeft(engagement: OverviewEngagement): string {
  const what = engagement.type === "TYPE_I" ? "as-of date" : "period end";
  const days = engagement.daysLeft;
  if (days === 0) return `${what} today`;
  if (days > 0) return `${days} ${days === 1 ? "day" : "days"} to the ${what}`;
  return `${what} ${-days} ${days === -1 ? "day" : "days"} ago`;
}

/** The organisation's engagements with their readiness, the time left and the trend. */
export function EngagementOverviewTable({
  orgSlug,
  engagements,
}: {
  orgSlug: string;
  engagements: OverviewEngagement[];
}) {
  return (
    <Table aria-label="Engagements">
      <thead>
        <tr>
          <Th>Engagement</Th>
          <Th>Type</Th>
          <Th>Dates</Th>
          <Th className="text-right">Readiness</Th>
          <Th>Time left</Th>
          <Th>Trend (60 days)</Th>
        </tr>
      </thead>
      <tbody>
        {engagements.map((engagement) => (
          <tr key={engagement.id}>
            <Td>
              <Link
                className="font-medium text-brand-700 hover:underline"
                href={`/o/${orgSlug}/engagements/${engagement.id}/dashboard`}
              >
                {engagement.name}
              </Link>
            </Td>
            <Td>
              {FAMILY_LABELS[engagement.family]} {TYPE_LABELS[engagement.type]}
            </Td>
            <Td className="whitespace-nowrap">
              {engagement.type === "TYPE_I"
                ? `as of ${engagement.asOfDate ?? "?"}`
                : `${engagement.periodStart ?? "?"} → ${engagement.periodEnd ?? "?"}`}
            </Td>
            <Td className="text-right tabular-nums">
              <span className="font-semibold">{Math.round(engagement.readinessPercent)}%</span>{" "}
              <span className="text-xs text-slate-500">
                ({engagement.ready} of {engagement.applicable})
              </span>
            </Td>
            <Td>{daysLeft(engagement)}</Td>
            <Td>
              <Sparkline points={engagement.trend} label={engagement.name} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
