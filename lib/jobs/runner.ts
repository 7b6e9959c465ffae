import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/prisma-errors";
import { canTakeOver, MAX_ATTEMPTS, type RunState } from "@/lib/domain/job-schedule";
import { AppError } from "@/lib/errors";
import { JobFailure, type JobDefinition, type JobOrganization } from "./definition";

// One tick of the scheduler: every job's runs due now, each claimed through its JobRun row
// (job, runKey) before it runs. The row's unique key decides who runs it when several runners
// tick at once: the insert that wins runs the job, the others get a unique violation and move
// on. A failed run, or one whose runner died (its lease passed), is taken over by a conditional
// update on the attempts the taker saw, which only one taker can win. See
// docs/decisions/job-runner.md.

export type Clock = () => Date;
export type JobLog = { error: (...args: unknown[]) => void; log: (...args: unknown[]) => void };

export type TickReport = { ran: number; succeeded: number; failed: number; skipped: number };

type Seen = RunState & { id: string; runKey: string };

const LOOKUP_CHUNK = 500;

async function existingRuns(
  db: Db,
  job: string,
  keys: readonly string[],
): Promise<Map<string, Seen>> {
  const found = new Map<string, Seen>();
  for (let index = 0; index < keys.length; index += LOOKUP_CHUNK) {
    const rows = await db.jobRun.findMany({
      where: { job, runKey: { in: keys.slice(index, index + LOOKUP_CHUNK) } },
      select: {
        id: true,
        runKey: true,
        status: true,
        attempts: true,
        leaseUntil: true,
        finishedAt: true,
      },
    });
    for (const row of rows) found.set(row.runKey, row);
  }
  return found;
}

type Claim = { id: string; attempts: number };

type RunMatch = { id: string; status: string; attempts: number };
type RunChange = Parameters<Db["jobRun"]["update"]>[0]["data"];

/**
 * Changes the run only while it still has the status and attempts this runner saw: one UPDATE
 * with those conditions (a `update` with a filtered unique where; `updateMany` would open a
 * transaction, which on SQLite two processes' runners can deadlock), so one taker wins.
 */
async function changeIfUnchanged(db: Db, match: RunMatch, data: RunChange): Promise<boolean> {
  try {
    await db.jobRun.update({ where: match, data, select: { id: true } });
    return true;
  } catch (error) {
    if (typeof error === "object" && error !== null && "code" in error && error.code === "P2025")
      return false;
    throw error;
  }
}

/** Claims the run for this runner, or returns null when another runner has it. */
async function claim(
  db: Db,
  job: JobDefinition,
  run: { runKey: string; organizationId: string | null },
  seen: Seen | undefined,
  now: Date,
): Promise<Claim | null> {
  const leaseUntil = new Date(now.getTime() + job.leaseMs);
  if (!seen) {
    try {
      const row = await db.jobRun.create({
        data: {
          job: job.name,
          runKey: run.runKey,
          organizationId: run.organizationId,
          status: "running",
          leaseUntil,
          startedAt: now,
        },
        select: { id: true },
      });
      return { id: row.id, attempts: 1 };
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }
  if (!canTakeOver(seen, now)) return null;
  const match = { id: seen.id, status: seen.status, attempts: seen.attempts };
  if (seen.attempts >= MAX_ATTEMPTS) {
    // A runner died during the last attempt allowed: recorded as failed, not tried again.
    await changeIfUnchanged(db, match, {
      status: "failed",
      finishedAt: now,
      error: "The run stopped before it finished.",
    });
    return null;
  }
  const attempts = seen.attempts + 1;
  const won = await changeIfUnchanged(db, match, {
    status: "running",
    attempts,
    leaseUntil,
    startedAt: now,
    finishedAt: null,
    error: null,
  });
  return won ? { id: seen.id, attempts } : null;
}

/** What an admin may read about a failure: a message meant for them, else a log reference. */
function shownError(error: unknown, log: JobLog, where: string): string {
  if (error instanceof JobFailure) return error.message;
  if (error instanceof AppError && error.code !== "INTERNAL") return error.message;
  const id = randomUUID().slice(0, 8);
  log.error(`[jobs] ${where} failed (error ${id}):`, error);
  return `The job failed unexpectedly (error ${id} in the server log).`;
}

async function finish(
  db: Db,
  claimed: Claim,
  outcome: { status: "succeeded" | "failed"; error: string | null },
  finishedAt: Date,
): Promise<boolean> {
  // Only while the run is still this runner's: a taker that found our lease passed owns it now.
  return changeIfUnchanged(
    db,
    { id: claimed.id, status: "running", attempts: claimed.attempts },
    { status: outcome.status, error: outcome.error, finishedAt },
  );
}

/** Runs every job's due runs once; a run another runner holds is skipped. */
export async function runDueJobs(
  db: Db,
  jobs: readonly JobDefinition[],
  clock: Clock,
  log: JobLog = console,
): Promise<TickReport> {
  const report: TickReport = { ran: 0, succeeded: 0, failed: 0, skipped: 0 };
  const now = clock();
  const organizations: JobOrganization[] = await db.organization.findMany({
    select: { id: true, slug: true, name: true, timeZone: true },
    orderBy: { createdAt: "asc" },
  });
  for (const job of jobs) {
    const due = await job.due({ db, now, organizations });
    const seen = await existingRuns(
      db,
      job.name,
      due.map((run) => run.runKey),
    );
    for (const run of due) {
      const claimed = await claim(db, job, run, seen.get(run.runKey), now);
      if (!claimed) {
        report.skipped++;
        continue;
      }
      report.ran++;
      let outcome: { status: "succeeded" | "failed"; error: string | null };
      try {
        await run.perform();
        outcome = { status: "succeeded", error: null };
      } catch (error) {
        outcome = { status: "failed", error: shownError(error, log, `${job.name} ${run.runKey}`) };
      }
      if (outcome.status === "succeeded") report.succeeded++;
      else report.failed++;
      if (!(await finish(db, claimed, outcome, clock())))
        log.error(
          `[jobs] ${job.name} ${run.runKey}: taken over by another runner before it finished`,
        );
    }
  }
  return report;
}
