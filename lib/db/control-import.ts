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
} from "@/lib/domain/control-csv";
import { AppError } from "@/lib/errors";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { ensureCatalog } from "./catalog";
import { getDb, type Tx } from "./client";
import { createControlInTx, updateControlInTx } from "./controls";
import type { OrgContext } from "./context";
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

/** Works out the mapping rows to add and remove for one control, and logs the change. */
async function replaceMappings(
  tx: Tx,
  ctx: OrgContext,
  loaded: Loaded,
  controlId: string,
  control: PlannedControl,
  pending: MappingPlan,
): Promise<void> {
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
  if (!stale.length && !addCriteria.length && !addObjectives.length) return;
  pending.remove.push(...stale.map((m) => m.id));
  pending.add.push(
    ...addCriteria.map((id) => ({ organizationId: ctx.orgId, controlId, criterionId: id })),
    ...addObjectives.map((id) => ({ organizationId: ctx.orgId, controlId, objectiveId: id })),
  );
  await recordActivity(tx, ctx, {
    action: "control.mappings_changed",
    entityType: "control",
    entityId: controlId,
    before,
    after: { criterionIds: [...criterionIds].sort(), objectiveIds: [...objectiveIds].sort() },
  });
}

async function applyPlan(
  tx: Tx,
  ctx: OrgContext,
  loaded: Loaded,
  plan: ControlImportPlan,
): Promise<void> {
  const mappings: MappingPlan = { add: [], remove: [] };
  for (const control of plan.creates) {
    const { id } = await createControlInTx(tx, ctx, control.values);
    await replaceMappings(tx, ctx, loaded, id, control, mappings);
  }
  for (const control of plan.updates) {
    if (
      control.changes.some(
        (change) => change.column !== "criteria" && change.column !== "objectives",
      )
    ) {
      await updateControlInTx(tx, ctx, control.id, control.values);
    }
    await replaceMappings(tx, ctx, loaded, control.id, control, mappings);
  }
  for (const ids of chunks(mappings.remove))
    await tx.controlMapping.deleteMany({ where: { organizationId: ctx.orgId, id: { in: ids } } });
  for (const data of chunks(mappings.add)) await tx.controlMapping.createMany({ data });
  await recordActivity(tx, ctx, {
    action: "control.imported",
    entityType: "organization",
    entityId: ctx.orgId,
    after: {
      created: plan.creates.length,
      updated: plan.updates.length,
      unchanged: plan.unchanged,
    },
  });
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
      throw isUniqueViolation(error)
        ? new AppError(
            "CONFLICT",
            "Someone else changed the controls while the file was importing. Check the file again.",
          )
        : error;
    });
}

/** Every control with its owner's email and mappings, as CSV that imports into any organisation. */
export async function exportControlsCsv(ctx: OrgContext): Promise<string> {
  assertCan(ctx, "library.view");
  await ensureCatalog();
  const controls = await readControls(getDb(), ctx);
  return controlsToCsv(controls.map(({ existing }) => toControlCsvRow(existing)));
}
