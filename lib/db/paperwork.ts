import "server-only";
import { isIsoDate } from "@/lib/domain/dates";
import type { RecordedChange } from "@/lib/domain/export/paperwork";
import {
  changeList,
  PAPERWORK_ACTIONS,
  type ChangeEntry,
  type ChangeScope,
} from "@/lib/domain/paperwork-changes";
import { addDays } from "@/lib/domain/readiness/calendar";
import { AppError } from "@/lib/errors";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { engagementRequirements } from "./engagement-requirements";

// What changed after a day, for a bridge letter: reads the activity log entries and the
// engagement's scope; lib/domain/paperwork-changes.ts writes the sentences.

/** Changes listed before the rest are summed up in one "and N more" line. */
export const MAX_LISTED_CHANGES = 40;
const READ_BATCH = 1_000;

/** Reads the entries in seq order, a batch at a time, so memory stays flat over a long gap. */
async function* entriesBetween(
  ctx: OrgContext,
  from: Date,
  until: Date | null,
): AsyncIterable<ChangeEntry[]> {
  const db = getDb();
  let after = 0;
  for (;;) {
    const batch = await db.activityLogEntry.findMany({
      where: {
        organizationId: ctx.orgId,
        action: { in: [...PAPERWORK_ACTIONS] },
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
  entries: readonly ChangeEntry[],
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
  const scope: ChangeScope = {
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
  const list = changeList(limit);
  for await (const batch of entriesBetween(ctx, from, until)) {
    await exceptionControls(ctx, batch, exceptionControl);
    for (const entry of batch) list.add(scope, entry);
  }
  return list.changes();
}
