import "server-only";
import { getDb } from "@/lib/db/client";
import { JOBS } from "./jobs";
import { runDueJobs, type Clock, type JobLog, type TickReport } from "./runner";

// The scheduler loop: a tick every JOBS_INTERVAL_SECONDS (60), each running what is due then.
// Ticks never overlap; a tick that fails (the database is down, say) is logged and the next one
// tries again. Any number of instances may run the loop: the JobRun rows decide who runs what.

const DEFAULT_INTERVAL_SECONDS = 60;

export function jobsIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.JOBS_INTERVAL_SECONDS?.trim();
  if (!raw) return DEFAULT_INTERVAL_SECONDS * 1000;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600)
    throw new Error(`JOBS_INTERVAL_SECONDS must be a whole number from 1 to 3600, not "${raw}".`);
  return seconds * 1000;
}

/** One tick with the real jobs (`npm run jobs:run-once`, and each tick of the loop). */
export function runJobsOnce(
  clock: Clock = () => new Date(),
  log: JobLog = console,
): Promise<TickReport> {
  return runDueJobs(getDb(), JOBS, clock, log);
}

/** Starts the loop; the result stops it (and resolves once a tick in progress has ended). */
export function startScheduler(
  options: { intervalMs?: number; clock?: Clock; log?: JobLog } = {},
): () => Promise<void> {
  const intervalMs = options.intervalMs ?? jobsIntervalMs();
  const log = options.log ?? console;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = runJobsOnce(options.clock, log)
      .then((report) => {
        if (report.ran > 0)
          log.log(
            `[jobs] ran ${report.ran}: ${report.succeeded} succeeded, ${report.failed} failed`,
          );
      })
      .catch((error: unknown) => log.error("[jobs] tick failed:", error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  tick();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current;
  };
}
