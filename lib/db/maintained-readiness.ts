import "server-only";
import { criterionId, isTscCategory } from "@/lib/domain/catalog";
import type { ControlFrequency, ControlStatus } from "@/lib/domain/controls";
import {
  REPORT_FAMILIES,
  REPORT_TYPES,
  requirementIdsInScope,
  type ReportType,
} from "@/lib/domain/engagements";
import {
  computeReadiness,
  type ReadinessControl,
  type ReadinessEngagement,
  type ReadinessEvidence,
  type ReadinessInput,
} from "@/lib/domain/readiness/engine";
import { compactControl, type MaintainedControl } from "@/lib/domain/readiness/maintained";
import { todayIn } from "@/lib/domain/time-zone";
import { currentInstant } from "@/lib/server/clock";
import type { Db, Tx } from "./client";
import { Prisma } from "./generated/sqlite/client";
import { controlsEvidence } from "./readiness-evidence";

// Readiness maintained, not recomputed per request (docs/decisions/0043). Triggers mark every
// control a write changes in ReadinessDirty and clear Engagement.readinessDay when an
// engagement's dates, type or scope or the organisation's settings change; maintainReadiness,
// called inside the writing transaction (recordActivity calls it), recomputes exactly those
// with the engine and stores each control's compact result. An engagement without rows (new,
// or its dates, type or scope changed) is recomputed whole by the write; one whose rows are for
// an earlier day is rolled forward by the job runner (lib/jobs/readiness-job.ts).

/** Ids per statement when deleting by id: SQLite takes at most 999 bound parameters. */
const CHUNK = 500;

export type MaintainedEngagement = {
  id: string;
  family: string;
  type: string;
  asOfDate: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  categories: string;
  criteriaEdition: string;
  readinessDay: string | null;
  objectives: { objectiveId: string }[];
};

export const maintainedEngagementSelect = {
  id: true,
  family: true,
  type: true,
  asOfDate: true,
  periodStart: true,
  periodEnd: true,
  categories: true,
  criteriaEdition: true,
  readinessDay: true,
  objectives: { select: { objectiveId: true } },
} as const;

/** The engine's engagement, or null when its dates cannot be judged yet. */
export function readinessEngagement(row: MaintainedEngagement): ReadinessEngagement | null {
  const type: ReportType = REPORT_TYPES.find((value) => value === row.type) ?? "TYPE_I";
  if (type === "TYPE_I") return row.asOfDate ? { type, asOfDate: row.asOfDate } : null;
  if (!row.periodStart || !row.periodEnd || row.periodStart > row.periodEnd) return null;
  return { type, periodStart: row.periodStart, periodEnd: row.periodEnd };
}

/** The requirement ids in the engagement's scope (criteria, or its chosen objectives). */
export function scopeRequirementIds(row: MaintainedEngagement): Set<string> {
  const family = REPORT_FAMILIES.find((value) => value === row.family) ?? "SOC2";
  return requirementIdsInScope(
    {
      family,
      categories: (JSON.parse(row.categories) as string[]).filter(isTscCategory),
      criteriaEdition: row.criteriaEdition,
      objectiveIds: row.objectives.map((objective) => objective.objectiveId),
    },
    criterionId,
  );
}

/** The engine's events and open exceptions, of the controls in `inScope` only. */
export function eventsAndOpenExceptions(
  events: readonly { id: string; controlId: string; date: string; reference: string }[],
  openExceptions: readonly { controlId: string }[],
  inScope: ReadonlySet<string>,
): Pick<ReadinessInput, "events" | "exceptions"> {
  return {
    events: events
      .filter((event) => inScope.has(event.controlId))
      .map((event) => ({
        id: event.id,
        controlId: event.controlId,
        date: event.date,
        label: event.reference,
      })),
    exceptions: openExceptions
      .filter((exception) => inScope.has(exception.controlId))
      .map((exception) => ({ controlId: exception.controlId, status: "open" as const })),
  };
}

type OrgRows = {
  controls: ReadinessControl[];
  evidence: ReadinessEvidence[];
  events: { id: string; controlId: string; date: string; reference: string }[];
  exceptions: { controlId: string }[];
};

/** The controls, evidence (of the controls `evidenceOf` selects), events and open exceptions. */
export async function readControlInputs(
  client: { db: Db } | { tx: Tx },
  organizationId: string,
  evidenceOf: Prisma.Sql,
): Promise<OrgRows> {
  const db = "tx" in client ? client.tx : client.db;
  const [controls, evidence, events, exceptions] = await Promise.all([
    db.control.findMany({
      where: { organizationId },
      select: {
        id: true,
        ref: true,
        status: true,
        ownerId: true,
        description: true,
        frequency: true,
        graceDays: true,
      },
    }),
    controlsEvidence(client, organizationId, evidenceOf),
    db.populationEvent.findMany({
      where: { organizationId },
      select: { id: true, controlId: true, date: true, reference: true },
    }),
    db.controlException.findMany({
      where: { organizationId, status: "open" },
      select: { controlId: true },
    }),
  ]);
  return {
    controls: controls.map((control) => ({
      ...control,
      status: control.status as ControlStatus,
      frequency: control.frequency as ControlFrequency,
    })),
    evidence,
    events,
    exceptions,
  };
}

