import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { getDb } from "../lib/db/client";
import { verifyActivityLog } from "../lib/db/activity";
import { applyControlImport } from "../lib/db/control-import";
import type { OrgContext } from "../lib/db/context";
import { createOrganization, resolveOrgContext } from "../lib/db/organizations";
import { CURRENT_CRITERIA_EDITION, criterionId } from "../lib/domain/catalog";
import { CONTROL_CSV_COLUMNS } from "../lib/domain/control-csv";
import { createBenchDatabase, type BenchDatabase } from "./lib/bench-database";
import { fixed, peakRssMb } from "./lib/bench-measure";
import { runBenchmark } from "./lib/bench-run";

// npm run bench:import   (BENCH_DATABASE_URL=postgresql://… to run on PostgreSQL)
// How long the control library's CSV import takes for 5,000 new controls, each mapped to two
// criteria and one objective, against a floor measured in the same run: the same control and
// mapping rows written by createMany in chunks of 500, nothing else (no planning, no activity
// log). Each run imports into a fresh organisation (its activity log then counted and its chain
// verified, outside the timing); medians of RUNS runs, alternating import and
// floor so that a noisy neighbour hits both. The last line is the summary other tools read.

const CONTROLS = Number(process.env.BENCH_IMPORT_CONTROLS ?? 5_000);
const OBJECTIVES = 20;
const RUNS = 3;
const CHUNK = 500;
const CRITERIA = ["CC6.1", "CC6.2", "CC6.3", "CC7.1", "CC7.2", "CC8.1"] as const;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

type Row = { ref: string; title: string; criteria: [string, string]; objective: string };

const rows: Row[] = Array.from({ length: CONTROLS }, (_, i) => ({
  ref: `IMP-${String(i + 1).padStart(5, "0")}`,
  title: `Imported control number ${i + 1}`,
  criteria: [
    CRITERIA[i % CRITERIA.length] ?? "CC6.1",
    CRITERIA[(i + 1) % CRITERIA.length] ?? "CC6.2",
  ],
  objective: `OBJ-${String((i % OBJECTIVES) + 1).padStart(2, "0")}`,
}));

const HEADER = CONTROL_CSV_COLUMNS.filter((column) => column !== "grace_days").join(",");
const csvText = [
  HEADER,
  ...rows.map(
    (row) =>
      `${row.ref},${row.title},A description of the control,,implemented,monthly,manual,no,${row.criteria.join(";")},${row.objective}`,
  ),
].join("\r\n");

let orgCount = 0;

/** A fresh organisation, made the app's way, with its objectives; its id → objective ref → id. */
async function freshOrganization(): Promise<{
  ctx: OrgContext;
  objectiveIds: Map<string, string>;
}> {
  orgCount += 1;
  const db = getDb();
  const user = await db.user.create({
    data: {
      email: `bench-import-${orgCount}-${randomUUID()}@example.test`,
      name: "Bench",
      passwordHash: "x",
    },
    select: { id: true, email: true, name: true },
  });
  const { slug } = await createOrganization(
    { userId: user.id, email: user.email, name: user.name },
    { name: `Import bench ${orgCount}` },
  );
  const ctx = await resolveOrgContext(user.id, slug);
  if (!ctx) throw new Error("The benchmark organisation was not found through the app.");
  await db.controlObjective.createMany({
    data: Array.from({ length: OBJECTIVES }, (_, i) => ({
      organizationId: ctx.orgId,
      ref: `OBJ-${String(i + 1).padStart(2, "0")}`,
      area: "Bench",
      title: `Objective ${i + 1}`,
      objective: "Controls provide reasonable assurance.",
      sortOrder: i,
    })),
  });
  const objectives = await db.controlObjective.findMany({
    where: { organizationId: ctx.orgId },
    select: { id: true, ref: true },
  });
  return { ctx, objectiveIds: new Map(objectives.map((o) => [o.ref, o.id])) };
}

