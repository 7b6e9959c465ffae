import { pathToFileURL } from "node:url";
import { runJobsOnce, startScheduler } from "../lib/jobs/scheduler";
import { plural } from "../lib/domain/plural";
import { keepCheckpointCopiesInBlobStore } from "../lib/storage/checkpoint-copies";

// npm run jobs:run-once: one tick of the scheduler (every job due now, each run once however
// many runners tick), for cron users (e.g. every 5 minutes) and tests. Exits 0, or 1 when a
// run failed or the tick could not run.
// With --loop (started by `npm start`, see scripts/serve.ts): ticks until SIGTERM or SIGINT.

type Output = { log: (line: string) => void; error: (line: string) => void };

export async function main(args: string[], out: Output = console): Promise<number> {
  keepCheckpointCopiesInBlobStore();
  if (args.length === 1 && args[0] === "--loop") {
    const stop = startScheduler();
    await new Promise<void>((resolve) => {
      process.once("SIGTERM", resolve);
      process.once("SIGINT", resolve);
    });
    await stop();
    return 0;
  }
  if (args.length > 0) {
    out.error("Usage: npm run jobs:run-once (or tsx scripts/jobs.ts --loop)");
    return 1;
  }
  try {
    const report = await runJobsOnce(() => new Date(), {
      log: (...parts) => out.log(parts.map(String).join(" ")),
      error: (...parts) => out.error(parts.map(String).join(" ")),
    });
    out.log(
      `Ran ${plural(report.ran, "job run")}: ${report.succeeded} succeeded, ${report.failed} failed; ${report.skipped} already done or held by another runner.`,
    );
    return report.failed > 0 ? 1 : 0;
  } catch (error) {
    out.error(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
