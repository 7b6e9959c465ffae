import { performance } from "node:perf_hooks";
import { getDb } from "../lib/db/client";
import { loadDashboard } from "../lib/db/dashboard";
import { resolveOrgContext } from "../lib/db/organizations";
import { engagementReadiness, loadReadinessInput } from "../lib/db/readiness";
import { computeReadiness } from "../lib/domain/readiness/engine";
import { createBenchDatabase, type BenchDatabase } from "./lib/bench-database";
import { runBenchmark } from "./lib/bench-run";
import { benchOrganization, DEFAULT_SHAPE } from "./lib/bench-seed";

// npm run bench:readiness   (BENCH_DATABASE_URL=postgresql://… to run on PostgreSQL)
// How long the engagement dashboard's data path takes for a large organisation: 300 ISAE 3402
// objectives, 2,000 controls, 200,000 evidence items over a 12-month Type II period. Seeds a
// temporary database with raw SQL, then prints the medians of several runs of
//   compute_ms    the pure readiness engine on already-loaded data,
//   load_ms       the loader's queries alone (loadReadinessInput),
//   dashboard_ms  what the dashboard loads and computes (loadDashboard: readiness, work queue, trend),
//   floor_ms      one hand-written SQL aggregate over the same evidence rows (the driver alone),
// and how they compare. The last line is the summary other tools read.

const TODAY = "2026-09-15";
const WARMUPS = 1;
const RUNS = 7;

const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;
const fixed = (value: number, digits = 1): string => value.toFixed(digits);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function measure(label: string, work: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < WARMUPS + RUNS; run += 1) {
    const start = performance.now();
    await work();
    if (run >= WARMUPS) times.push(performance.now() - start);
  }
  const result = median(times);
  console.log(
    `${label.padEnd(13)} median ${fixed(result).padStart(8)} ms   min ${fixed(Math.min(...times))}   max ${fixed(Math.max(...times))}   (${RUNS} runs after ${WARMUPS} warm-up)`,
  );
  return result;
}

async function bench(database: BenchDatabase): Promise<string> {
  // Before anything calls getDb(): the client is created for the URL it sees first.
  process.env.DATABASE_URL = database.url;
  const org = benchOrganization(DEFAULT_SHAPE);

  const seedStart = performance.now();
  await database.load(org.tables);
  const seedMs = performance.now() - seedStart;
  const floorCheck = await database.floor(org.orgId);
  console.log(
    `seeded ${database.provider}: ${DEFAULT_SHAPE.objectives} objectives, ${floorCheck.controls} controls with evidence, ${floorCheck.links} evidence links in ${fixed(seedMs / 1000, 2)} s (peak RSS so far ${fixed(peakRssMb(), 0)} MB)`,
  );

  const ctx = await resolveOrgContext(org.userId, org.orgSlug);
  if (!ctx)
    throw new Error(
      "The benchmark organisation was not found through the app: check the seeded rows.",
    );

  const { input } = await loadReadinessInput(ctx, org.engagementId, TODAY);
  const view = await engagementReadiness(ctx, org.engagementId, TODAY);
  const sample = view.readiness;
  const { total: actions } = await loadDashboard(ctx, org.engagementId, TODAY, {});
  const slots = sample.controls.reduce(
    (sum, control) => sum + (control.operating?.slots.length ?? 0),
    0,
  );
  console.log(
    `loaded: ${input.requirements.length} requirements, ${input.controls.length} controls, ${input.mappings.length} mappings, ${input.evidence.length} evidence, ${input.events.length} events, ${input.exceptions.length} open exceptions`,
  );
  console.log(
    `today ${TODAY}: ${sample.counts.ready} ready, ${sample.counts.in_progress} in progress, ${sample.counts.unmapped} unmapped of ${sample.counts.total} requirements; controls ready ${sample.controlCounts.ready} of ${sample.controlCounts.total}; ${slots} slots; ${actions} work items`,
  );

  const computeMs = await measure("compute_ms", () => computeReadiness(input));
  const loadMs = await measure("load_ms", () => loadReadinessInput(ctx, org.engagementId, TODAY));
  const dashboardMs = await measure("dashboard_ms", () =>
    loadDashboard(ctx, org.engagementId, TODAY, {}),
  );
  const floorMs = await measure("floor_ms", () => database.floor(org.orgId));

  const dashboardToFloor = dashboardMs / floorMs;
  console.log(
    `load share of dashboard ${fixed((100 * loadMs) / dashboardMs, 0)}%, compute share ${fixed((100 * computeMs) / dashboardMs, 0)}%`,
  );
  console.log(
    `dashboard_to_floor ${fixed(dashboardToFloor, 2)}   compute_to_floor ${fixed(computeMs / floorMs, 2)}   (target: dashboard under 3× the floor)`,
  );
  console.log(`peak RSS ${fixed(peakRssMb(), 0)} MB`);
  return `readiness-bench dashboard_to_floor=${fixed(dashboardToFloor, 2)} compute_ms=${fixed(computeMs)} dashboard_ms=${fixed(dashboardMs)}`;
}

async function main(): Promise<void> {
  const database = await createBenchDatabase(process.env.BENCH_DATABASE_URL?.trim() || undefined);
  runBenchmark(
    () => bench(database),
    async () => {
      if (process.env.DATABASE_URL === database.url) await getDb().$disconnect();
      await database.drop();
    },
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
