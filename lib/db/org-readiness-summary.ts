import "server-only";
import { minDate } from "@/lib/domain/readiness/calendar";
import { designDate } from "@/lib/domain/readiness/design";
import { engagementDates } from "@/lib/domain/readiness/engine";
import {
  summarize,
  summaryOf,
  type MaintainedControl,
  type ReadinessSummary,
} from "@/lib/domain/readiness/maintained";
import type { WorkItem } from "@/lib/domain/readiness/work-queue";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { Prisma } from "./generated/sqlite/client";
import { computeControls, readControlInputs } from "./maintained-readiness";
import {
  engagementWork,
  orgReadiness,
  prepareOrganization,
  type ControlSelection,
  type EngagementHeader,
  type SelectedControl,
} from "./org-readiness";

// orgReadiness's figures and work queues read from the maintained copy (docs/decisions/0043)
// instead of computed from every evidence row: what My work, its navigation count, the overview
// and the calendar feed need, none of which draws a covered slot. The same rule as the
// dashboard's engagementSummary keeps it exact: a control still marked dirty or without a row is
// computed live from its own evidence, and when any engagement's rows are not for `today` (the
// roll-forward has not run yet) the whole selection is computed live by orgReadiness.

/** Above this many controls to compute live, computing everything is no slower. */
const LIVE_CONTROLS_LIMIT = 200;

export type SummaryRun = {
  engagement: EngagementHeader;
  readiness: ReadinessSummary;
  work: WorkItem[];
};

export type OrgReadinessSummary = {
  runs: SummaryRun[];
  controls: SelectedControl[];
  freshnessDays: number;
  /** How the figures were obtained: every control from its row, some live, or all live. */
  source: "maintained" | "partly_live" | "live";
};

function selectedControls(ctx: OrgContext, selection: ControlSelection): Prisma.Sql {
  switch (selection.kind) {
    case "all":
      return Prisma.empty;
    case "owner":
      return Prisma.sql`AND "controlId" IN (SELECT "id" FROM "Control" WHERE "organizationId" = ${ctx.orgId} AND "ownerId" = ${selection.userId})`;
    case "control":
      return Prisma.sql`AND "controlId" = ${selection.controlId}`;
  }
}

/** The stored results of the selected controls, by engagement, each engagement's as one string. */
async function storedResults(
  ctx: OrgContext,
  selection: ControlSelection,
): Promise<Map<string, Map<string, MaintainedControl>>> {
  const rows = await getDb().$queryRaw<PackedResults[]>`
    SELECT "engagementId", string_agg("result", ',') AS "results" FROM "MaintainedReadiness"
    WHERE "organizationId" = ${ctx.orgId} ${selectedControls(ctx, selection)}
    GROUP BY "engagementId"`;
  return unpackResults(rows);
}

/** An engagement's stored results as one string: `string_agg("result", ',')` by engagement. */
export type PackedResults = { engagementId: string; results: string | null };

/** Packed results by engagement, then by control. */
export function unpackResults(
  rows: readonly PackedResults[],
): Map<string, Map<string, MaintainedControl>> {
  return new Map(
    rows.map((row) => [
      row.engagementId,
      new Map(
        (row.results ? (JSON.parse(`[${row.results}]`) as MaintainedControl[]) : []).map(
          (result) => [result.controlId, result],
        ),
      ),
    ]),
  );
}

async function computedLive(
  ctx: OrgContext,
  today: string,
  selection: ControlSelection,
): Promise<OrgReadinessSummary> {
  const live = await orgReadiness(ctx, today, selection);
  return {
    ...live,
    runs: live.runs.map((run) => ({ ...run, readiness: summaryOf(run.readiness) })),
    source: "live",
  };
}

export async function orgReadinessSummary(
  ctx: OrgContext,
  today: string,
  selection: ControlSelection,
): Promise<OrgReadinessSummary> {
  const db = getDb();
  const [prepared, stored, dirty] = await Promise.all([
    prepareOrganization(ctx, selection),
    storedResults(ctx, selection),
    db.readinessDirty.findMany({
      where: { organizationId: ctx.orgId },
      select: { controlId: true },
    }),
  ]);
  if (prepared.engagements.some((engagement) => engagement.readinessDay !== today))
    return computedLive(ctx, today, selection);

  const marked = new Set(dirty.map((row) => row.controlId));
  // Retired controls have no result, stored or computed: the engine leaves them out.
  const activeOf = (engagement: (typeof prepared.engagements)[number]) =>
    engagement.input.controls.filter((control) => control.status !== "retired");
  const liveByEngagement = new Map(
    prepared.engagements.map((engagement) => {
      const rows = stored.get(engagement.header.id);
      const ids = activeOf(engagement)
        .filter((control) => marked.has(control.id) || !rows?.has(control.id))
        .map((control) => control.id);
      return [engagement.header.id, new Set(ids)];
    }),
  );
  const liveIds = new Set([...liveByEngagement.values()].flatMap((ids) => [...ids]));
  if (liveIds.size > LIVE_CONTROLS_LIMIT) return computedLive(ctx, today, selection);
  const inputs =
    liveIds.size === 0
      ? null
      : await readControlInputs(
          { db },
          ctx.orgId,
          Prisma.sql`SELECT "id" FROM "Control" WHERE "organizationId" = ${ctx.orgId} AND "id" IN (${Prisma.join([...liveIds])})`,
        );

  const runs = prepared.engagements.map((engagement): SummaryRun => {
    const live = liveByEngagement.get(engagement.header.id) ?? new Set<string>();
    const computed = new Map(
      inputs && live.size > 0
        ? computeControls(
            engagement.input.engagement,
            inputs,
            live,
            today,
            prepared.freshnessDays,
          ).map((result) => [result.controlId, result])
        : [],
    );
    const rows = stored.get(engagement.header.id);
    const results = activeOf(engagement).flatMap((control): MaintainedControl[] => {
      const result = computed.get(control.id) ?? rows?.get(control.id);
      return result ? [result] : [];
    });
    const dates = engagementDates(engagement.input.engagement);
    const readiness = summarize(
      {
        type: dates.type,
        designDate: designDate(dates, today),
        asOf: dates.type === "TYPE_II" ? minDate(today, dates.periodEnd) : null,
        requirements: engagement.input.requirements,
        mappings: engagement.input.mappings,
      },
      results,
    );
    return {
      engagement: engagement.header,
      readiness,
      work: engagementWork(engagement, readiness, prepared, today),
    };
  });
  return {
    runs,
    controls: prepared.controls,
    freshnessDays: prepared.freshnessDays,
    source: liveIds.size === 0 ? "maintained" : "partly_live",
  };
}
