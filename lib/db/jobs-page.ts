import "server-only";
import { can } from "@/lib/domain/permissions";
import { notFound } from "@/lib/errors";
import type { OrgContext } from "./context";
import { jobOverview, type JobRunView } from "./job-runs";
import { organizationTimeZone } from "./time-zone";

// Everything the scheduled jobs page shows, in one call: each job's schedule, next run, last run
// and recent failures, their times written in the organisation's time zone.

/** One run, its times as text ("2 Mar 2026, 06:00 (Europe/Paris)"). */
type JobRunLine = {
  runKey: string;
  status: string;
  attempts: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
};

type JobLine = {
  name: string;
  title: string;
  schedule: string;
  nextRunAt: string;
  lastRun: JobRunLine | null;
  failures: JobRunLine[];
};

export type JobsPage = { jobs: JobLine[] };

/** Someone without org.update gets NOT_FOUND: the page does not exist for them. */
export async function loadJobsPage(ctx: OrgContext, now: Date): Promise<JobsPage> {
  if (!can(ctx.role, "org.update")) throw notFound();
  const [timeZone, overview] = await Promise.all([
    organizationTimeZone(ctx),
    jobOverview(ctx, now),
  ]);
  const format = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  });
  const when = (date: Date) => `${format.format(date)} (${timeZone})`;
  const line = (run: JobRunView): JobRunLine => ({
    runKey: run.runKey,
    status: run.status,
    attempts: run.attempts,
    startedAt: when(run.startedAt),
    finishedAt: run.finishedAt ? when(run.finishedAt) : null,
    error: run.error,
  });
  return {
    jobs: overview.map((job) => ({
      name: job.name,
      title: job.title,
      schedule: job.schedule,
      nextRunAt: when(job.nextRunAt),
      lastRun: job.lastRun ? line(job.lastRun) : null,
      failures: job.failures.map(line),
    })),
  };
}
