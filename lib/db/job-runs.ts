import "server-only";
import { JOB_CATALOG, nextRunOf, type JobName } from "@/lib/domain/job-catalog";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";

// The jobs page (owners and admins): each scheduled job's last run, next run and recent
// failures with their messages, for this organisation (and the installation-wide sweep's
// outcome, which names no organisation's data).

export const RECENT_FAILURES = 10;

export type JobRunView = {
  runKey: string;
  status: string;
  attempts: number;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
};

export type JobOverview = {
  name: JobName;
  title: string;
  schedule: string;
  lastRun: JobRunView | null;
  nextRunAt: Date;
  failures: JobRunView[];
};

const runSelect = {
  runKey: true,
  status: true,
  attempts: true,
  startedAt: true,
  finishedAt: true,
  error: true,
} as const;

export async function jobOverview(ctx: OrgContext, now: Date = new Date()): Promise<JobOverview[]> {
  assertCan(ctx, "org.update");
  const db = getDb();
  const organization = await db.organization.findUniqueOrThrow({
    where: { id: ctx.orgId },
    select: { timeZone: true },
  });
  return Promise.all(
    JOB_CATALOG.map(async (entry) => {
      const where = {
        job: entry.name,
        organizationId: entry.scope === "installation" ? null : ctx.orgId,
      };
      const [lastRun, failures] = await Promise.all([
        db.jobRun.findFirst({ where, orderBy: { startedAt: "desc" }, select: runSelect }),
        db.jobRun.findMany({
          where: { ...where, status: "failed" },
          orderBy: { startedAt: "desc" },
          take: RECENT_FAILURES,
          select: runSelect,
        }),
      ]);
      return {
        name: entry.name,
        title: entry.title,
        schedule: entry.schedule,
        lastRun,
        nextRunAt: nextRunOf(entry, organization.timeZone, now),
        failures,
      };
    }),
  );
}
