import { getDb } from "../../lib/db/client";
import { loadEngagementExport } from "../../lib/db/export-data";
import { resolveOrgContext } from "../../lib/db/organizations";
import { getBlobStore } from "../../lib/storage";
import { runChild, sendToParent } from "./bench-child";
import { exportPhases, type Phases } from "./bench-export-phases";
import { measure, type Measurement } from "./bench-measure";
import { benchOrganization, type BenchShape } from "./bench-seed";

// The export benchmark's phases, timed in this process (built JavaScript, started by
// breakdownApart in bench-export-breakdown.ts): argv[2] the shape, argv[3] the date.

const MESSAGE = "bench-breakdown";
const RUNS = { warmups: 1, runs: 3 };

export type Breakdown = Record<keyof Phases, Measurement>;

const LABELS: Record<keyof Phases, string> = {
  load: "load_ms",
  evidencePages: "evidence_ms",
  pdf: "pdf_ms",
  xlsx: "xlsx_ms",
  packFiles: "pack_files_ms",
  pack: "pack_ms",
};

async function breakdown(shape: BenchShape, now: Date): Promise<Breakdown> {
  const org = benchOrganization(shape);
  const ctx = await resolveOrgContext(org.userId, org.orgSlug);
  if (!ctx) throw new Error("The benchmark organisation was not found through the app.");
  const data = await loadEngagementExport(ctx, org.engagementId, now);
  const phases = exportPhases(ctx, org.engagementId, now, data, getBlobStore());
  const time = (phase: keyof Phases) => measure(`  ${LABELS[phase]}`, phases[phase], RUNS);
  return {
    load: await time("load"),
    evidencePages: await time("evidencePages"),
    pdf: await time("pdf"),
    xlsx: await time("xlsx"),
    packFiles: await time("packFiles"),
    pack: await time("pack"),
  };
}

runChild(async () => {
  const shape = JSON.parse(process.argv[2] ?? "") as BenchShape;
  const result = await breakdown(shape, new Date(process.argv[3] ?? ""));
  await getDb().$disconnect();
  await sendToParent(MESSAGE, result);
});
