import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { stopChildren } from "./lib/bench-child";
import { createBenchDatabase, type BenchDatabase } from "./lib/bench-database";
import { fixed, measure, peakRssMb } from "./lib/bench-measure";
import { measureApart, type JobFigures, type WebFigures } from "./lib/bench-readiness-measure";
import { runBenchmark } from "./lib/bench-run";
import { benchOrganization, DEFAULT_SHAPE, type BenchShape } from "./lib/bench-seed";

// npm run bench:readiness [-- --scale 10]   (BENCH_DATABASE_URL=postgresql://… for PostgreSQL)
// The engagement dashboard of a large organisation: 300 ISAE 3402 objectives, 2,000 controls,
// 200,000 evidence items over a 12-month Type II period (× the scale). Seeds a temporary
// database with raw SQL, then measures, each in a process of its own (bench-readiness-measure.ts):
//   job   the old per-request path (load_ms, compute_ms) and the roll-forward (rollforward_ms)
//         that stores the maintained readiness (docs/decisions/0043), with the job's peak RSS;
//   web   the dashboard read from the maintained rows (dashboard_ms) and one evidence write
//         that maintains its control in its transaction (write_ms), with the web peak RSS;
// and here floor_ms: the SQL of what the old loader read, one hand-written aggregate over the
// engagement's evidence links through the driver. The last line is the summary other tools read.

const TODAY = "2026-09-15";
const FLOOR_RUNS = { warmups: 1, runs: 7 };

function scaleOf(argv: readonly string[]): number {
  const at = argv.indexOf("--scale");
  if (at === -1) return 1;
  const value = Number(argv[at + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 20)
    throw new Error("--scale takes a whole number from 1 to 20.");
  return value;
}

function scaled(scale: number): BenchShape {
  return {
    ...DEFAULT_SHAPE,
    controls: DEFAULT_SHAPE.controls * scale,
    evidence: DEFAULT_SHAPE.evidence * scale,
    openExceptions: DEFAULT_SHAPE.openExceptions * scale,
  };
}

async function bench(database: BenchDatabase, shape: BenchShape, clockFile: string) {
  // Children inherit the environment: the database, and a clock on the bench's day.
  process.env.DATABASE_URL = database.url;
  fs.writeFileSync(clockFile, `${TODAY}T12:00:00Z`);
  process.env.ASSAY_CLOCK_FILE = clockFile;
  const org = benchOrganization(shape);

  const seedStart = performance.now();
  await database.load(org.tables);
  const seedMs = performance.now() - seedStart;
  const floorCheck = await database.floor(org.orgId);
  console.log(
    `seeded ${database.provider}: ${shape.objectives} objectives, ${floorCheck.controls} controls with evidence, ${floorCheck.links} evidence links in ${fixed(seedMs / 1000, 2)} s (peak RSS of the seeding process ${fixed(peakRssMb(), 0)} MB)`,
  );

  const job = await measureApart<JobFigures>("job", shape, TODAY);
  const web = await measureApart<WebFigures>("web", shape, TODAY);
  const floorMs = (await measure("floor_ms", () => database.floor(org.orgId), FLOOR_RUNS)).medianMs;

  const dashboardToFloor = web.dashboardMs / floorMs;
  console.log(
    `old path (load + compute) ${fixed(job.loadMs + job.computeMs)} ms = ${fixed((job.loadMs + job.computeMs) / floorMs, 2)}× the floor; roll-forward ${fixed(job.rollForwardMs)} ms; one evidence write ${fixed(web.writeMs)} ms`,
  );
  console.log(
    `dashboard_to_floor ${fixed(dashboardToFloor, 2)}   (target: at most 1.0× the floor)   web peak RSS ${fixed(web.peakMb, 0)} MB (target: at most 250 MB), job peak RSS ${fixed(job.peakMb, 0)} MB`,
  );
  return `readiness-bench provider=${database.provider} controls=${shape.controls} evidence=${shape.evidence} dashboard_to_floor=${fixed(dashboardToFloor, 2)} dashboard_ms=${fixed(web.dashboardMs)} floor_ms=${fixed(floorMs)} web_peak_mb=${fixed(web.peakMb, 0)} write_ms=${fixed(web.writeMs)} rollforward_ms=${fixed(job.rollForwardMs)} job_peak_mb=${fixed(job.peakMb, 0)}`;
}

async function main(): Promise<void> {
  const shape = scaled(scaleOf(process.argv.slice(2)));
  const database = await createBenchDatabase(process.env.BENCH_DATABASE_URL?.trim() || undefined);
  const clockDir = fs.mkdtempSync(path.join(os.tmpdir(), "assay-bench-clock-"));
  runBenchmark(
    () => bench(database, shape, path.join(clockDir, "now")),
    async () => {
      await stopChildren();
      await database.drop();
      fs.rmSync(clockDir, { recursive: true, force: true });
    },
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
