// First: lets tsx render PDFs (see the file).
import "./lib/pdf-under-tsx";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { getDb } from "../lib/db/client";
import type { OrgContext } from "../lib/db/context";
import { loadEngagementExport } from "../lib/db/export-data";
import { resolveOrgContext } from "../lib/db/organizations";
import { getBlobStore } from "../lib/storage";
import { stopChildren } from "./lib/bench-child";
import { createBenchDatabase, type BenchDatabase } from "./lib/bench-database";
import { breakdownApart, type Breakdown } from "./lib/bench-export-breakdown";
import { exportPack, readAndHash } from "./lib/bench-export-phases";
import { withEvidenceFiles, type BenchFile } from "./lib/bench-files";
import { storeBenchFilesApart } from "./lib/bench-files-worker";
import { fixed, measure, peakRssMb } from "./lib/bench-measure";
import { benchOrganization, DEFAULT_SHAPE, type BenchOrg, type BenchShape } from "./lib/bench-seed";

// npm run bench:export   (BENCH_DATABASE_URL=postgresql://… to run on PostgreSQL)
// How long the evidence pack of a large organisation takes, and how much memory: the readiness
// benchmark's organisation (300 ISAE 3402 objectives, 2,000 controls, a 12-month Type II
// period) whose evidence is 5,000 small files (1–8 KB) in a temporary local blob store. Prints
// the medians of several runs of
//   export_ms   the pack through the app's own path (startExport + runExport: load the data,
//               render the summary PDF and the workbook, stream every file into the ZIP, store it),
//   floor_ms    reading and SHA-256-hashing the same 5,000 stored files one after another,
// then the export's phases on their own (where the time goes) and the process's peak RSS.
// Storing the files and timing the phases happen in child processes, so that the peak RSS
// reported is that of the exports (plus the modules and the seeded rows), not of side work.
// The last line is the summary other tools read.

const TODAY = "2026-09-15";
const EXPORT_RUNS = { warmups: 1, runs: 5 };
const FLOOR_RUNS = { warmups: 1, runs: 7 };
const SHAPE: BenchShape = { ...DEFAULT_SHAPE, evidence: 5_000 };

type Seeded = { org: BenchOrg; files: BenchFile[]; ctx: OrgContext };

/** A clock that reads TODAY at noon when the benchmark starts and then runs like the real one. */
function benchClock(): () => Date {
  const offset = Date.parse(`${TODAY}T12:00:00.000Z`) - Date.now();
  return () => new Date(Date.now() + offset);
}

/** The files in a child process (storing them here roughly doubled the heap), the rows here. */
async function seed(database: BenchDatabase): Promise<Seeded> {
  const start = performance.now();
  const files = await storeBenchFilesApart(SHAPE);
  const filesMs = performance.now() - start;
  const org = benchOrganization(SHAPE);
  await database.load(withEvidenceFiles(org, files));
  const seedMs = performance.now() - start;
  const bytes = files.reduce((sum, file) => sum + file.blob.size, 0);
  const floorCheck = await database.floor(org.orgId);
  console.log(
    `seeded ${database.provider}: ${SHAPE.objectives} objectives, ${floorCheck.controls} controls with evidence, ${files.length} evidence files (${fixed(bytes / 1024 / 1024)} MB, stored by a child process) in ${fixed(seedMs / 1000, 2)} s (files ${fixed(filesMs / 1000, 2)} s)`,
  );
  const ctx = await resolveOrgContext(org.userId, org.orgSlug);
  if (!ctx) throw new Error("The benchmark organisation was not found through the app: check the seeded rows.");
  return { org, files, ctx };
}

async function describe({ org, ctx }: Seeded, now: Date): Promise<void> {
  const { summary, evidencePages } = await loadEngagementExport(ctx, org.engagementId, now);
  let evidence = 0;
  let withFile = 0;
  for await (const page of evidencePages()) {
    evidence += page.length;
    withFile += page.filter((item) => item.file !== null).length;
  }
  const { counts, controls } = summary.figures;
  console.log(
    `export data: ${summary.requirements.length} requirements (${counts.ready} ready), ${summary.controls.length} controls (${controls.ready} ready), ${summary.events.length} events, ${summary.exceptions.length} exceptions, ${evidence} evidence (${withFile} files)`,
  );
}

