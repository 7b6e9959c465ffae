import "server-only";
import { isIsoDate } from "@/lib/domain/dates";
import type { RecordedChange } from "@/lib/domain/export/paperwork";
import { addDays } from "@/lib/domain/readiness/calendar";
import { AppError } from "@/lib/errors";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { engagementRequirements } from "./engagement-requirements";

// What changed after a day, for a bridge letter: the activity log entries about the
// engagement's controls, mappings, evidence and exceptions, as short human sentences.

/** Changes listed before the rest are summed up in one "and N more" line. */
export const MAX_LISTED_CHANGES = 40;
const READ_BATCH = 1_000;

const ACTIONS = [
  "control.created",
  "control.updated",
  "control.bulk_updated",
  "control.mappings_changed",
  "requirement.controls_changed",
  "evidence.added",
  "evidence.linked",
  "evidence.deleted",
  "exception.recorded",
  "exception.remediated",
  "population.event_added",
  "population.event_removed",
  "population.imported",
];

type Entry = {
  seq: number;
  action: string;
  entityId: string;
  before: string | null;
  after: string | null;
  createdAt: Date;
};

type Scope = {
  /** Controls mapped to the engagement's in-scope requirements. */
  controls: ReadonlySet<string>;
  /** In-scope requirement id → code. */
  codeOf: ReadonlyMap<string, string>;
  /** Every control of the organisation: id → ref. */
  refOf: ReadonlyMap<string, string>;
  /** Exception id → control id, for the exceptions the entries mention. */
  exceptionControl: ReadonlyMap<string, string>;
};

function parse(text: string | null): Record<string, unknown> {
  if (text === null) return {};
  const value: unknown = JSON.parse(text);
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function ids(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === "string")
    : [];
}

function refs(scope: Scope, controlIds: readonly string[]): string {
  return controlIds
    .map((id) => scope.refOf.get(id) ?? "a control")
    .sort()
    .join(", ");
}

/** "mapped to CC6.1; unmapped from CC7.2", counting only requirements in scope; "" when none changed. */
function mappingChange(scope: Scope, before: readonly string[], after: readonly string[]): string {
  const added = after
    .filter((id) => !before.includes(id))
    .flatMap((id) => scope.codeOf.get(id) ?? []);
  const removed = before
    .filter((id) => !after.includes(id))
    .flatMap((id) => scope.codeOf.get(id) ?? []);
  return [
    added.length ? `mapped to ${added.sort().join(", ")}` : "",
    removed.length ? `unmapped from ${removed.sort().join(", ")}` : "",
  ]
    .filter(Boolean)
    .join("; ");
}

/** The sentence for one entry, or null when it does not concern the engagement. */
function describe(scope: Scope, entry: Entry): string | null {
  const before = parse(entry.before);
  const after = parse(entry.after);
  const ref = scope.refOf.get(entry.entityId) ?? "a control";
  const inScope = (controlIds: readonly string[]) =>
    controlIds.filter((id) => scope.controls.has(id));
  switch (entry.action) {
    case "control.created":
      return scope.controls.has(entry.entityId) ? `Control ${ref} created` : null;
    case "control.updated":
    case "control.bulk_updated":
      return scope.controls.has(entry.entityId) ? `Control ${ref} updated` : null;
    case "control.mappings_changed": {
      const change = mappingChange(
        scope,
        [...ids(before.criterionIds), ...ids(before.objectiveIds)],
        [...ids(after.criterionIds), ...ids(after.objectiveIds)],
      );
      return change ? `Control ${ref} ${change}` : null;
    }
    case "requirement.controls_changed": {
      const code = scope.codeOf.get(entry.entityId);
      if (!code) return null;
      const was = ids(before.controlIds);
      const now = ids(after.controlIds);
      const added = now.filter((id) => !was.includes(id));
      const removed = was.filter((id) => !now.includes(id));
      const parts = [
        added.length ? `added ${refs(scope, added)}` : "",
        removed.length ? `removed ${refs(scope, removed)}` : "",
      ].filter(Boolean);
      return parts.length ? `Controls for ${code} changed: ${parts.join("; ")}` : null;
    }
    case "evidence.added": {
      const controls = inScope(ids(after.controlIds));
      return controls.length ? `Evidence added to ${refs(scope, controls)}` : null;
    }
    case "evidence.linked": {
      const was = ids(before.controlIds);
      const controls = inScope(ids(after.controlIds).filter((id) => !was.includes(id)));
      return controls.length ? `Evidence linked to ${refs(scope, controls)}` : null;
    }
    case "evidence.deleted": {
      const controls = inScope(ids(before.controlIds));
      return controls.length ? `Evidence removed from ${refs(scope, controls)}` : null;
    }
    case "exception.recorded": {
      const controlId = typeof after.controlId === "string" ? after.controlId : "";
      return scope.controls.has(controlId)
        ? `Exception recorded on ${refs(scope, [controlId])}`
        : null;
    }
    case "exception.remediated": {
      const controlId = scope.exceptionControl.get(entry.entityId) ?? "";
      return scope.controls.has(controlId)
        ? `Exception on ${refs(scope, [controlId])} remediated`
        : null;
    }
    case "population.event_added":
    case "population.event_removed":
    case "population.imported":
      return scope.controls.has(entry.entityId)
        ? `Population of ${ref} ${entry.action === "population.event_removed" ? "event removed" : "events added"}`
        : null;
    default:
      return null;
  }
}

