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
import { apiTokenActorName } from "@/lib/domain/api-tokens";
import type { ActivityFacts, SentencePart } from "@/lib/domain/activity-writer";
import { can } from "@/lib/domain/permissions";
import { isValidTimeZone, DEFAULT_TIME_ZONE } from "@/lib/domain/time-zone";
import type { ActivityFilters } from "@/lib/schemas/activity";
import { ACTIVITY_PAGE_SIZE } from "./activity";
import { auditActivityLog } from "./activity-audit";
import { activityLookup, apiTokenNames } from "./activity-names";
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
  apiTokenId: true,
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
  apiTokenId: string | null;
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

/** A change made through an API token is the token's: "<token name> (API token)". */
function facts(row: EntryRow, tokens: ReadonlyMap<string, string>): ActivityFacts {
  return {
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: parsed(row.before),
    after: parsed(row.after),
    actorName: row.apiTokenId
      ? apiTokenActorName(tokens.get(row.apiTokenId) ?? null)
      : (row.actor?.name ?? null),
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
  const tokens = await apiTokenNames(
    ctx,
    rows.flatMap((row) => (row.apiTokenId ? [row.apiTokenId] : [])),
  );
  const entries = rows.map((row) => facts(row, tokens));
  const lookup = await activityLookup(ctx, entries);
  return rows.map((row, index) => {
    const entry = entries[index] ?? facts(row, tokens);
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

/**
 * Where a page of a filtered log starts: entries older than `before`, or newer than `after` (the
 * page one newer than the one whose newest entry is `after`). Neither: the newest page.
 */
export type ActivityCursor = { before?: number; after?: number };

export type ActivityLogView =
  | { canView: false }
  | {
      canView: true;
      rows: ActivityLine[];
      total: number;
      page: number;
      pageCount: number;
      /** Filtered logs page by cursor: the links to the older and the newer page, if any. */
      older: ActivityCursor | null;
      newer: ActivityCursor | null;
      timeZone: string;
      options: ActivityFilterOptions;
      audit: Awaited<ReturnType<typeof auditActivityLog>>;
    };

const unfiltered = (filters: ActivityFilters): boolean =>
  !filters.who && !filters.action && !filters.record && !filters.from && !filters.to;

type EntryWhere = Awaited<ReturnType<typeof whereFor>>;

type Page = {
  rows: EntryRow[];
  total: number;
  page: number;
  older: ActivityCursor | null;
  newer: ActivityCursor | null;
};

/**
 * The unfiltered log, page `page`: sequence numbers are dense per organisation (1 to its
 * `activitySeq`), so page N is a range of them and costs the same at any depth.
 */
async function pageBySeq(ctx: OrgContext, page: number): Promise<Page> {
  const db = getDb();
  const { activitySeq: head } = await db.organization.findUniqueOrThrow({
    where: { id: ctx.orgId },
    select: { activitySeq: true },
  });
  const newest = head - (page - 1) * ACTIVITY_PAGE_SIZE;
  const rows =
    newest < 1
      ? []
      : await db.activityLogEntry.findMany({
          where: {
            organizationId: ctx.orgId,
            seq: { lte: newest, gt: newest - ACTIVITY_PAGE_SIZE },
          },
          orderBy: { seq: "desc" },
          select: entrySelect,
        });
  return { rows, total: head, page, older: null, newer: null };
}

/**
 * A filtered log, a page at a time by sequence number (keyset: `seq < before`, or the page just
 * newer than `seq > after`), never by offset. The page number shown is counted, not trusted
 * from the link: one plus the matching entries newer than this page, in pages.
 */
async function pageByCursor(where: EntryWhere, cursor: ActivityCursor): Promise<Page> {
  const db = getDb();
  const take = ACTIVITY_PAGE_SIZE + 1;
  let rows: EntryRow[];
  let hasOlder: boolean;
  if (cursor.after !== undefined) {
    const ascending = await db.activityLogEntry.findMany({
      where: { AND: [where, { seq: { gt: cursor.after } }] },
      orderBy: { seq: "asc" },
      take: ACTIVITY_PAGE_SIZE,
      select: entrySelect,
    });
    rows = ascending.reverse();
    hasOlder = true;
    // Fewer than a page newer: this is the newest page; show it whole.
    if (rows.length < ACTIVITY_PAGE_SIZE) return pageByCursor(where, {});
  } else {
    const found = await db.activityLogEntry.findMany({
      where: cursor.before === undefined ? where : { AND: [where, { seq: { lt: cursor.before } }] },
      orderBy: { seq: "desc" },
      take,
      select: entrySelect,
    });
    hasOlder = found.length === take;
    rows = found.slice(0, ACTIVITY_PAGE_SIZE);
  }
  const newest = rows[0]?.seq;
  const oldest = rows.at(-1)?.seq;
  const [total, newerCount] = await Promise.all([
    db.activityLogEntry.count({ where }),
    newest === undefined
      ? 0
      : db.activityLogEntry.count({ where: { AND: [where, { seq: { gt: newest } }] } }),
  ]);
  return {
    rows,
    total,
    page: Math.ceil(newerCount / ACTIVITY_PAGE_SIZE) + 1,
    older: hasOlder && oldest !== undefined ? { before: oldest } : null,
    newer: newerCount > 0 && newest !== undefined ? { after: newest } : null,
  };
}

export type ActivityPage = {
  rows: ActivityLine[];
  total: number;
  page: number;
  pageCount: number;
  older: ActivityCursor | null;
  newer: ActivityCursor | null;
};

/**
 * The entries of one page of the log as the page shows them, for `filters` (validated; null when
 * they were not: no entries): without filters page `page`, with filters the page `cursor` points at.
 */
export async function loadActivityPage(
  ctx: OrgContext,
  filters: ActivityFilters | null,
  page: number,
  cursor: ActivityCursor = {},
  timeZone?: string,
): Promise<ActivityPage> {
  assertCan(ctx, "activity.view");
  const found: Page = !filters
    ? { rows: [], total: 0, page: 1, older: null, newer: null }
    : unfiltered(filters)
      ? await pageBySeq(ctx, page)
      : await pageByCursor(
          await whereFor(ctx, filters, timeZone ?? (await timeZoneOf(ctx))),
          cursor,
        );
  return {
    rows: await lines(ctx, found.rows),
    total: found.total,
    page: found.page,
    pageCount: Math.max(1, Math.ceil(found.total / ACTIVITY_PAGE_SIZE)),
    older: found.older,
    newer: found.newer,
  };
}

/** Everything the activity page shows: a page of entries, the filter choices, the chain's audit. */
export async function loadActivityLog(
  ctx: OrgContext,
  filters: ActivityFilters | null,
  page: number,
  cursor: ActivityCursor = {},
): Promise<ActivityLogView> {
  if (!can(ctx.role, "activity.view")) return { canView: false };
  const timeZone = await timeZoneOf(ctx);
  const [found, options, audit] = await Promise.all([
    loadActivityPage(ctx, filters, page, cursor, timeZone),
    filterOptions(ctx),
    auditActivityLog(ctx),
  ]);
  return { canView: true, ...found, timeZone, options, audit };
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
