import { getDb } from "../../lib/db/client";
import type { OrgContext } from "../../lib/db/context";
import { loadDashboard } from "../../lib/db/dashboard";
import { addNoteEvidence } from "../../lib/db/evidence";
import { maintainReadiness } from "../../lib/db/maintained-readiness";
import { resolveOrgContext } from "../../lib/db/organizations";
import { loadReadinessInput } from "../../lib/db/readiness";
import { engagementSummary } from "../../lib/db/readiness-summary";
import { computeReadiness } from "../../lib/domain/readiness/engine";
import { currentInstant } from "../../lib/server/clock";
import { forkForMessage, runChild, sendToParent } from "./bench-child";
import { fixed, measure, peakRssMb } from "./bench-measure";
import { benchOrganization, type BenchShape } from "./bench-seed";

// The readiness benchmark's two processes (docs/decisions/0043), each with its own peak RSS:
//   job  stands for the job runner: the old per-request path (load_ms, compute_ms), then the
//        roll-forward that computes every control and stores the maintained rows;
//   web  stands for the web process: the dashboard from the maintained rows (dashboard_ms),
//        then one evidence write, which maintains its control in its transaction (write_ms).
// The clock is the parent's ASSAY_CLOCK_FILE, so the organisation's today is the bench's.

const MESSAGE = "bench-readiness";
const RUNS = { warmups: 1, runs: 7 };
const ROLL_RUNS = { warmups: 0, runs: 3 };

export type Phase = "job" | "web";
export type JobFigures = {
  loadMs: number;
  computeMs: number;
  rollForwardMs: number;
  peakMb: number;
};
export type WebFigures = {
  dashboardMs: number;
  writeMs: number;
  source: string;
  workItems: number;
  peakMb: number;
};

export function measureApart<T>(phase: Phase, shape: BenchShape, today: string): Promise<T> {
  return forkForMessage<T>(__filename, [phase, JSON.stringify(shape), today], MESSAGE);
}

async function context(shape: BenchShape) {
  const org = benchOrganization(shape);
  const ctx = await resolveOrgContext(org.userId, org.orgSlug);
  if (!ctx)
    throw new Error(
      "The benchmark organisation was not found through the app: check the seeded rows.",
    );
  return { org, ctx };
}

/** With `wholeEngagementId`, that engagement's rows are first marked as for no day. */
const rollForward = (orgId: string, wholeEngagementId?: string) =>
  getDb().$transaction(
    async (tx) => {
      if (wholeEngagementId)
        await tx.$executeRaw`UPDATE "Engagement" SET "readinessDay" = NULL WHERE "id" = ${wholeEngagementId}`;
      await maintainReadiness(tx, orgId, { rollForward: true });
    },
    { timeout: 600_000, maxWait: 60_000 },
  );

async function job(shape: BenchShape, today: string): Promise<JobFigures> {
  const { org, ctx } = await context(shape);
  const { input } = await loadReadinessInput(ctx, org.engagementId, today);
  console.log(
    `loaded: ${input.requirements.length} requirements, ${input.controls.length} controls, ${input.mappings.length} mappings, ${input.evidence.length} evidence, ${input.events.length} events, ${input.exceptions.length} open exceptions`,
  );
  const computeMs = (await measure("compute_ms", () => computeReadiness(input), RUNS)).medianMs;
  const loadMs = (
    await measure("load_ms", () => loadReadinessInput(ctx, org.engagementId, today), RUNS)
  ).medianMs;
  const rollForwardMs = (
    await measure(
      "rollforward_ms",
      // Each run recomputes the engagement whole, as on the organisation's first tick of a day.
      () => rollForward(org.orgId, org.engagementId),
      ROLL_RUNS,
    )
  ).medianMs;
  return { loadMs, computeMs, rollForwardMs, peakMb: peakRssMb() };
}

async function write(ctx: OrgContext, controlId: string, today: string, n: number) {
  await addNoteEvidence(ctx, {
    controlIds: [controlId],
    purpose: "operating",
    title: `Bench write ${n}`,
    effectiveDate: today,
    note: "Reviewed.",
  });
}

async function web(shape: BenchShape, today: string): Promise<WebFigures> {
  const { org, ctx } = await context(shape);
  const { source, summary } = await engagementSummary(ctx, org.engagementId, today);
  const { total } = await loadDashboard(ctx, org.engagementId, today, {});
  console.log(
    `today ${today} (${source}): ${summary.counts.ready} ready, ${summary.counts.in_progress} in progress, ${summary.counts.unmapped} unmapped of ${summary.counts.total} requirements; controls ready ${summary.controlCounts.ready} of ${summary.controlCounts.total}; ${total} work items`,
  );
  const dashboardMs = (
    await measure("dashboard_ms", () => loadDashboard(ctx, org.engagementId, today, {}), RUNS)
  ).medianMs;
  const controlId = summary.controls.find((control) => control.inScope)?.controlId;
  if (!controlId) throw new Error("The benchmark engagement has no control in scope.");
  let n = 0;
  const writeMs = (
    await measure(
      "write_ms",
      async () => {
        n += 1;
        await write(ctx, controlId, today, n);
      },
      RUNS,
    )
  ).medianMs;
  const after = await engagementSummary(ctx, org.engagementId, today);
  if (after.source !== "maintained")
    throw new Error(`After the writes the dashboard read ${after.source} figures.`);
  return { dashboardMs, writeMs, source, workItems: total, peakMb: peakRssMb() };
}

if (require.main === module) {
  runChild(async () => {
    const [phase, shapeText, today] = process.argv.slice(2);
    const shape = JSON.parse(shapeText ?? "") as BenchShape;
    if (!today) throw new Error("No day given.");
    console.log(
      `${phase} process: clock ${currentInstant().toISOString()}, peak RSS with the modules loaded ${fixed(peakRssMb(), 0)} MB`,
    );
    const result = phase === "job" ? await job(shape, today) : await web(shape, today);
    await getDb().$disconnect();
    await sendToParent(MESSAGE, result);
  });
}