/** Reads the entries in seq order, a batch at a time, so memory stays flat over a long gap. */
async function* entriesBetween(
  ctx: OrgContext,
  from: Date,
  until: Date | null,
): AsyncIterable<Entry[]> {
  const db = getDb();
  let after = 0;
  for (;;) {
    const batch = await db.activityLogEntry.findMany({
      where: {
        organizationId: ctx.orgId,
        action: { in: ACTIONS },
        seq: { gt: after },
        createdAt: until === null ? { gte: from } : { gte: from, lt: until },
      },
      orderBy: { seq: "asc" },
      take: READ_BATCH,
      select: {
        seq: true,
        action: true,
        entityId: true,
        before: true,
        after: true,
        createdAt: true,
      },
    });
    if (batch.length > 0) yield batch;
    if (batch.length < READ_BATCH) return;
    after = batch[batch.length - 1]?.seq ?? after;
  }
}

async function exceptionControls(
  ctx: OrgContext,
  entries: readonly Entry[],
  known: Map<string, string>,
): Promise<void> {
  const wanted = [
    ...new Set(
      entries
        .filter((entry) => entry.action === "exception.remediated")
        .map((entry) => entry.entityId),
    ),
  ].filter((id) => !known.has(id));
  if (wanted.length === 0) return;
  const rows = await getDb().controlException.findMany({
    where: { organizationId: ctx.orgId, id: { in: wanted } },
    select: { id: true, controlId: true },
  });
  for (const row of rows) known.set(row.id, row.controlId);
}

/**
 * The changes recorded after `sinceDay` (and up to `until`, inclusive, when given) that concern
 * the engagement's controls, mappings, evidence and exceptions, oldest first. The same sentence on
 * the same day is listed once with a count; past `limit` lines the rest become one "and N more".
 */
export async function changesSince(
  ctx: OrgContext,
  engagementId: string,
  sinceDay: string,
  options: { until?: string; limit?: number } = {},
): Promise<RecordedChange[]> {
  assertCan(ctx, "org.view");
  if (!isIsoDate(sinceDay) || (options.until !== undefined && !isIsoDate(options.until)))
    throw new AppError("VALIDATION", "Enter dates as YYYY-MM-DD.");
  const limit = options.limit ?? MAX_LISTED_CHANGES;
  const { requirements } = await engagementRequirements(ctx, engagementId);
  const controlRows = await getDb().control.findMany({
    where: { organizationId: ctx.orgId },
    select: { id: true, ref: true },
  });
  const exceptionControl = new Map<string, string>();
  const scope: Scope = {
    controls: new Set(
      requirements.flatMap((requirement) => requirement.controls.map((control) => control.id)),
    ),
    codeOf: new Map(requirements.map((requirement) => [requirement.id, requirement.code])),
    refOf: new Map(controlRows.map((row) => [row.id, row.ref])),
    exceptionControl,
  };

  const from = new Date(`${addDays(sinceDay, 1)}T00:00:00.000Z`);
  const until =
    options.until === undefined ? null : new Date(`${addDays(options.until, 1)}T00:00:00.000Z`);
  const listed = new Map<string, { date: string; text: string; count: number }>();
  let more = 0;
  let lastOmitted = "";
  for await (const batch of entriesBetween(ctx, from, until)) {
    await exceptionControls(ctx, batch, exceptionControl);
    for (const entry of batch) {
      const text = describe(scope, entry);
      if (text === null) continue;
      const date = entry.createdAt.toISOString().slice(0, 10);
      const key = `${date} ${text}`;
      const existing = listed.get(key);
      if (existing) existing.count += 1;
      else if (listed.size < limit) listed.set(key, { date, text, count: 1 });
      else {
        more += 1;
        lastOmitted = date;
      }
    }
  }
  const changes = [...listed.values()].map(({ date, text, count }) => ({
    date,
    text: count > 1 ? `${text} (${count} times)` : text,
  }));
  if (more > 0)
    changes.push({
      date: lastOmitted,
      text: `… and ${more} more ${more === 1 ? "change" : "changes"} up to this day (see the activity log)`,
    });
  return changes;
}