function share(part: number, whole: number): string {
  return `${fixed((100 * part) / whole, 0)}%`;
}

function printShares(exportMs: number, parts: Breakdown): void {
  const rest = exportMs - parts.load.medianMs - parts.pack.medianMs;
  console.log(
    `shares of export_ms: load ${share(parts.load.medianMs, exportMs)}, pdf ${share(parts.pdf.medianMs, exportMs)}, xlsx ${share(parts.xlsx.medianMs, exportMs)}, files into the zip ${share(parts.packFiles.medianMs, exportMs)}, storing + bookkeeping (export − load − pack) ${share(rest, exportMs)}`,
  );
}

async function bench(database: BenchDatabase): Promise<string> {
  // Before anything calls getDb(): the client is created for the URL it sees first.
  process.env.DATABASE_URL = database.url;
  console.log(`peak RSS with the modules loaded ${fixed(peakRssMb(), 0)} MB`);
  const seeded = await seed(database);
  const clock = benchClock();
  await describe(seeded, clock());
  // Before the exports: the floor then runs in a heap they have not grown.
  const floor = await measure("floor_ms", () => readAndHash(getBlobStore(), seeded.files), FLOOR_RUNS);
  const setupPeakMb = peakRssMb();
  console.log(`peak RSS before the exports ${fixed(setupPeakMb, 0)} MB (modules, seeding, one load of the export data, the floor)`);

  let packBytes = 0;
  const exported = await measure(
    "export_ms",
    async () => {
      packBytes = (await exportPack(seeded.ctx, seeded.org.engagementId, clock)).size;
    },
    EXPORT_RUNS,
  );
  const exportPeakMb = peakRssMb();
  console.log(`pack ${fixed(packBytes / 1024 / 1024)} MB; peak RSS after the exports ${fixed(exportPeakMb, 0)} MB (+${fixed(exportPeakMb - setupPeakMb, 0)} MB)`);

  console.log("phases on their own, in a child process (the pack ones to a null sink):");
  printShares(exported.medianMs, await breakdownApart(SHAPE, clock()));

  const ratio = exported.medianMs / floor.medianMs;
  const peakMb = peakRssMb();
  console.log(`export_to_floor ${fixed(ratio, 2)}   (target: under 3× the floor)`);
  console.log(`peak RSS ${fixed(peakMb, 0)} MB   (target: under 300 MB)`);
  return `export-bench export_to_floor=${fixed(ratio, 2)} peak_rss_mb=${fixed(peakMb, 0)} export_ms=${fixed(exported.medianMs)}`;
}

async function main(): Promise<void> {
  // Everything the run writes goes under one folder: the blob store, and (through TMPDIR) the
  // SQLite database and the exports' own temporary files, which an interrupted export leaves.
  const root = await mkdtemp(path.join(os.tmpdir(), "assay-bench-export-"));
  await mkdir(path.join(root, "tmp"));
  process.env.TMPDIR = path.join(root, "tmp");
  // Before anything calls getBlobStore(): the store is created from the environment it sees first.
  process.env.FILE_STORAGE = "local";
  process.env.FILE_STORAGE_DIR = path.join(root, "files");
  let database: BenchDatabase | undefined;
  let cleaning: Promise<void> | undefined;
  // One clean-up, whoever asks first (an interrupt, or the run ending because of it); every
  // caller waits for it to finish before the process exits.
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await stopChildren();
      if (database && process.env.DATABASE_URL === database.url) await getDb().$disconnect();
      await database?.drop();
      await rm(root, { recursive: true, force: true });
    })());
  // `on`, not `once`: tsx relays the terminal's SIGINT to this process again, and a second signal
  // with no listener would end the process half-way through the clean-up.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      void cleanUp().finally(() => process.exit(130));
    });
  }
  let summary: string;
  try {
    database = await createBenchDatabase(process.env.BENCH_DATABASE_URL?.trim() || undefined);
    summary = await bench(database);
  } finally {
    await cleanUp();
  }
  console.log(summary);
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
