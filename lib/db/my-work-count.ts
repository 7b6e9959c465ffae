import "server-only";
import { REPORT_TYPES } from "@/lib/domain/engagements";
import { workCountFromRows, type CountedEngagement } from "@/lib/domain/readiness/my-work-count";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { Prisma } from "./generated/sqlite/client";
import { MY_REQUESTS_LIMIT, myActiveControls, myOpenRequests } from "./my-work";
import { hasDates } from "./org-readiness";
import { scopeRequirementIds, type MaintainedEngagement } from "./maintained-readiness";
import { unpackResults, type PackedResults } from "./org-readiness-summary";
import { engagementScope } from "./scope";

// The navigation's "My work (N)" on every page (docs/decisions/0049): loadMyWork's
// counts.total and whether the member owns active controls, read from the maintained rows
// (docs/decisions/0043) of the member's own controls without building My work. A member who
// owns none costs one count. Otherwise one round of four raw reads: the engagements with their
// scope, the mappings and the stored results of the member's controls (packed into strings, as
// orgReadinessSummary reads them; a control marked dirty is read as having no row) and their
// open requests counted by engagement. Where orgReadinessSummary would compute something live
// (rows not for today, a control marked dirty or without a row), or when the member has more
// open requests than My work lists, the answer is null: the caller counts loadMyWork's result.

export type MyWorkCount = {
  /** How many active controls the member owns (MyWork.ownedControls). */
  ownedControls: number;
  /** MyWork.counts.total. */
  total: number;
};

/** A maintained engagement's columns, its objectives and exclusions packed into strings. */
type EngagementRow = Omit<MaintainedEngagement, "objectives"> & {
  freshnessDays: number | bigint;
  objectives: string | null;
  exclusions: string | null;
};
type OpenRequests = { engagementId: string; open: number | bigint };

/** A list packed by string_agg with commas (ids and "controlId requirementId" pairs hold none). */
const listOf = (packed: string | null): string[] => (packed ? packed.split(",") : []);

/**
 * What the navigation shows of the member's work as of `today`, equal to loadMyWork's
 * `ownedControls` and `counts.total`; null when only loadMyWork can tell.
 */
export async function myWorkCount(ctx: OrgContext, today: string): Promise<MyWorkCount | null> {
  assertCan(ctx, "org.view");
  const db = getDb();
  const organizationId = ctx.orgId;
  const ownedControls = await db.control.count({
    where: { organizationId, ownerId: ctx.userId, status: { not: "retired" } },
  });
  if (ownedControls === 0) return { ownedControls, total: 0 };

  const scope = engagementScope(ctx);
  // Limited to no engagement (an API token): nothing is listed, as in loadMyWork.
  if (scope !== null && scope.length === 0) return { ownedControls, total: 0 };
  const visibleOnly =
    scope === null ? Prisma.empty : Prisma.sql`AND e."id" IN (${Prisma.join([...scope])})`;
  const mine = myActiveControls(ctx);
  const [engagementRows, [mappings], stored, requests] = await Promise.all([
    db.$queryRaw<EngagementRow[]>`
      SELECT e."id", e."family", e."type", e."asOfDate", e."periodStart", e."periodEnd",
        e."categories", e."criteriaEdition", e."readinessDay",
        (SELECT "freshnessDays" FROM "Organization" WHERE "id" = ${organizationId}) AS "freshnessDays",
        (SELECT string_agg(eo."objectiveId", ',') FROM "EngagementObjective" eo
          JOIN "ControlObjective" o ON o."id" = eo."objectiveId"
          WHERE eo."engagementId" = e."id" AND o."organizationId" = ${organizationId}) AS "objectives",
        (SELECT string_agg(x."requirementId", ',') FROM "RequirementExclusion" x
          WHERE x."engagementId" = e."id") AS "exclusions"
      FROM "Engagement" e
      WHERE e."organizationId" = ${organizationId} AND e."archivedAt" IS NULL
        ${visibleOnly}`,
    db.$queryRaw<{ pairs: string | null }[]>`
      SELECT string_agg("controlId" || ' ' || COALESCE("criterionId", "objectiveId"), ',') AS "pairs"
      FROM "ControlMapping" WHERE "organizationId" = ${organizationId} AND "controlId" IN (${mine})`,
    // A control marked dirty is read as having no row: the rows cannot tell.
    db.$queryRaw<PackedResults[]>`
      SELECT "engagementId", string_agg("result", ',') AS "results" FROM "MaintainedReadiness"
      WHERE "organizationId" = ${organizationId} AND "controlId" IN (${mine})
        AND "controlId" NOT IN (SELECT "controlId" FROM "ReadinessDirty" WHERE "organizationId" = ${organizationId})
      GROUP BY "engagementId"`,
    db.$queryRaw<OpenRequests[]>`
      SELECT "engagementId", COUNT(*) AS "open" ${myOpenRequests(ctx)} GROUP BY "engagementId"`,
  ]);

  const rows = unpackResults(stored);
  const engagements: (CountedEngagement & { id: string })[] = [];
  for (const row of engagementRows) {
    const type = REPORT_TYPES.find((value) => value === row.type) ?? "TYPE_I";
    // As in prepareOrganization: an engagement without usable dates lists nothing.
    if (!hasDates(type, row)) continue;
    const requirementIds = scopeRequirementIds({
      ...row,
      objectives: listOf(row.objectives).map((objectiveId) => ({ objectiveId })),
    });
    const excluded = new Set(listOf(row.exclusions));
    engagements.push({
      id: row.id,
      type,
      periodEnd: row.periodEnd,
      readinessDay: row.readinessDay,
      requirements: [...requirementIds].map((id) => ({ id, notApplicable: excluded.has(id) })),
      rows: rows.get(row.id) ?? new Map(),
    });
  }

  const items = workCountFromRows({
    today,
    // Read with each engagement: with none, there is nothing it could change.
    freshnessDays: Number(engagementRows[0]?.freshnessDays ?? 0),
    engagements,
    mappings: listOf(mappings?.pairs ?? null).map((pair) => {
      const [controlId = "", requirementId = ""] = pair.split(" ");
      return { controlId, requirementId };
    }),
  });
  const open = requests.map((group) => ({ ...group, open: Number(group.open) }));
  // My work lists the oldest MY_REQUESTS_LIMIT, then keeps those of the engagements it shows.
  if (items === null || open.reduce((sum, group) => sum + group.open, 0) > MY_REQUESTS_LIMIT)
    return null;
  const visible = new Set(engagements.map((engagement) => engagement.id));
  const shown = open.filter((group) => visible.has(group.engagementId));
  return { ownedControls, total: items + shown.reduce((sum, group) => sum + group.open, 0) };
}
