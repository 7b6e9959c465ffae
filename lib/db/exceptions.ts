import "server-only";
import { AppError, notFound } from "@/lib/errors";
import type { ExceptionInput } from "@/lib/schemas/evidence";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { assertControlVisible } from "./scope";
import { staleEdit } from "./versions";

export type ExceptionRow = {
  id: string;
  date: string;
  description: string;
  severity: string;
  status: string;
  remediationNote: string | null;
  remediatedAt: Date | null;
  version: number;
};

export async function listControlExceptions(
  ctx: OrgContext,
  controlId: string,
): Promise<ExceptionRow[]> {
  assertCan(ctx, "org.view");
  await assertControlVisible(ctx, controlId);
  const control = await getDb().control.findFirst({
    where: { id: controlId, organizationId: ctx.orgId },
    select: { id: true },
  });
  if (!control) throw notFound();
  return getDb().controlException.findMany({
    where: { organizationId: ctx.orgId, controlId },
    orderBy: [{ status: "asc" }, { date: "desc" }],
    select: {
      id: true,
      date: true,
      description: true,
      severity: true,
      status: true,
      remediationNote: true,
      remediatedAt: true,
      version: true,
    },
  });
}

/** Records a deviation: the control did not operate as designed. Open ones block readiness. */
export async function recordException(
  ctx: OrgContext,
  input: ExceptionInput,
): Promise<{ id: string }> {
  assertCan(ctx, "evidence.edit");
  return getDb().$transaction(async (tx) => {
    const control = await tx.control.findFirst({
      where: { id: input.controlId, organizationId: ctx.orgId },
      select: { id: true },
    });
    if (!control) throw notFound();
    const created = await tx.controlException.create({
      data: {
        organizationId: ctx.orgId,
        controlId: control.id,
        date: input.date,
        description: input.description,
        severity: input.severity,
        status: "open",
      },
      select: { id: true },
    });
    await recordActivity(tx, ctx, {
      action: "exception.recorded",
      entityType: "exception",
      entityId: created.id,
      after: {
        controlId: control.id,
        date: input.date,
        severity: input.severity,
        description: input.description,
      },
    });
    return created;
  });
}

/** Closes an open exception; `version` is the one it was shown at (of two remediations, one lands). */
export async function remediateException(
  ctx: OrgContext,
  exceptionId: string,
  remediationNote: string,
  version: number,
  now: Date = new Date(),
): Promise<void> {
  assertCan(ctx, "evidence.edit");
  await getDb().$transaction(async (tx) => {
    const exception = await tx.controlException.findFirst({
      where: { id: exceptionId, organizationId: ctx.orgId },
      select: { id: true, status: true, version: true },
    });
    if (!exception) throw notFound();
    if (exception.version !== version) throw await staleEdit(tx, ctx, "exception", exceptionId);
    if (exception.status === "remediated")
      throw new AppError("CONFLICT", "This exception is already remediated.");
    const { count } = await tx.controlException.updateMany({
      where: { id: exception.id, organizationId: ctx.orgId, version, status: "open" },
      data: { status: "remediated", remediationNote, remediatedAt: now, version: { increment: 1 } },
    });
    if (count !== 1) throw await staleEdit(tx, ctx, "exception", exceptionId);
    await recordActivity(
      tx,
      ctx,
      {
        action: "exception.remediated",
        entityType: "exception",
        entityId: exception.id,
        before: { status: "open" },
        after: { status: "remediated", remediationNote },
      },
      now,
    );
  });
}
