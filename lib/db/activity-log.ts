import "server-only";
import { stringify } from "csv-stringify/sync";
import {
  ACTION_GROUP_LABELS,
  ACTION_GROUPS,
  actionsFor,
  groupOf,
  nextDay,
  safeCsvCell,
  startOfDayIn,
} from "@/lib/domain/activity-filters";
import { describeActivity, sentenceText } from "@/lib/domain/activity-sentences";
import { ACTIVITY_ACTIONS, isActivityAction } from "@/lib/domain/activity-vocabulary";
import type { ActivityFacts, SentencePart } from "@/lib/domain/activity-writer";
import { can } from "@/lib/domain/permissions";
import { isValidTimeZone, DEFAULT_TIME_ZONE } from "@/lib/domain/time-zone";
import type { ActivityFilters } from "@/lib/schemas/activity";
import { ACTIVITY_PAGE_SIZE } from "./activity";
import { auditActivityLog } from "./activity-audit";
import { activityLookup } from "./activity-names";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { searchTextOf } from "./controls";

/** One line of the log as the page and the CSV show it. */
export type ActivityLine = {
  id: string;
  seq: number;
  at: Date;
  actor: string;
  action: string;
  kind: string;
  record: string;
  parts: SentencePart[];
  hash: string;
};

const MAX_RECORD_MATCHES = 50;
const CSV_BATCH = 500;

const entrySelect = {
  id: true,
  seq: true,
  action: true,
  entityType: true,
  entityId: true,
  before: true,
  after: true,
  createdAt: true,
  hash: true,
  actor: { select: { name: true } },
} as const;
type EntryRow = {
  id: string;
  seq: number;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
  createdAt: Date;
  hash: string;
  actor: { name: string } | null;
};

