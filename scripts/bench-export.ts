import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { stopChildren } from "./lib/bench-child";
import { createBenchDatabase, type BenchDatabase } from "./lib/bench-database";
import { breakdownApart, type Breakdown } from "./lib/bench-export-breakdown";
import { measureApart } from "./lib/bench-export-measure";
import { withEvidenceFiles } from "./lib/bench-files";
import { storeBenchFilesApart } from "./lib/bench-files-worker";
import { fixed } from "./lib/bench-measure";
import { runBenchmark } from "./lib/bench-run";
import { benchOrganization, DEFAULT_SHAPE, type BenchShape } from "./lib/bench-seed";

// npm run bench:export   (BENCH_DATABASE_URL=postgresql://… to run on PostgreSQL)
// How long the evidence pack of a large organisation takes, and how much memory: the readiness
// benchmark's organisation (300 ISAE 3402 objectives, 2,000 controls, a 12-month Type II
// period) whose evidence is 5,000 small files (1–8 KB) in a temporary local blob store. Prints
// the medians of several runs of
//   floor_ms    reading and SHA-256-hashing the same 5,000 stored files one after another,
//   export_ms   the pack through the app's own path: startExport, then the run handed to the
//               export process (lib/export-process), which loads the data, renders the summary
//               PDF and the workbook, puts every file into the ZIP and stores it; timed until it
//               reports the run finished,
// the peak RSS of the export process (from its start through every run), then the export's
// phases on their own (where the time goes). This process only orchestrates: it makes the
// database and the folder, and child processes store the files, measure (standing for the web
// process, which starts the export process) and time the phases.
// The last line is the summary other tools read.

const SHAPE: BenchShape = { ...DEFAULT_SHAPE, evidence: 5_000 };

async function seed(database: BenchDatabase): Promise<void> {
  const start = performance.now();
  const files = await storeBenchFilesApart(SHAPE);
  const filesMs = performance.now() - start;
  const org = benchOrganization(SHAPE);
  await database.load(withEvidenceFiles(org, files));
  const seedMs = performance.now() - start;
  const bytes = files.reduce((sum, file) => sum + file.blob.size, 0);
  const floorCheck = await database.floor(org.orgId);
  console.log(
    `seeded ${database.provider}: ${SHAPE.objectives} objectives, ${floorCheck.controls} controls with evidence, ${files.length} evidence files (${fixed(bytes / 1024 / 1024)} MB) in ${fixed(seedMs / 1000, 2)} s (files ${fixed(filesMs / 1000, 2)} s)`,
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
  // The children's Prisma client is created for the URL they inherit.
  process.env.DATABASE_URL = database.url;
  await seed(database);
  // The export process reads the real clock, as it does for users; the phases use the same date.
  const now = new Date();

  const { floor, exported, packBytes, peakMb, requesterPeakMb } = await measureApart(SHAPE);
  console.log(
    `pack ${fixed(packBytes / 1024 / 1024)} MB; peak RSS of the export process ${fixed(peakMb, 0)} MB (of the process that asked for the exports and measured the floor: ${fixed(requesterPeakMb, 0)} MB)`,
  );

  console.log("phases on their own, in another process (the pack ones to a null sink):");
  printShares(exported.medianMs, await breakdownApart(SHAPE, now));

  const ratio = exported.medianMs / floor.medianMs;
  console.log(`export_to_floor ${fixed(ratio, 2)}   (target: under 3× the floor)`);
  console.log(`peak RSS ${fixed(peakMb, 0)} MB   (target: under 300 MB)`);
  return `export-bench export_to_floor=${fixed(ratio, 2)} peak_rss_mb=${fixed(peakMb, 0)} export_ms=${fixed(exported.medianMs)}`;
}

async function main(): Promise<void> {
  // What the children write goes under one folder: the blob store, and (BENCH_TMPDIR, see
  // runChild) the exports' own temporary files, which an interrupted export leaves behind.
  const root = await mkdtemp(path.join(os.tmpdir(), "assay-bench-export-"));
  await mkdir(path.join(root, "tmp"));
  process.env.BENCH_TMPDIR = path.join(root, "tmp");
  // The children create their blob store from the environment they inherit.
  process.env.FILE_STORAGE = "local";
  process.env.FILE_STORAGE_DIR = path.join(root, "files");
  let database: BenchDatabase | undefined;
  runBenchmark(
    async () => {
      database = await createBenchDatabase(process.env.BENCH_DATABASE_URL?.trim() || undefined);
      return bench(database);
    },
    async () => {
      await stopChildren();
      await database?.drop();
      await rm(root, { recursive: true, force: true });
    },
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
