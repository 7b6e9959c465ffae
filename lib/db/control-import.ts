import "server-only";
import { CURRENT_CRITERIA_EDITION, criterionId } from "@/lib/domain/catalog";
import {
  controlsToCsv,
  planControlCsv,
  summarizePlan,
  toControlCsvRow,
  type ControlCsvLookups,
  KEEP_BLANKS,
  type ControlImportOptions,
  type ControlImportPlan,
  type ControlImportReport,
  type ControlImportResult,
  type ExistingControl,
  type PlannedControl,
  type PlannedUpdate,
} from "@/lib/domain/control-csv";
import type { ActivityInput } from "@/lib/domain/activity-vocabulary";
import { AppError } from "@/lib/errors";
import { recordActivities } from "./activity";
import { assertCan } from "./authorize";
import { ensureCatalog } from "./catalog";
import { getDb, type Tx } from "./client";
import { editableSelect, searchTextOf } from "./controls";
import type { OrgContext } from "./context";
import { lockOrganization } from "./organization-lock";
import { isUniqueViolation } from "./prisma-errors";

// CSV import and export of the control library. The import is planned from four queries
// whatever the file's size, and applied all or nothing: one transaction re-plans and writes.

type MappingRow = { id: string; criterionId: string | null; objectiveId: string | null };
type Loaded = {
  lookups: ControlCsvLookups;
  objectiveIds: Map<string, string>;
  mappingsOf: Map<string, MappingRow[]>;
};

const controlSelect = {
  id: true,
  ref: true,
  title: true,
  description: true,
  status: true,
  frequency: true,
  nature: true,
  key: true,
  graceDays: true,
  owner: { select: { email: true } },
  mappings: {
    select: {
      id: true,
      criterionId: true,
      objectiveId: true,
      criterion: { select: { code: true } },
      objective: { select: { ref: true } },
    },
  },
} as const;

async function readControls(db: Tx, ctx: OrgContext) {
  const rows = await db.control.findMany({
    where: { organizationId: ctx.orgId },
    orderBy: { ref: "asc" },
    select: controlSelect,
  });
  return rows.map(({ owner, mappings, ...control }) => ({
    existing: {
      ...control,
      ownerEmail: owner?.email ?? null,
      criteria: mappings.flatMap((m) => (m.criterion ? [m.criterion.code] : [])),
      objectives: mappings.flatMap((m) => (m.objective ? [m.objective.ref] : [])),
    } satisfies ExistingControl,
    mappings: mappings.map(({ id, criterionId, objectiveId }) => ({
      id,
      criterionId,
      objectiveId,
    })),
  }));
}

/** Everything a plan needs, in a fixed number of queries. */
async function loadLookups(db: Tx, ctx: OrgContext): Promise<Loaded> {
  const [criteria, objectives, members, controls] = await Promise.all([
    db.criterion.findMany({ where: { edition: CURRENT_CRITERIA_EDITION }, select: { code: true } }),
    db.controlObjective.findMany({
      where: { organizationId: ctx.orgId },
      select: { id: true, ref: true },
    }),
    db.membership.findMany({
      where: { organizationId: ctx.orgId },
      select: { user: { select: { id: true, email: true } } },
    }),
    readControls(db, ctx),
  ]);
  return {
    lookups: {
      criterionCodes: criteria.map((c) => c.code),
      objectiveRefs: objectives.map((o) => o.ref),
      members: members.map(({ user }) => ({ email: user.email, userId: user.id })),
      existing: controls.map((c) => c.existing),
    },
    objectiveIds: new Map(objectives.map((o) => [o.ref, o.id])),
    mappingsOf: new Map(controls.map((c) => [c.existing.id, c.mappings])),
  };
}

/** The dry run: what importing `csvText` would do, changing nothing. */
export async function planControlImport(
  ctx: OrgContext,
  csvText: string,
  options: ControlImportOptions = KEEP_BLANKS,
): Promise<ControlImportReport> {
  assertCan(ctx, "control.edit");
  await ensureCatalog();
  const { lookups } = await loadLookups(getDb(), ctx);
  return summarizePlan(planControlCsv(csvText, lookups, options));
}