function parsed(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function facts(row: EntryRow): ActivityFacts {
  return {
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: parsed(row.before),
    after: parsed(row.after),
    actorName: row.actor?.name ?? null,
  };
}

async function timeZoneOf(ctx: OrgContext): Promise<string> {
  const org = await getDb().organization.findUnique({
    where: { id: ctx.orgId },
    select: { timeZone: true },
  });
  const zone = org?.timeZone ?? DEFAULT_TIME_ZONE;
  return isValidTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
}

/** The records a search names: controls by reference or title, evidence, engagements, or an id. */
async function recordCondition(ctx: OrgContext, search: string) {
  const db = getDb();
  const plain = search.replace(/[%_\\]/g, "");
  const [controls, evidence, engagements] = await Promise.all([
    db.control.findMany({
      where: {
        organizationId: ctx.orgId,
        searchText: { contains: searchTextOf(search, "").trimEnd() },
      },
      select: { id: true },
      take: MAX_RECORD_MATCHES,
    }),
    plain
      ? db.evidence.findMany({
          where: { organizationId: ctx.orgId, title: { contains: plain } },
          select: { id: true },
          take: MAX_RECORD_MATCHES,
        })
      : [],
    plain
      ? db.engagement.findMany({
          where: { organizationId: ctx.orgId, name: { contains: plain } },
          select: { id: true },
          take: MAX_RECORD_MATCHES,
        })
      : [],
  ]);
  const ids = [search, ...[...controls, ...evidence, ...engagements].map((row) => row.id)];
  // Entries about another record that name a control (evidence added to it, an exception on it).
  const mentions = controls.flatMap(({ id }) => [
    { after: { contains: `"${id}"` } },
    { before: { contains: `"${id}"` } },
  ]);
  return { OR: [{ entityId: { in: ids } }, ...mentions] };
}

async function whereFor(ctx: OrgContext, filters: ActivityFilters, timeZone: string) {
  const createdAt = {
    ...(filters.from ? { gte: startOfDayIn(timeZone, filters.from) } : {}),
    ...(filters.to ? { lt: startOfDayIn(timeZone, nextDay(filters.to)) } : {}),
  };
  return {
    organizationId: ctx.orgId,
    ...(filters.who ? { actorId: filters.who } : {}),
    ...(filters.action ? { action: { in: actionsFor(filters.action) } } : {}),
    ...(filters.from || filters.to ? { createdAt } : {}),
    ...(filters.record ? { AND: [await recordCondition(ctx, filters.record)] } : {}),
  };
}

async function lines(ctx: OrgContext, rows: EntryRow[]): Promise<ActivityLine[]> {
  const entries = rows.map(facts);
  const lookup = await activityLookup(ctx, entries);
  return rows.map((row, index) => {
    const entry = entries[index] ?? facts(row);
    return {
      id: row.id,
      seq: row.seq,
      at: row.createdAt,
      actor: entry.actorName ?? "System",
      action: row.action,
      kind: isActivityAction(row.action) ? ACTION_GROUP_LABELS[groupOf(row.action)] : "Other",
      record: `${row.entityType}:${row.entityId}`,
      parts: describeActivity(entry, lookup),
      hash: row.hash,
    };
  });
}

export type ActivityFilterOptions = {
  members: { id: string; name: string }[];
  groups: { value: string; label: string }[];
  actions: string[];
};

async function filterOptions(ctx: OrgContext): Promise<ActivityFilterOptions> {
  const memberships = await getDb().membership.findMany({
    where: { organizationId: ctx.orgId },
    select: { user: { select: { id: true, name: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return {
    members: memberships.map(({ user }) => user),
    groups: ACTION_GROUPS.map((value) => ({ value, label: ACTION_GROUP_LABELS[value] })),
    actions: [...ACTIVITY_ACTIONS],
  };
}

export type ActivityLogView =
  | { canView: false }
  | {
      canView: true;
      rows: ActivityLine[];
      total: number;
      page: number;
      pageCount: number;
      timeZone: string;
      options: ActivityFilterOptions;
      audit: Awaited<ReturnType<typeof auditActivityLog>>;
    };

/**
 * Everything the activity page shows, for `filters` (validated; null when they were not, and
 * the page shows what to fix instead of entries) and `page`.
 */
export async function loadActivityLog(
  ctx: OrgContext,
  filters: ActivityFilters | null,
  page: number,
): Promise<ActivityLogView> {
  if (!can(ctx.role, "activity.view")) return { canView: false };
  const timeZone = await timeZoneOf(ctx);
  const db = getDb();
  const where = filters ? await whereFor(ctx, filters, timeZone) : null;
  const [total, rows, options, audit] = await Promise.all([
    where ? db.activityLogEntry.count({ where }) : 0,
    where
      ? db.activityLogEntry.findMany({
          where,
          orderBy: { seq: "desc" },
          skip: (page - 1) * ACTIVITY_PAGE_SIZE,
          take: ACTIVITY_PAGE_SIZE,
          select: entrySelect,
        })
      : [],
    filterOptions(ctx),
    auditActivityLog(ctx),
  ]);
  return {
    canView: true,
    rows: await lines(ctx, rows),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / ACTIVITY_PAGE_SIZE)),
    timeZone,
    options,
    audit,
  };
}

const CSV_COLUMNS = ["time", "actor", "action", "record", "summary", "seq", "hash"];

function csvRow(values: string[]): string {
  return stringify([values.map(safeCsvCell)]);
}

/** The filtered log as CSV text, newest first, a batch of entries at a time. */
export async function* activityCsv(
  ctx: OrgContext,
  filters: ActivityFilters,
): AsyncGenerator<string> {
  assertCan(ctx, "activity.view");
  const where = await whereFor(ctx, filters, await timeZoneOf(ctx));
  yield csvRow(CSV_COLUMNS);
  for (let before: number | null = null; ;) {
    const rows: EntryRow[] = await getDb().activityLogEntry.findMany({
      where: before === null ? where : { ...where, seq: { lt: before } },
      orderBy: { seq: "desc" },
      take: CSV_BATCH,
      select: entrySelect,
    });
    for (const line of await lines(ctx, rows))
      yield csvRow([
        line.at.toISOString(),
        line.actor,
        line.action,
        line.record,
        sentenceText(line.parts),
        String(line.seq),
        line.hash,
      ]);
    const last = rows.at(-1);
    if (!last || rows.length < CSV_BATCH) return;
    before = last.seq;
  }
}
