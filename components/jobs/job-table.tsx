import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { JobsPage } from "@/lib/db/jobs-page";

type JobLine = JobsPage["jobs"][number];

const TONE = { succeeded: "success", failed: "danger", running: "brand" } as const;

function StatusBadge({ status }: { status: string }) {
  const tone = status in TONE ? TONE[status as keyof typeof TONE] : "neutral";
  return <Badge tone={tone}>{status}</Badge>;
}

/** One scheduled job: when it runs, its last run and its recent failures with their messages. */
export function JobSummaryCard({ job }: { job: JobLine }) {
  const last = job.lastRun;
  return (
    <Card className="mb-6">
      <CardTitle>{job.title}</CardTitle>
      <CardDescription className="mb-3">{job.schedule}</CardDescription>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-slate-600">Last run</dt>
        <dd>
          {last ? (
            <>
              <StatusBadge status={last.status} /> started {last.startedAt}
              {last.finishedAt ? `, finished ${last.finishedAt}` : ""}
              {last.attempts > 1 ? ` (attempt ${last.attempts})` : ""}
            </>
          ) : (
            "Not run yet."
          )}
        </dd>
        <dt className="font-medium text-slate-600">Next run</dt>
        <dd>{job.nextRunAt}</dd>
      </dl>
      <h3 className="mb-2 mt-4 text-sm font-medium text-slate-900">
        Recent failures ({job.failures.length})
      </h3>
      {job.failures.length === 0 ? (
        <p className="text-sm text-slate-600">No failed runs.</p>
      ) : (
        <Table aria-label={`${job.title}: recent failures`}>
          <thead>
            <tr>
              <Th>Run</Th>
              <Th>Started</Th>
              <Th>Attempts</Th>
              <Th>Message</Th>
            </tr>
          </thead>
          <tbody>
            {job.failures.map((run) => (
              <tr key={run.runKey}>
                <Td className="font-mono text-xs">{run.runKey}</Td>
                <Td>{run.startedAt}</Td>
                <Td>{run.attempts}</Td>
                <Td>{run.error ?? "No message."}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
