import "server-only";
import { usesObjectives, type ReportFamily } from "@/lib/domain/engagements";
import type { ReadinessEvidence } from "@/lib/domain/readiness/engine";
import { getDb } from "./client";
import { Prisma } from "./generated/sqlite/client";

// The evidence of an engagement's controls, read in one query that sends one row per control:
// its evidence links folded into one string by string_agg (SQLite 3.44+ and PostgreSQL both have
// it). Reading 200,000 links as rows cost 3–4× the SQL itself in the drivers and in Prisma's
// row mapping; 2,000 rows of packed text cost about what the SQL does, and splitting them here
// is cheap.

/** Characters that cannot occur in ids or "YYYY-MM-DD" dates: between fields, between links. */
const FIELD = "\u001f";
const LINK = "\u001e";

export type EvidenceScope = { organizationId: string; engagementId: string; family: ReportFamily; requirementIds: readonly string[] };

type PackedRow = { controlId: string; links: string };

/**
 * The controls mapped to one of the engagement's requirements, as a subquery (an `IN` list of
 * control ids would exceed SQLite's 999 bound parameters). SOC 2 criteria are listed: at most
 * the catalogue's 61.
 */
function scopedControlIds(scope: EvidenceScope): Prisma.Sql {
  if (usesObjectives(scope.family)) {
    return Prisma.sql`SELECT m."controlId" FROM "ControlMapping" m
      JOIN "EngagementObjective" eo ON eo."objectiveId" = m."objectiveId"
      WHERE m."organizationId" = ${scope.organizationId} AND eo."engagementId" = ${scope.engagementId}`;
  }
  return Prisma.sql`SELECT m."controlId" FROM "ControlMapping" m
    WHERE m."organizationId" = ${scope.organizationId} AND m."criterionId" IN (${Prisma.join([...scope.requirementIds])})`;
}

function readPackedEvidence(scope: EvidenceScope): Promise<PackedRow[]> {
  return getDb().$queryRaw<PackedRow[]>`
    SELECT ec."controlId" AS "controlId",
      string_agg(e."id" || ${FIELD} || e."purpose" || ${FIELD} || e."effectiveDate" || ${FIELD} || COALESCE(e."coverageEnd", '') || ${FIELD} || COALESCE(e."eventId", ''), ${LINK}) AS "links"
    FROM "EvidenceControl" ec JOIN "Evidence" e ON e."id" = ec."evidenceId"
    WHERE ec."organizationId" = ${scope.organizationId} AND ec."controlId" IN (${scopedControlIds(scope)})
    GROUP BY ec."controlId"`;
}

/** One item per evidence link: evidence linked to two of the engagement's controls comes twice. */
function unpack(row: PackedRow, into: ReadinessEvidence[]): void {
  const controlIds = [row.controlId];
  for (const link of row.links.split(LINK)) {
    const [id = "", purpose, effectiveDate = "", coverageEnd, eventId] = link.split(FIELD);
    into.push({ id, purpose: purpose === "design" ? "design" : "operating", effectiveDate, coverageEnd: coverageEnd || null, eventId: eventId || null, controlIds });
  }
}

/** The evidence linked to the engagement's controls, as the readiness engine takes it. */
export async function scopedEvidence(scope: EvidenceScope): Promise<ReadinessEvidence[]> {
  if (scope.requirementIds.length === 0) return [];
  const evidence: ReadinessEvidence[] = [];
  for (const row of await readPackedEvidence(scope)) unpack(row, evidence);
  return evidence;
}
