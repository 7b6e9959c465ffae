import "server-only";
import { activityReferences } from "@/lib/domain/activity-sentences";
import type {
  ActivityFacts,
  KnownRecord,
  RecordKind,
  RecordLookup,
} from "@/lib/domain/activity-writer";
import { getDb } from "./client";
import type { OrgContext } from "./context";

// The names the activity sentences show: every record the listed entries mention, fetched in one
// query per kind, from this organisation only. A record that is gone is simply not found, and the
// sentence shows its stored name without a link.

const MAX_IDS_PER_KIND = 2_000;

type Found = Map<string, KnownRecord>;

async function controls(ctx: OrgContext, ids: string[]): Promise<Found> {
  const rows = await getDb().control.findMany({
    where: { organizationId: ctx.orgId, id: { in: ids } },
    select: { id: true, ref: true },
  });
  return new Map(
    rows.map((row) => [row.id, { label: row.ref, link: { page: "control", id: row.id } }]),
  );
}

async function evidence(ctx: OrgContext, ids: string[]): Promise<Found> {
  const rows = await getDb().evidence.findMany({
    where: { organizationId: ctx.orgId, id: { in: ids } },
    select: { id: true, title: true, controls: { select: { controlId: true }, take: 1 } },
  });
  return new Map(
    rows.map((row) => {
      const controlId = row.controls[0]?.controlId;
      return [
        row.id,
        { label: row.title, link: controlId ? { page: "control", id: controlId } : null },
      ];
    }),
  );
}

async function engagements(ctx: OrgContext, ids: string[]): Promise<Found> {
  const rows = await getDb().engagement.findMany({
    where: { organizationId: ctx.orgId, id: { in: ids } },
    select: { id: true, name: true },
  });
  return new Map(
    rows.map((row) => [row.id, { label: row.name, link: { page: "engagement", id: row.id } }]),
  );
}

async function objectives(ctx: OrgContext, ids: string[]): Promise<Found> {
  const rows = await getDb().controlObjective.findMany({
    where: { organizationId: ctx.orgId, id: { in: ids } },
    select: { id: true, ref: true },
  });
  return new Map(
    rows.map((row) => [row.id, { label: row.ref, link: { page: "objective", id: row.id } }]),
  );
}

async function requests(ctx: OrgContext, ids: string[]): Promise<Found> {
  const rows = await getDb().auditorRequest.findMany({
    where: { organizationId: ctx.orgId, id: { in: ids } },
    select: { id: true, body: true },
  });
  return new Map(
    rows.map((row) => {
      const body = row.body.replace(/\s+/g, " ").trim();
      const label = `"${body.length > 60 ? `${body.slice(0, 59)}…` : body}"`;
      return [row.id, { label, link: { page: "requests", id: row.id } }];
    }),
  );
}

async function exportRuns(ctx: OrgContext, ids: string[]): Promise<Found> {
  const rows = await getDb().exportRun.findMany({
    where: { organizationId: ctx.orgId, id: { in: ids } },
    select: { id: true, fileName: true, format: true, engagementId: true },
  });
  return new Map(
    rows.map((row) => [
      row.id,
      {
        label: row.fileName ?? `${row.format} export`,
        link: { page: "exports", id: row.engagementId },
      },
    ]),
  );
}

async function exceptions(ctx: OrgContext, ids: string[]): Promise<Found> {
  const rows = await getDb().controlException.findMany({
    where: { organizationId: ctx.orgId, id: { in: ids } },
    select: { id: true, control: { select: { id: true, ref: true } } },
  });
  return new Map(
    rows.map((row) => [
      row.id,
      { label: row.control.ref, link: { page: "control", id: row.control.id } },
    ]),
  );
}

/** Criteria are the shared catalogue; objectives are the organisation's own. */
async function requirements(ctx: OrgContext, ids: string[]): Promise<Found> {
  const [criteria, own] = await Promise.all([
    getDb().criterion.findMany({ where: { id: { in: ids } }, select: { id: true, code: true } }),
    getDb().controlObjective.findMany({
      where: { organizationId: ctx.orgId, id: { in: ids } },
      select: { id: true, ref: true },
    }),
  ]);
  const found: Found = new Map();
  for (const row of criteria)
    found.set(row.id, { label: row.code, link: { page: "requirement", id: row.id } });
  for (const row of own)
    found.set(row.id, { label: row.ref, link: { page: "requirement", id: row.id } });
  return found;
}

/** People are named only when they belong, or belonged, to this organisation's log. */
async function people(ctx: OrgContext, ids: string[]): Promise<Found> {
  const rows = await getDb().user.findMany({
    where: {
      id: { in: ids },
      OR: [
        { memberships: { some: { organizationId: ctx.orgId } } },
        { activity: { some: { organizationId: ctx.orgId } } },
      ],
    },
    select: { id: true, name: true },
  });
  return new Map(rows.map((row) => [row.id, { label: row.name, link: null }]));
}

const FETCH: Partial<Record<RecordKind, (ctx: OrgContext, ids: string[]) => Promise<Found>>> = {
  control: controls,
  evidence,
  engagement: engagements,
  objective: objectives,
  request: requests,
  export: exportRuns,
  exception: exceptions,
  requirement: requirements,
  user: people,
};

/** The names of this organisation's API tokens among `ids` (entries made through a token). */
export async function apiTokenNames(
  ctx: OrgContext,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await getDb().apiToken.findMany({
    where: { organizationId: ctx.orgId, id: { in: [...new Set(ids)] } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** A lookup for the sentences of `entries`. */
export async function activityLookup(
  ctx: OrgContext,
  entries: readonly ActivityFacts[],
): Promise<RecordLookup> {
  const wanted = new Map<RecordKind, Set<string>>();
  for (const entry of entries)
    for (const ref of activityReferences(entry)) {
      const set = wanted.get(ref.kind) ?? new Set<string>();
      if (set.size < MAX_IDS_PER_KIND) set.add(ref.id);
      wanted.set(ref.kind, set);
    }
  const found = new Map<RecordKind, Found>();
  await Promise.all(
    [...wanted].map(async ([kind, ids]) => {
      const fetch = FETCH[kind];
      if (fetch) found.set(kind, await fetch(ctx, [...ids]));
    }),
  );
  return (ref) => found.get(ref.kind)?.get(ref.id);
}