/** What the import logged, checked after each timed run: a benchmark of an incomplete log is void. */
let lastLog = "";

async function checkLog(ctx: OrgContext): Promise<void> {
  const db = getDb();
  const [created, imported, verdict] = await Promise.all([
    db.activityLogEntry.count({ where: { organizationId: ctx.orgId, action: "control.created" } }),
    db.activityLogEntry.count({ where: { organizationId: ctx.orgId, action: "control.imported" } }),
    verifyActivityLog(ctx),
  ]);
  if (created !== CONTROLS || imported !== 1 || !verdict.ok)
    throw new Error(
      `The import's activity log is not complete and intact: ${created} control.created, ${imported} control.imported, ${JSON.stringify(verdict)}`,
    );
  lastLog = `activity log: ${created} control.created and ${imported} control.imported entries, chain intact`;
}

async function importOnce(): Promise<number> {
  const { ctx } = await freshOrganization();
  const start = performance.now();
  const result = await applyControlImport(ctx, csvText);
  const elapsed = performance.now() - start;
  if (!result.applied || result.report.created !== CONTROLS)
    throw new Error(`The import did not apply: ${JSON.stringify(result.report).slice(0, 500)}`);
  await checkLog(ctx);
  return elapsed;
}

async function floorOnce(): Promise<number> {
  const { ctx, objectiveIds } = await freshOrganization();
  const db = getDb();
  const controls = rows.map((row) => ({
    id: randomUUID(),
    organizationId: ctx.orgId,
    ref: row.ref,
    title: row.title,
    description: "A description of the control",
    status: "implemented",
    frequency: "monthly",
    nature: "manual",
    key: false,
    graceDays: 0,
    searchText: `${row.ref} ${row.title}`.toLowerCase(),
  }));
  const mappings = rows.flatMap((row, i) => {
    const controlId = controls[i]?.id ?? "";
    return [
      ...row.criteria.map((code) => ({
        organizationId: ctx.orgId,
        controlId,
        criterionId: criterionId(CURRENT_CRITERIA_EDITION, code),
      })),
      { organizationId: ctx.orgId, controlId, objectiveId: objectiveIds.get(row.objective) ?? "" },
    ];
  });
  const start = performance.now();
  await db.$transaction(
    async (tx) => {
      for (let i = 0; i < controls.length; i += CHUNK)
        await tx.control.createMany({ data: controls.slice(i, i + CHUNK) });
      for (let i = 0; i < mappings.length; i += CHUNK)
        await tx.controlMapping.createMany({ data: mappings.slice(i, i + CHUNK) });
    },
    { timeout: 120_000 },
  );
  return performance.now() - start;
}

const line = (label: string, times: readonly number[]) =>
  console.log(
    `${label.padEnd(10)} median ${fixed(median(times)).padStart(9)} ms   min ${fixed(Math.min(...times))}   max ${fixed(Math.max(...times))}   (${times.length} runs)`,
  );

async function bench(database: BenchDatabase): Promise<string> {
  // Before anything calls getDb(): the client is created for the URL it sees first.
  process.env.DATABASE_URL = database.url;
  console.log(
    `${database.provider}: ${CONTROLS} controls with ${CONTROLS * 3} mappings (two criteria and one objective each)`,
  );
  // A first import warms the catalog, the client and the planner; it is not counted.
  await importOnce();
  const imports: number[] = [];
  const floors: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    imports.push(await importOnce());
    floors.push(await floorOnce());
  }
  console.log(lastLog);
  line("import_ms", imports);
  line("floor_ms", floors);
  const importMs = median(imports);
  const floorMs = median(floors);
  const ratio = importMs / floorMs;
  console.log(
    `import_to_floor ${fixed(ratio, 2)}   (target: at most 3× the floor)   peak RSS ${fixed(peakRssMb(), 0)} MB`,
  );
  return `import-bench import_to_floor=${fixed(ratio, 2)} import_ms=${fixed(importMs, 0)} floor_ms=${fixed(floorMs, 0)}`;
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
