import "server-only";
import { changedFields } from "@/lib/domain/activity-vocabulary";
import { AppError, notFound } from "@/lib/errors";
import type { ExceptionInput, UpdateExceptionInput } from "@/lib/schemas/evidence";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { assertNotFuture, assertReason } from "./evidence-checks";
import { assertControlVisible, engagementScope } from "./scope";
import { staleEdit } from "./versions";

/** The columns of an ExceptionRow, for every reader of exceptions. */
export const exceptionRowSelect = {
  id: true,
  date: true,
  description: true,
  severity: true,
  status: true,
  remediationNote: true,
  remediatedAt: true,
  version: true,
} as const;

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
    select: exceptionRowSelect,
  });
}

/** One exception with its control, for an edit made elsewhere than the control's page (the API). */
export async function getException(
  ctx: OrgContext,
  exceptionId: string,
): Promise<ExceptionRow & { controlId: string }> {
  assertCan(ctx, "org.view");
  const exception = await getDb().controlException.findFirst({
    where: { id: exceptionId, organizationId: ctx.orgId },
    select: { ...exceptionRowSelect, controlId: true },
  });
  if (!exception) throw notFound();
  await assertControlVisible(ctx, exception.controlId);
  return exception;
}

/** A context limited to engagements (an API token) reaches the exceptions of its controls only. */
async function assertExceptionVisible(ctx: OrgContext, exceptionId: string): Promise<void> {
  if (engagementScope(ctx) === null) return;
  const exception = await getDb().controlException.findFirst({
    where: { id: exceptionId, organizationId: ctx.orgId },
    select: { controlId: true },
  });
  if (!exception) throw notFound();
  await assertControlVisible(ctx, exception.controlId);
}

/** Records a deviation: the control did not operate as designed. Open ones block readiness. */
export async function recordException(
  ctx: OrgContext,
  input: ExceptionInput,
  now: Date = new Date(),
): Promise<{ id: string }> {
  assertCan(ctx, "evidence.edit");
  await assertControlVisible(ctx, input.controlId);
  return getDb().$transaction(async (tx) => {
    const control = await tx.control.findFirst({
      where: { id: input.controlId, organizationId: ctx.orgId },
      select: { id: true },
    });
    if (!control) throw notFound();
    await assertNotFuture(tx, ctx, { date: input.date }, now);
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
  await assertExceptionVisible(ctx, exceptionId);
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

const correctable = {
  id: true,
  controlId: true,
  date: true,
  description: true,
  severity: true,
  status: true,
  remediationNote: true,
  remediatedAt: true,
  version: true,
} as const;

/**
 * Corrects any field of an exception from the version it was loaded at; only what changed is
 * written and logged. Marking it remediated here stamps the time; reopening it clears the time.
 */
export async function updateException(
  ctx: OrgContext,
  input: UpdateExceptionInput,
  now: Date = new Date(),
): Promise<void> {
  assertCan(ctx, "evidence.edit");
  const { exceptionId, version } = input;
  await assertExceptionVisible(ctx, exceptionId);
  await getDb().$transaction(async (tx) => {
    const exception = await tx.controlException.findFirst({
      where: { id: exceptionId, organizationId: ctx.orgId },
      select: correctable,
    });
    if (!exception) throw notFound();
    if (exception.version !== version) throw await staleEdit(tx, ctx, "exception", exceptionId);
    await assertNotFuture(tx, ctx, { date: input.date }, now);
    const { id: _id, controlId, remediatedAt, version: _version, ...before } = exception;
    const after = {
      date: input.date,
      description: input.description,
      severity: input.severity,
      status: input.status,
      remediationNote: input.remediationNote ?? null,
    };
    const changes = changedFields(before, after);
    if (!Object.keys(changes).length) return;
    const { count } = await tx.controlException.updateMany({
      where: { id: exceptionId, organizationId: ctx.orgId, version },
      data: {
        ...after,
        remediatedAt: after.status === "remediated" ? (remediatedAt ?? now) : null,
        version: { increment: 1 },
      },
    });
    if (count !== 1) throw await staleEdit(tx, ctx, "exception", exceptionId);
    await recordActivity(
      tx,
      ctx,
      {
        action: "exception.updated",
        entityType: "exception",
        entityId: exceptionId,
        changes,
        context: { controlId },
      },
      now,
    );
  });
}

/** Deletes an exception recorded in error, if still at `version`, logging why and what it was. */
export async function deleteException(
  ctx: OrgContext,
  exceptionId: string,
  version: number,
  reason: string,
): Promise<void> {
  assertCan(ctx, "evidence.edit");
  assertReason(reason);
  await assertExceptionVisible(ctx, exceptionId);
  await getDb().$transaction(async (tx) => {
    const exception = await tx.controlException.findFirst({
      where: { id: exceptionId, organizationId: ctx.orgId },
      select: correctable,
    });
    if (!exception) throw notFound();
    if (exception.version !== version) throw await staleEdit(tx, ctx, "exception", exceptionId);
    const { count } = await tx.controlException.deleteMany({
      where: { id: exceptionId, organizationId: ctx.orgId, version },
    });
    if (count !== 1) throw await staleEdit(tx, ctx, "exception", exceptionId);
    await recordActivity(tx, ctx, {
      action: "exception.deleted",
      entityType: "exception",
      entityId: exceptionId,
      before: {
        controlId: exception.controlId,
        date: exception.date,
        description: exception.description,
        severity: exception.severity,
        status: exception.status,
        remediationNote: exception.remediationNote,
        reason,
      },
    });
  });
}
