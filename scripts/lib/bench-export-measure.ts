import { getDb } from "../../lib/db/client";
import type { OrgContext } from "../../lib/db/context";
import { loadEngagementExport } from "../../lib/db/export-data";
import { resolveOrgContext } from "../../lib/db/organizations";
import { exportProcess } from "../../lib/export-process/runner";
import { getBlobStore } from "../../lib/storage";
import { forkForMessage, runChild, sendToParent } from "./bench-child";
import { exportPack, readAndHash, storedObjects } from "./bench-export-run";
import { fixed, measure, peakRssMb, type Measurement } from "./bench-measure";
import { benchOrganization, type BenchShape } from "./bench-seed";

// The benchmark's measurements proper, in a process of their own that stands for the web
// process: the floor (the stored files read and hashed) here, then the evidence pack through the
// app's path, which hands each run to the export process (lib/export-process). The peak RSS
// reported is the export process's own, from start-up through every run; this process's is
// printed beside it. (In a child because tsx ends a process that does not acknowledge an
// interrupt within ~60 ms: the parent, which cleans up, stays responsive.)

const MESSAGE = "bench-measure";
const EXPORT_RUNS = { warmups: 1, runs: 5 };
const FLOOR_RUNS = { warmups: 1, runs: 7 };

type Measured = {
  floor: Measurement;
  exported: Measurement;
  packBytes: number;
  peakMb: number;
  requesterPeakMb: number;
};

/** Measures in a child process (DATABASE_URL and the file store from this environment). */
export function measureApart(shape: BenchShape): Promise<Measured> {
  return forkForMessage<Measured>(__filename, [JSON.stringify(shape)], MESSAGE);
}

async function describe(ctx: OrgContext, engagementId: string, now: Date): Promise<void> {
  const { summary, evidencePages } = await loadEngagementExport(ctx, engagementId, now);
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

async function measureExport(shape: BenchShape): Promise<Measured> {
  console.log(`peak RSS with the modules loaded ${fixed(peakRssMb(), 0)} MB`);
  const org = benchOrganization(shape);
  const ctx = await resolveOrgContext(org.userId, org.orgSlug);
  if (!ctx)
    throw new Error(
      "The benchmark organisation was not found through the app: check the seeded rows.",
    );
  await describe(ctx, org.engagementId, new Date());
  // Before the exports: the floor then runs in a heap they have not grown.
  const files = await storedObjects(org.orgId);
  const floor = await measure("floor_ms", () => readAndHash(getBlobStore(), files), FLOOR_RUNS);
  let packBytes = 0;
  let peakMb = 0;
  const exported = await measure(
    "export_ms",
    async () => {
      const outcome = await exportPack(ctx, org.engagementId);
      packBytes = outcome.size;
      peakMb = outcome.exportProcessPeakMb;
    },
    EXPORT_RUNS,
  );
  await exportProcess().stop();
  return { floor, exported, packBytes, peakMb, requesterPeakMb: peakRssMb() };
}

if (require.main === module) {
  runChild(async () => {
    const shape = JSON.parse(process.argv[2] ?? "") as BenchShape;
    const result = await measureExport(shape);
    await getDb().$disconnect();
    await sendToParent(MESSAGE, result);
  });
}
