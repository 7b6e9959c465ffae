import "server-only";
import { AppError, notFound } from "@/lib/errors";
import { parsePopulationCsv, type PopulationProblem } from "@/lib/domain/population-csv";
import type { PopulationEventInput } from "@/lib/schemas/evidence";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb, type Tx } from "./client";
import type { OrgContext } from "./context";
import { isUniqueViolation } from "./prisma-errors";
import { assertControlVisible, engagementScope } from "./scope";

export type PopulationEventRow = {
  id: string;
  date: string;
  reference: string;
  description: string;
  evidenceCount: number;
};

async function findControl(tx: Tx, ctx: OrgContext, controlId: string) {
  const control = await tx.control.findFirst({
    where: { id: controlId, organizationId: ctx.orgId },
    select: { id: true, frequency: true },
  });
  if (!control) throw notFound();
  if (control.frequency !== "event_driven")
    throw new AppError("VALIDATION", "Only event-driven controls have a population of events.");
  return control;
}

export async function listPopulation(
  ctx: OrgContext,
  controlId: string,
): Promise<PopulationEventRow[]> {
  assertCan(ctx, "org.view");
  await assertControlVisible(ctx, controlId);
  const control = await getDb().control.findFirst({
    where: { id: controlId, organizationId: ctx.orgId },
    select: { id: true },
  });
  if (!control) throw notFound();
  const rows = await getDb().populationEvent.findMany({
    where: { organizationId: ctx.orgId, controlId },
    orderBy: [{ date: "asc" }, { reference: "asc" }],
    select: {
      id: true,
      date: true,
      reference: true,
      description: true,
      _count: { select: { evidence: true } },
    },
  });
  return rows.map(({ _count, ...row }) => ({ ...row, evidenceCount: _count.evidence }));
}

const duplicate = (reference: string) =>
  new AppError(
    "CONFLICT",
    `An event with reference "${reference}" already exists for this control.`,
    { reference: ["This reference is already in the population."] },
  );

export async function addPopulationEvent(
  ctx: OrgContext,
  input: PopulationEventInput,
): Promise<{ id: string }> {
  assertCan(ctx, "evidence.edit");
  await assertControlVisible(ctx, input.controlId);
  return getDb()
    .$transaction(async (tx) => {
      const control = await findControl(tx, ctx, input.controlId);
      const created = await tx.populationEvent.create({
        data: {
          organizationId: ctx.orgId,
          controlId: control.id,
          date: input.date,
          reference: input.reference,
          description: input.description,
        },
        select: { id: true },
      });
      await recordActivity(tx, ctx, {
        action: "population.event_added",
        entityType: "control",
        entityId: control.id,
        after: { eventId: created.id, date: input.date, reference: input.reference },
      });
      return created;
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? duplicate(input.reference) : error;
    });
}

export type PopulationImportResult = {
  added: number;
  skipped: number;
  problems: PopulationProblem[];
};

/** Adds a pasted or uploaded population in one transaction; any bad row means nothing is added. */
export async function importPopulation(
  ctx: OrgContext,
  controlId: string,
  csv: string,
): Promise<PopulationImportResult> {
  assertCan(ctx, "evidence.edit");
  const { rows, problems } = parsePopulationCsv(csv);
  if (problems.length) return { added: 0, skipped: 0, problems };
  return getDb().$transaction(
    async (tx) => {
      const control = await findControl(tx, ctx, controlId);
      const existing = new Set(
        (
          await tx.populationEvent.findMany({
            where: { controlId: control.id },
            select: { reference: true },
          })
        ).map((e) => e.reference),
      );
      const fresh = rows.filter((row) => !existing.has(row.reference));
      await tx.populationEvent.createMany({
        data: fresh.map((row) => ({ organizationId: ctx.orgId, controlId: control.id, ...row })),
      });
      await recordActivity(tx, ctx, {
        action: "population.imported",
        entityType: "control",
        entityId: control.id,
        after: { added: fresh.length, skipped: rows.length - fresh.length },
      });
      return { added: fresh.length, skipped: rows.length - fresh.length, problems: [] };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

export async function deletePopulationEvent(ctx: OrgContext, eventId: string): Promise<void> {
  assertCan(ctx, "evidence.edit");
  if (engagementScope(ctx) !== null) {
    const event = await getDb().populationEvent.findFirst({
      where: { id: eventId, organizationId: ctx.orgId },
      select: { controlId: true },
    });
    if (!event) throw notFound();
    await assertControlVisible(ctx, event.controlId);
  }
  await getDb().$transaction(async (tx) => {
    const event = await tx.populationEvent.findFirst({
      where: { id: eventId, organizationId: ctx.orgId },
      select: { id: true, controlId: true, date: true, reference: true },
    });
    if (!event) throw notFound();
    await tx.populationEvent.delete({ where: { id: event.id } });
    await recordActivity(tx, ctx, {
      action: "population.event_removed",
      entityType: "control",
      entityId: event.controlId,
      before: { eventId: event.id, date: event.date, reference: event.reference },
    });
  });
}