const CHUNK = 500;
function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

type MappingPlan = {
  add: { organizationId: string; controlId: string; criterionId?: string; objectiveId?: string }[];
  remove: string[];
};

/** Works out the mapping rows to add and remove for one control, and the entry that logs it. */
function replaceMappings(
  ctx: OrgContext,
  loaded: Loaded,
  controlId: string,
  control: PlannedControl,
  pending: MappingPlan,
): ActivityInput | null {
  const current = loaded.mappingsOf.get(controlId) ?? [];
  const criterionIds = control.criteria.map((code) => criterionId(CURRENT_CRITERIA_EDITION, code));
  const objectiveIds = control.objectives.flatMap((ref) => loaded.objectiveIds.get(ref) ?? []);
  const before = {
    criterionIds: current.flatMap((m) => m.criterionId ?? []).sort(),
    objectiveIds: current.flatMap((m) => m.objectiveId ?? []).sort(),
  };
  const stale = current.filter((m) =>
    m.criterionId
      ? !criterionIds.includes(m.criterionId)
      : !objectiveIds.includes(m.objectiveId ?? ""),
  );
  const addCriteria = criterionIds.filter((id) => !before.criterionIds.includes(id));
  const addObjectives = objectiveIds.filter((id) => !before.objectiveIds.includes(id));
  if (!stale.length && !addCriteria.length && !addObjectives.length) return null;
  pending.remove.push(...stale.map((m) => m.id));
  pending.add.push(
    ...addCriteria.map((id) => ({ organizationId: ctx.orgId, controlId, criterionId: id })),
    ...addObjectives.map((id) => ({ organizationId: ctx.orgId, controlId, objectiveId: id })),
  );
  return {
    action: "control.mappings_changed",
    entityType: "control",
    entityId: controlId,
    before,
    after: { criterionIds: [...criterionIds].sort(), objectiveIds: [...objectiveIds].sort() },
  };
}

/** The plan's owners were matched against the members read in this transaction. */
function assertOwnersAreMembers(loaded: Loaded, plan: ControlImportPlan): void {
  const members = new Set(loaded.lookups.members.map((member) => member.userId));
  for (const control of [...plan.creates, ...plan.updates]) {
    const { ownerId } = control.values;
    if (ownerId && !members.has(ownerId))
      throw new AppError("VALIDATION", "The owner must be a member of this organisation.", {
        ownerId: ["The owner must be a member of this organisation."],
      });
  }
}

/** New controls in chunks; their ids come back by ref. */
async function createControls(
  tx: Tx,
  ctx: OrgContext,
  creates: readonly PlannedControl[],
): Promise<{ ids: Map<string, string>; graceDays: number }> {
  const { defaultGraceDays } = await tx.organization.findUniqueOrThrow({
    where: { id: ctx.orgId },
    select: { defaultGraceDays: true },
  });
  const ids = new Map<string, string>();
  for (const part of chunks(creates)) {
    const rows = await tx.control.createManyAndReturn({
      data: part.map(({ values }) => ({
        organizationId: ctx.orgId,
        ...values,
        graceDays: values.graceDays ?? defaultGraceDays,
        searchText: searchTextOf(values.ref, values.title),
      })),
      select: { id: true, ref: true },
    });
    for (const row of rows) ids.set(row.ref, row.id);
  }
  return { ids, graceDays: defaultGraceDays };
}

/** Changed controls: their current values in one read per chunk, then one write each. */
async function updateControls(
  tx: Tx,
  ctx: OrgContext,
  updates: readonly PlannedUpdate[],
  log: ActivityInput[],
): Promise<void> {
  for (const part of chunks(updates)) {
    const current = await tx.control.findMany({
      where: { organizationId: ctx.orgId, id: { in: part.map((control) => control.id) } },
      select: editableSelect,
    });
    const byId = new Map(current.map((control) => [control.id, control]));
    for (const control of part) {
      const before = byId.get(control.id);
      if (!before) throw staleImport();
      const values = { ...control.values, graceDays: control.values.graceDays ?? before.graceDays };
      const { count } = await tx.control.updateMany({
        where: { id: control.id, organizationId: ctx.orgId, version: before.version },
        data: {
          ...values,
          searchText: searchTextOf(values.ref, values.title),
          version: { increment: 1 },
        },
      });
      if (count !== 1) throw staleImport();
      const { id: _id, version: _version, ...previous } = before;
      log.push({
        action: "control.updated",
        entityType: "control",
        entityId: control.id,
        before: previous,
        after: values,
      });
    }
  }
}

