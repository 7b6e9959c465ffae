import type { Metadata } from "next";
import { JobSummaryCard, type JobRunRow } from "@/components/jobs/job-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { jobOverview, type JobRunView } from "@/lib/db/job-runs";
import { organizationTimeZone } from "@/lib/db/time-zone";
import { notFoundUnlessCan } from "@/lib/server/not-found";

export const metadata: Metadata = { title: "Scheduled jobs" };

type Props = { params: Promise<{ orgSlug: string }> };

export default async function JobsPage({ params }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  notFoundUnlessCan(ctx, "org.update");
  const timeZone = await organizationTimeZone(ctx);
  const format = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  });
  const when = (date: Date) => `${format.format(date)} (${timeZone})`;
  const row = (run: JobRunView): JobRunRow => ({
    runKey: run.runKey,
    status: run.status,
    attempts: run.attempts,
    startedAt: when(run.startedAt),
    finishedAt: run.finishedAt ? when(run.finishedAt) : null,
    error: run.error,
  });
  const jobs = (await jobOverview(ctx)).map((job) => ({
    name: job.name,
    title: job.title,
    schedule: job.schedule,
    nextRunAt: when(job.nextRunAt),
    lastRun: job.lastRun ? row(job.lastRun) : null,
    failures: job.failures.map(row),
  }));
  return (
    <>
      <PageHeader
        title="Scheduled jobs"
        description="Work the app does on its own: each job runs once per period, however many app instances run. A failed run is tried again after 5, 30 and 120 minutes."
      />
      {jobs.map((job) => (
        <JobSummaryCard key={job.name} job={job} />
      ))}
    </>
  );
}
