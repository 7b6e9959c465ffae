import "server-only";
import { designDate } from "@/lib/domain/readiness/design";
import { minDate } from "@/lib/domain/readiness/calendar";
import { computeReadiness, engagementDates } from "@/lib/domain/readiness/engine";
import {
  summarize,
  summaryOf,
  type MaintainedControl,
  type ReadinessSummary,
} from "@/lib/domain/readiness/maintained";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import {
  requirementsWithControls,
  type EngagementRequirements,
  type ScopedControl,
} from "./engagement-requirements";
import { getEngagement, type EngagementDetail } from "./engagements";
import { Prisma } from "./generated/sqlite/client";
import { computeControls, readControlInputs } from "./maintained-readiness";
import {
  loadRest,
  organizationFreshness,
  readinessInput,
  type ReadinessRequirementView,
  withReadiness,
} from "./readiness";

// An engagement's readiness figures read from the maintained copy (maintained-readiness.ts,
// docs/decisions/0043) instead of computed from all its evidence. Never stale: a control still
// marked dirty (a write that did not maintain) or without a row is computed live, and when the
// engagement's rows are not for `today` (the job runner has not rolled it forward yet, or its
// dates just changed) the whole engagement is computed live, as before.

/** Above this many controls to compute live, computing the whole engagement is no slower. */
const LIVE_CONTROLS_LIMIT = 200;

export type EngagementSummaryView = {
  engagement: EngagementDetail;
  view: EngagementRequirements;
  controls: ScopedControl[];
  summary: ReadinessSummary;
  freshnessDays: number;
  /** How the figures were obtained: every control from its row, some live, or all live. */
  source: "maintained" | "partly_live" | "live";
};

/**
 * The engagement's stored results as one string, parsed at once: read row by row, 2,000 rows of
 * JSON cost more in the driver and Prisma's row mapping than the dashboard's whole budget.
 */
async function storedResults(ctx: OrgContext, engagementId: string): Promise<MaintainedControl[]> {
  const [row] = await getDb().$queryRaw<{ results: string | null }[]>`
    SELECT string_agg("result", ',') AS "results" FROM "MaintainedReadiness"
    WHERE "engagementId" = ${engagementId} AND "organizationId" = ${ctx.orgId}`;
  return row?.results ? (JSON.parse(`[${row.results}]`) as MaintainedControl[]) : [];
}

export async function engagementSummary(
  ctx: OrgContext,
  engagementId: string,
  today: string,
): Promise<EngagementSummaryView> {
  const engagement = await getEngagement(ctx, engagementId);
  const db = getDb();
  const [{ view, controls }, freshnessDays, state, rows, dirty] = await Promise.all([
    requirementsWithControls(ctx, engagement),
    organizationFreshness(ctx),
    db.engagement.findUnique({ where: { id: engagement.id }, select: { readinessDay: true } }),
    storedResults(ctx, engagement.id),
    db.readinessDirty.findMany({
      where: { organizationId: ctx.orgId },
      select: { controlId: true },
    }),
  ]);
  const base = { engagement, view, controls, freshnessDays };

  if (state?.readinessDay === today) {
    const stored = new Map(rows.map((row) => [row.controlId, row]));
    const marked = new Set(dirty.map((row) => row.controlId));
    const active = controls.filter((control) => control.status !== "retired");
    const live = new Set(
      active
        .filter((control) => marked.has(control.id) || !stored.has(control.id))
        .map((control) => control.id),
    );
    if (live.size <= LIVE_CONTROLS_LIMIT) {
      const dates = engagementDates(engagement);
      const computed = new Map<string, MaintainedControl>();
      if (live.size > 0) {
        const inputs = await readControlInputs(
          { db },
          ctx.orgId,
          Prisma.sql`SELECT "id" FROM "Control" WHERE "organizationId" = ${ctx.orgId} AND "id" IN (${Prisma.join([...live])})`,
        );
        for (const result of computeControls(engagement, inputs, live, today, freshnessDays))
          computed.set(result.controlId, result);
      }
      const results = active.flatMap((control): MaintainedControl[] => {
        const result = computed.get(control.id);
        if (result) return [result];
        const row = stored.get(control.id);
        // A retired control computed live has no result; nothing else lacks one.
        return row === undefined ? [] : [row];
      });
      const summary = summarize(
        {
          type: dates.type,
          designDate: designDate(dates, today),
          asOf: dates.type === "TYPE_II" ? minDate(today, dates.periodEnd) : null,
          requirements: view.requirements.map((requirement) => ({
            id: requirement.id,
            notApplicable: requirement.justification !== null,
          })),
          mappings: view.requirements.flatMap((requirement) =>
            requirement.controls.map((control) => ({
              controlId: control.id,
              requirementId: requirement.id,
            })),
          ),
        },
        results,
      );
      return { ...base, summary, source: live.size === 0 ? "maintained" : "partly_live" };
    }
  }

  const rest = await loadRest(ctx, engagement);
  const readiness = computeReadiness(
    readinessInput(engagement, view, controls, rest, freshnessDays, today),
  );
  return { ...base, summary: summaryOf(readiness), source: "live" };
}

/**
 * engagementReadiness's requirements (each with its status and reasons) and figures, from the
 * maintained readiness: for the pages, which show no control's occurrences.
 */
export async function engagementRequirementsSummary(
  ctx: OrgContext,
  engagementId: string,
  today: string,
): Promise<{
  engagement: EngagementDetail;
  requirements: ReadinessRequirementView[];
  counts: ReadinessSummary["counts"];
  readiness: Pick<ReadinessSummary, "controlCounts" | "designDate" | "asOf">;
}> {
  const { engagement, view, summary } = await engagementSummary(ctx, engagementId, today);
  return {
    engagement,
    requirements: withReadiness(view.requirements, summary.requirements),
    counts: summary.counts,
    readiness: {
      controlCounts: summary.controlCounts,
      designDate: summary.designDate,
      asOf: summary.asOf,
    },
  };
}
