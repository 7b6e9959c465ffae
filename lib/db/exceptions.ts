import "server-only";
import { AppError, notFound } from "@/lib/errors";
import type { ExceptionInput } from "@/lib/schemas/evidence";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { assertControlVisible } from "./scope";

export type ExceptionRow = { id: string; date: string; description: string; severity: string; status: string; remediationNote: string | null; remediatedAt: Date | null };

export async function listControlExceptions(ctx: OrgContext, controlId: string): Promise<ExceptionRow[]> {
  assertCan(ctx, "org.view");
  await assertControlVisible(ctx, controlId);
  const control = await getDb().control.findFirst({ where: { id: controlId, organizationId: ctx.orgId }, select: { id: true } });
  if (!control) throw notFound();
  return getDb().controlException.findMany({
    where: { organizationId: ctx.orgId, controlId },
    orderBy: [{ status: "asc" }, { date: "desc" }],
    select: { id: true, date: true, description: true, severity: true, status: true, remediationNote: true, remediatedAt: true },
  });
}

/** Records a deviation: the control did not operate as designed. Open ones block readiness. */
export async function recordException(ctx: OrgContext, input: ExceptionInput): Promise<{ id: string }> {
  assertCan(ctx, "evidence.edit");
  return getDb().$transaction(async (tx) => {
    const control = await tx.control.findFirst({ where: { id: input.controlId, organizationId: ctx.orgId }, select: { id: true } });
    if (!control) throw notFound();
    const created = await tx.controlException.create({
      data: { organizationId: ctx.orgId, controlId: control.id, date: input.date, description: input.description, severity: input.severity, status: "open" },
      select: { id: true },
    });
    await recordActivity(tx, ctx, { action: "exception.recorded", entityType: "exception", entityId: created.id, after: { controlId: control.id, date: input.date, severity: input.severity, description: input.description } });
    return created;
  });
}

export async function remediateException(ctx: OrgContext, exceptionId: string, remediationNote: string, now: Date = new Date()): Promise<void> {
  assertCan(ctx, "evidence.edit");
  await getDb().$transaction(async (tx) => {
    const exception = await tx.controlException.findFirst({ where: { id: exceptionId, organizationId: ctx.orgId }, select: { id: true, status: true } });
    if (!exception) throw notFound();
    if (exception.status === "remediated") throw new AppError("CONFLICT", "This exception is already remediated.");
    // Conditional on still being open: of two simultaneous remediations only one goes through.
    const { count } = await tx.controlException.updateMany({ where: { id: exception.id, status: "open" }, data: { status: "remediated", remediationNote, remediatedAt: now } });
    if (count !== 1) throw new AppError("CONFLICT", "This exception is already remediated.");
    await recordActivity(tx, ctx, { action: "exception.remediated", entityType: "exception", entityId: exception.id, before: { status: "open" }, after: { status: "remediated", remediationNote } }, now);
  });
}
