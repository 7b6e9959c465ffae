import "server-only";
import { criterionId } from "@/lib/domain/catalog";
import { requirementIdsInScope, usesObjectives } from "@/lib/domain/engagements";
import type { ReadinessEvidence } from "@/lib/domain/readiness/engine";
import { assertCan } from "./authorize";
import { getDb, type Db, type Tx } from "./client";
import type { OrgContext } from "./context";
import { databaseUrl, providerOf } from "./database-url";
import type { EngagementDetail } from "./engagements";
import { Prisma } from "./generated/sqlite/client";

// The evidence of an engagement's controls in one query that returns one row per control, its
// evidence links packed into one string by string_agg (SQLite 3.44+ and PostgreSQL both have
// it). Read as one row per link, 200,000 links cost 3–4× the SQL itself in the drivers and in
// Prisma's row mapping; a few thousand rows of packed text cost little more than the SQL, and
// splitting them here is cheap.

/** Characters that occur in neither ids nor "YYYY-MM-DD" dates: between fields, between links. */
const FIELD = "\u001f";
const LINK = "\u001e";
const DESIGN = `design${FIELD}`;

type PackedRow = { controlId: string; links: string };

/**
 * The engagement's controls (mapped to one of its requirements) as a subquery: a list of control
 * ids would exceed SQLite's 999 bound parameters. SOC 2 criteria are listed (at most the
 * catalogue's 61); objectives come from the engagement's own rows.
 */
function engagementControlIds(
  ctx: OrgContext,
  engagement: EngagementDetail,
  requirementIds: ReadonlySet<string>,
): Prisma.Sql {
  if (usesObjectives(engagement.family)) {
    return Prisma.sql`SELECT m."controlId" FROM "ControlMapping" m
      JOIN "EngagementObjective" eo ON eo."objectiveId" = m."objectiveId"
      WHERE m."organizationId" = ${ctx.orgId} AND eo."engagementId" = ${engagement.id}`;
  }
  return Prisma.sql`SELECT m."controlId" FROM "ControlMapping" m
    WHERE m."organizationId" = ${ctx.orgId} AND m."criterionId" IN (${Prisma.join([...requirementIds])})`;
}

/**
 * Driven from the engagement's controls, so that SQLite walks each control's links through the
 * controlId index and groups without a temporary sort; the organisation filter on the control
 * keeps the query within the tenant. Another organisationId filter (on the links or the
 * evidence) tempts SQLite, which has no statistics, into a nested scan: 45 s at 200,000 links.
 */
function packedQuery(db: Db | Tx, organizationId: string, controlIds: Prisma.Sql) {
  return db.$queryRaw<PackedRow[]>`
    SELECT c."id" AS "controlId",
      string_agg(e."purpose" || ${FIELD} || e."effectiveDate" || ${FIELD} || COALESCE(e."coverageEnd", '') || ${FIELD} || COALESCE(e."eventId", '') || ${FIELD} || COALESCE(e."slotKey" || ${FIELD} || e."id", ''), ${LINK}) AS "links"
    FROM "Control" c
    JOIN "EvidenceControl" ec ON ec."controlId" = c."id"
    JOIN "Evidence" e ON e."id" = ec."evidenceId"
    WHERE c."organizationId" = ${organizationId} AND c."id" IN (${controlIds})
    GROUP BY c."id"`;
}

const READ_TIMEOUT_MS = 60_000;

/**
 * PostgreSQL sorts the links by control to group them, and its default work_mem (4 MB) spills
 * a few hundred thousand of them to disk; SET LOCAL gives this one transaction more.
 */
async function readPacked(
  client: { db: Db } | { tx: Tx },
  organizationId: string,
  controlIds: Prisma.Sql,
): Promise<PackedRow[]> {
  const sqlite = providerOf(databaseUrl()) === "sqlite";
  if ("tx" in client) {
    if (!sqlite) await client.tx.$executeRaw`SET LOCAL work_mem = '32MB'`;
    return packedQuery(client.tx, organizationId, controlIds);
  }
  const { db } = client;
  if (sqlite) return packedQuery(db, organizationId, controlIds);
  // Prisma's default 5 s transaction timeout is shorter than this read at 2,000,000 links.
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET LOCAL work_mem = '32MB'`;
      return packedQuery(tx, organizationId, controlIds);
    },
    { timeout: READ_TIMEOUT_MS, maxWait: READ_TIMEOUT_MS },
  );
}

/**
 * One string per distinct date: a period has a few hundred days but an organisation hundreds of
 * thousands of links, and holding one copy per link doubles what the garbage collector moves.
 */
function dateStrings(): (date: string) => string {
  const seen = new Map<string, string>();
  return (date) => {
    const known = seen.get(date);
    if (known !== undefined) return known;
    seen.set(date, date);
    return date;
  };
}

/**
 * Splits with indexOf and slice: no intermediate array per link. A link is purpose, effective
 * date, coverage end, event id and, only when the evidence names a slot, its slot key and id
 * (for the unknown_slot warning; the engine needs no id otherwise).
 */
function unpack(row: PackedRow, shared: (date: string) => string, into: ReadinessEvidence[]): void {
  const controlIds = [row.controlId];
  const packed = row.links;
  for (let start = 0; start < packed.length;) {
    const separator = packed.indexOf(LINK, start);
    const linkEnd = separator === -1 ? packed.length : separator;
    const dateAt = packed.indexOf(FIELD, start) + 1;
    const coverageAt = packed.indexOf(FIELD, dateAt) + 1;
    const eventAt = packed.indexOf(FIELD, coverageAt) + 1;
    const slotAt = packed.indexOf(FIELD, eventAt) + 1;
    // Present only on evidence naming a slot: "key FIELD id"; an empty key names none.
    const idAt = slotAt < linkEnd ? packed.indexOf(FIELD, slotAt) + 1 : 0;
    const named = idAt - 1 > slotAt;
    into.push({
      id: named ? packed.slice(idAt, linkEnd) : undefined,
      purpose: packed.startsWith(DESIGN, start) ? "design" : "operating",
      effectiveDate: shared(packed.slice(dateAt, coverageAt - 1)),
      coverageEnd: eventAt - 1 > coverageAt ? shared(packed.slice(coverageAt, eventAt - 1)) : null,
      eventId: slotAt - 1 > eventAt ? packed.slice(eventAt, slotAt - 1) : null,
      slotKey: named ? packed.slice(slotAt, idAt - 1) : null,
      controlIds,
    });
    start = linkEnd + 1;
  }
}

/**
 * The evidence linked to the engagement's controls, one item per link (the engine reads an item
 * linked to two of them as two items, to the same effect).
 */
export async function engagementEvidence(
  ctx: OrgContext,
  engagement: EngagementDetail,
): Promise<ReadinessEvidence[]> {
  assertCan(ctx, "org.view");
  const requirementIds = requirementIdsInScope(engagement, criterionId);
  if (requirementIds.size === 0) return [];
  return controlsEvidence(
    { db: getDb() },
    ctx.orgId,
    engagementControlIds(ctx, engagement, requirementIds),
  );
}

/**
 * The evidence links of the organisation's controls chosen by `controlIds` (a subquery, never
 * a list), read through the client or inside a transaction (maintained-readiness.ts).
 */
export async function controlsEvidence(
  client: { db: Db } | { tx: Tx },
  organizationId: string,
  controlIds: Prisma.Sql,
): Promise<ReadinessEvidence[]> {
  const evidence: ReadinessEvidence[] = [];
  const shared = dateStrings();
  for (const row of await readPacked(client, organizationId, controlIds))
    unpack(row, shared, evidence);
  return evidence;
}