/** The engine's result for `controlIds` (retired ones have none) under one engagement. */
export function computeControls(
  engagement: ReadinessEngagement,
  rows: OrgRows,
  controlIds: ReadonlySet<string>,
  today: string,
  freshnessDays: number,
): MaintainedControl[] {
  const readiness = computeReadiness({
    engagement,
    today,
    freshnessDays,
    requirements: [],
    mappings: [],
    controls: rows.controls.filter((control) => controlIds.has(control.id)),
    evidence: rows.evidence,
    ...eventsAndOpenExceptions(rows.events, rows.exceptions, controlIds),
  });
  return readiness.controls.map(compactControl);
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += CHUNK)
    out.push(items.slice(index, index + CHUNK));
  return out;
}

async function store(
  tx: Tx,
  organizationId: string,
  engagementId: string,
  results: readonly MaintainedControl[],
): Promise<void> {
  for (const part of chunks(results))
    await tx.maintainedReadiness.createMany({
      data: part.map((result) => ({
        engagementId,
        controlId: result.controlId,
        organizationId,
        result: JSON.stringify(result),
      })),
    });
}

/**
 * Brings the organisation's maintained readiness up to date inside `tx`: the controls marked
 * dirty are recomputed in every engagement whose rows are for today, engagements without rows
 * (readinessDay null: new, or their dates, type or scope just changed) are computed whole, and
 * the marks are removed. A write leaves engagements whose rows are for an earlier day to the
 * roll-forward (`rollForward`, the job runner after the organisation's midnight), so that no
 * user's write pays for a whole organisation's new day; readers compute those live meanwhile.
 * Cheap when nothing changed: three small reads.
 */
export async function maintainReadiness(
  tx: Tx,
  organizationId: string,
  options: { now?: Date; rollForward?: boolean } = {},
): Promise<void> {
  const [organization, dirtyRows, engagements] = await Promise.all([
    tx.organization.findUnique({
      where: { id: organizationId },
      select: { freshnessDays: true, timeZone: true },
    }),
    tx.readinessDirty.findMany({ where: { organizationId }, select: { controlId: true } }),
    tx.engagement.findMany({
      where: { organizationId, archivedAt: null },
      select: maintainedEngagementSelect,
    }),
  ]);
  if (!organization) return;
  const today = todayIn(organization.timeZone, options.now ?? currentInstant());
  const isWhole = (row: MaintainedEngagement): boolean =>
    row.readinessDay === null || (options.rollForward === true && row.readinessDay !== today);
  const whole = engagements.filter(isWhole);
  if (dirtyRows.length === 0 && whole.length === 0) return;
  const dirty = new Set(dirtyRows.map((row) => row.controlId));

  const mappings = await tx.controlMapping.findMany({
    where: { organizationId },
    select: { controlId: true, criterionId: true, objectiveId: true },
  });
  const mappedTo = (row: MaintainedEngagement): Set<string> => {
    const ids = scopeRequirementIds(row);
    const mapped = new Set<string>();
    for (const mapping of mappings) {
      const requirementId = mapping.criterionId ?? mapping.objectiveId;
      if (requirementId !== null && ids.has(requirementId)) mapped.add(mapping.controlId);
    }
    return mapped;
  };
  // Whole engagements read every control's evidence; dirty controls only theirs.
  const rows = await readControlInputs(
    { tx },
    organizationId,
    whole.length > 0
      ? Prisma.sql`SELECT "id" FROM "Control" WHERE "organizationId" = ${organizationId}`
      : dirty.size <= CHUNK
        ? // Named: PostgreSQL, with no statistics on the marks, would otherwise hash-join every
          // link of the organisation (a second per write at 200,000 links).
          Prisma.join([...dirty])
        : Prisma.sql`SELECT "controlId" FROM "ReadinessDirty" WHERE "organizationId" = ${organizationId}`,
  );

  let skipped = 0;
  for (const row of engagements) {
    const engagement = readinessEngagement(row);
    const rebuild = isWhole(row);
    if (!rebuild && row.readinessDay !== today) {
      skipped += 1;
      continue;
    }
    if (rebuild) await tx.maintainedReadiness.deleteMany({ where: { engagementId: row.id } });
    else
      for (const part of chunks([...dirty]))
        await tx.maintainedReadiness.deleteMany({
          where: { engagementId: row.id, controlId: { in: part } },
        });
    const mapped = engagement ? mappedTo(row) : new Set<string>();
    const targets = rebuild ? mapped : new Set([...dirty].filter((id) => mapped.has(id)));
    if (engagement && targets.size > 0)
      await store(
        tx,
        organizationId,
        row.id,
        computeControls(engagement, rows, targets, today, organization.freshnessDays),
      );
    // An engagement without usable dates keeps no rows; its day is set all the same, so that
    // it is not recomputed by every write (readers compute it live and report what is missing).
    if (rebuild)
      await tx.$executeRaw`UPDATE "Engagement" SET "readinessDay" = ${today} WHERE "id" = ${row.id}`;
  }
  // Marks stay while an engagement left to the roll-forward still has rows for an earlier day:
  // a reader whose clock is still on that day (another instance, seconds apart at midnight)
  // then computes those controls live instead of reading rows that missed this change.
  if (dirty.size > 0 && skipped === 0)
    await tx.readinessDirty.deleteMany({ where: { organizationId } });
}
