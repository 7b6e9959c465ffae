import { performance } from "node:perf_hooks";
import { ACTIVITY_PAGE_SIZE } from "../lib/db/activity";
import { loadActivityPage } from "../lib/db/activity-log";
import { getDb } from "../lib/db/client";
import { resolveOrgContext } from "../lib/db/organizations";
import { GENESIS_HASH, hashEntry } from "../lib/domain/activity-chain";
import { canonicalJson } from "../lib/domain/canonical-json";
import { stopChildren } from "./lib/bench-child";
import { verifyApart } from "./lib/bench-activity-verify";
import { createBenchDatabase, type BenchDatabase } from "./lib/bench-database";
import { fixed, measure, peakRssMb } from "./lib/bench-measure";
import { runBenchmark } from "./lib/bench-run";
import type { Cell, Table } from "./lib/bench-seed";

// npm run bench:activity   (BENCH_DATABASE_URL=postgresql://… to run on PostgreSQL;
// BENCH_ACTIVITY_ENTRIES=… for another size)
// The activity log at 1,000,000 entries: seeds one organisation's chain with raw bulk inserts
// (the hashes chained properly, so that verification has a real chain to check), then prints the
// median time of the activity page's entries (loadActivityPage: the query, the names, the
// sentences) for page 1, page 500 and the last page, one filtered page, and the time and peak
// RSS of verifying the whole chain in a child process (what `npm run activity:verify` does).
// The page's chain audit panel runs that same verification; its time is the verification's.

const ENTRIES = Number(process.env.BENCH_ACTIVITY_ENTRIES ?? 1_000_000);
const ORG_ID = "cbenchactivityorg0000000";
const USER_ID = "cbenchactivityuser000000";
const SLUG = "bench-activity";
const T0 = Date.parse("2026-03-02T08:00:00.000Z");
const STAMP = "2026-03-02T08:00:00.000+00:00";

/** The chain's rows, made as they are inserted (never all in memory). */
function* entryRows(): Iterable<Cell[]> {
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= ENTRIES; seq += 1) {
    const renamed = seq % 2 === 0;
    const content = {
      organizationId: ORG_ID,
      seq,
      actorId: USER_ID,
      action: renamed ? "organization.renamed" : "control.imported",
      entityType: "organization",
      entityId: ORG_ID,
      before: renamed ? canonicalJson({ name: `Bench ${seq - 1}` }) : null,
      after: renamed
        ? canonicalJson({ name: `Bench ${seq}` })
        : canonicalJson({ created: seq % 97, updated: 0, unchanged: 0 }),
      // Ten a second: 1,000,000 entries span a little over a day.
      createdAt: new Date(T0 + seq * 100),
      prevHash,
    };
    const hash = hashEntry(content);
    yield [
      `cact${seq.toString(36).padStart(20, "0")}`,
      ORG_ID,
      seq,
      USER_ID,
      content.action,
      content.entityType,
      content.entityId,
      content.before,
      content.after,
      content.createdAt.toISOString().replace("Z", "+00:00"),
      prevHash,
      hash,
    ];
    prevHash = hash;
  }
}

const tables: Table[] = [
  {
    name: "User",
    columns: ["id", "email", "name", "passwordHash", "createdAt", "updatedAt"],
    rows: () => [[USER_ID, "bench-activity@assay.local", "Bench Owner", "x", STAMP, STAMP]],
  },
  {
    name: "Organization",
    columns: ["id", "name", "slug", "activitySeq", "freshnessDays", "createdAt", "updatedAt"],
    rows: () => [[ORG_ID, "Bench Activity", SLUG, ENTRIES, 365, STAMP, STAMP]],
  },
  {
    name: "Membership",
    columns: ["id", "organizationId", "userId", "role", "createdAt", "updatedAt"],
    rows: () => [["cbenchactivitymember0000", ORG_ID, USER_ID, "owner", STAMP, STAMP]],
  },
  {
    name: "ActivityLogEntry",
    columns: [
      "id",
      "organizationId",
      "seq",
      "actorId",
      "action",
      "entityType",
      "entityId",
      "before",
      "after",
      "createdAt",
      "prevHash",
      "hash",
    ],
    rows: entryRows,
  },
];

const RUNS = { warmups: 3, runs: 21 };

async function bench(database: BenchDatabase): Promise<string> {
  // Before anything calls getDb(): the client is created for the URL it sees first.
  process.env.DATABASE_URL = database.url;
  const seedStart = performance.now();
  await database.load(tables);
  console.log(
    `seeded ${database.provider}: ${ENTRIES} chained entries in ${fixed((performance.now() - seedStart) / 1000, 1)} s (peak RSS so far ${fixed(peakRssMb(), 0)} MB)`,
  );
  const ctx = await resolveOrgContext(USER_ID, SLUG);
  if (!ctx) throw new Error("The benchmark organisation was not found through the app.");
  const lastPage = Math.ceil(ENTRIES / ACTIVITY_PAGE_SIZE);
  const page = (n: number) => async () => {
    const view = await loadActivityPage(ctx, {}, n);
    if (view.rows.length === 0) throw new Error(`page ${n} is empty`);
  };
  const first = await measure("page_1", page(1), RUNS);
  const middle = await measure("page_500", page(Math.min(500, lastPage)), RUNS);
  const last = await measure(`page_${lastPage}`, page(lastPage), RUNS);
  // A filtered page far down the log: the cursor of an entry near the start.
  await measure(
    "filtered_old",
    () => loadActivityPage(ctx, { action: "organization.renamed" }, 1, { before: 1_000 }),
    RUNS,
  );
  await getDb().$disconnect();

  const verified = await verifyApart(SLUG);
  console.log(
    `verify: ${verified.checked} entries ${verified.ok ? "intact" : "BROKEN"} in ${fixed(verified.ms / 1000, 2)} s, peak RSS ${fixed(verified.peakRssMb, 0)} MB (its own process)`,
  );
  if (!verified.ok || verified.checked !== ENTRIES)
    throw new Error("The seeded chain did not verify: check the benchmark's rows.");
  const ratio = last.medianMs / first.medianMs;
  console.log(
    `page_last_to_first ${fixed(ratio, 2)}   page_500_to_first ${fixed(middle.medianMs / first.medianMs, 2)}   (constant time: about 1)`,
  );
  return `activity-bench page_last_to_first=${fixed(ratio, 2)} verify_peak_rss_mb=${fixed(verified.peakRssMb, 0)}`;
}

async function main(): Promise<void> {
  const database = await createBenchDatabase(process.env.BENCH_DATABASE_URL?.trim() || undefined);
  runBenchmark(
    () => bench(database),
    async () => {
      await stopChildren();
      if (process.env.DATABASE_URL === database.url) await getDb().$disconnect();
      await database.drop();
    },
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
