import type { Metadata } from "next";
import { JobSummaryCard } from "@/components/jobs/job-table";
import { PageHeader } from "@/components/ui/page-header";
import { requireOrgContext } from "@/lib/auth/session";
import { loadJobsPage } from "@/lib/db/jobs-page";
import { notFoundOnAppError } from "@/lib/server/not-found";

export const metadata: Metadata = { title: "Scheduled jobs" };

type Props = { params: Promise<{ orgSlug: string }> };

export default async function JobsPage({ params }: Props) {
  const ctx = await requireOrgContext((await params).orgSlug);
  const { jobs } = await notFoundOnAppError(loadJobsPage(ctx, new Date()));
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