const staleImport = () =>
  new AppError(
    "CONFLICT",
    "Someone else changed the controls while the file was importing. Check the file again.",
  );

/**
 * Writes the plan in batches: controls and mappings in chunks, and every activity entry (the
 * same ones, in the same order, as one write at a time) appended in one go under the
 * organisation's row lock (taken by the caller), with the hash chain worked out in memory.
 */
async function applyPlan(
  tx: Tx,
  ctx: OrgContext,
  loaded: Loaded,
  plan: ControlImportPlan,
): Promise<void> {
  assertOwnersAreMembers(loaded, plan);
  const mappings: MappingPlan = { add: [], remove: [] };
  const log: ActivityInput[] = [];
  const { ids, graceDays } = await createControls(tx, ctx, plan.creates);
  for (const control of plan.creates) {
    const id = ids.get(control.values.ref);
    if (!id) throw staleImport();
    log.push({
      action: "control.created",
      entityType: "control",
      entityId: id,
      after: { ...control.values, graceDays: control.values.graceDays ?? graceDays },
    });
    const changed = replaceMappings(ctx, loaded, id, control, mappings);
    if (changed) log.push(changed);
  }
  const valueUpdates = plan.updates.filter((control) =>
    control.changes.some(
      (change) => change.column !== "criteria" && change.column !== "objectives",
    ),
  );
  const updateLog: ActivityInput[] = [];
  await updateControls(tx, ctx, valueUpdates, updateLog);
  const updated = new Map(updateLog.map((entry) => [entry.entityId, entry]));
  for (const control of plan.updates) {
    const entry = updated.get(control.id);
    if (entry) log.push(entry);
    const changed = replaceMappings(ctx, loaded, control.id, control, mappings);
    if (changed) log.push(changed);
  }
  for (const ids of chunks(mappings.remove))
    await tx.controlMapping.deleteMany({ where: { organizationId: ctx.orgId, id: { in: ids } } });
  for (const data of chunks(mappings.add)) await tx.controlMapping.createMany({ data });
  log.push({
    action: "control.imported",
    entityType: "organization",
    entityId: ctx.orgId,
    after: {
      created: plan.creates.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged,
    },
  });
  await recordActivities(tx, ctx, log);
}

/**
 * Re-plans `csvText` and applies it in one transaction. A file with any problem changes
 * nothing and comes back with its report, as from the dry run.
 */
export async function applyControlImport(
  ctx: OrgContext,
  csvText: string,
  options: ControlImportOptions = KEEP_BLANKS,
): Promise<ControlImportResult> {
  assertCan(ctx, "control.edit");
  await ensureCatalog();
  return getDb()
    .$transaction(
      async (tx) => {
        // The lock first: on SQLite a transaction that reads and only then writes fails
        // (SQLITE_BUSY_SNAPSHOT) when another process, the job runner say, wrote in between.
        await lockOrganization(tx, ctx);
        const loaded = await loadLookups(tx, ctx);
        const plan = planControlCsv(csvText, loaded.lookups, options);
        const report = summarizePlan(plan);
        if (plan.problems.length) return { applied: false, report };
        if (plan.creates.length || plan.updates.length) await applyPlan(tx, ctx, loaded, plan);
        return { applied: true, report };
      },
      { timeout: 120_000, maxWait: 10_000 },
    )
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? staleImport() : error;
    });
}

/** Every control with its owner's email and mappings, as CSV that imports into any organisation. */
export async function exportControlsCsv(ctx: OrgContext): Promise<string> {
  assertCan(ctx, "library.view");
  await ensureCatalog();
  const controls = await readControls(getDb(), ctx);
  return controlsToCsv(controls.map(({ existing }) => toControlCsvRow(existing)));
}
