import "server-only";
import { changedFields } from "@/lib/domain/activity-vocabulary";
import { notFound } from "@/lib/errors";
import type { UpdateEvidenceInput } from "@/lib/schemas/evidence";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { assertNotFuture, assertReason, assertSlotKey, assertTargets } from "./evidence-checks";
import { staleEdit } from "./versions";

// Corrections: evidence recorded with the wrong dates, purpose, occurrence or controls is
// edited or deleted, never silently; each change is logged with what it replaced.

const correctable = {
  id: true,
  kind: true,
  title: true,
  purpose: true,
  effectiveDate: true,
  coverageEnd: true,
  slotKey: true,
  eventId: true,
  note: true,
  url: true,
  fileId: true,
  version: true,
  controls: { select: { controlId: true } },
} as const;

/**
 * Saves a correction made from the version the item was loaded at. Only what changed is written
 * and logged; nothing changed leaves the item (and its version) as it was. A file's bytes stay.
 */
export async function updateEvidence(
  ctx: OrgContext,
  input: UpdateEvidenceInput,
  now: Date = new Date(),
): Promise<void> {
  assertCan(ctx, "evidence.edit");
  const { evidenceId, version } = input;
  await getDb().$transaction(async (tx) => {
    const evidence = await tx.evidence.findFirst({
      where: { id: evidenceId, organizationId: ctx.orgId },
      select: correctable,
    });
    if (!evidence) throw notFound();
    if (evidence.version !== version) throw await staleEdit(tx, ctx, "evidence", evidenceId);
    const controlIds = [...new Set(input.controlIds)].sort();
    await assertTargets(tx, ctx, controlIds, input.eventId);
    await assertSlotKey(tx, ctx, controlIds, input.slotKey);
    await assertNotFuture(tx, ctx, { effectiveDate: input.effectiveDate }, now);
    const before = {
      title: evidence.title,
      purpose: evidence.purpose,
      effectiveDate: evidence.effectiveDate,
      coverageEnd: evidence.coverageEnd,
      slotKey: evidence.slotKey,
      eventId: evidence.eventId,
      controlIds: evidence.controls.map((link) => link.controlId).sort(),
      note: evidence.note,
      url: evidence.url,
    };
    const after = {
      title: input.title,
      purpose: input.purpose,
      effectiveDate: input.effectiveDate,
      coverageEnd: input.coverageEnd ?? null,
      slotKey: input.slotKey ?? null,
      eventId: input.eventId ?? null,
      controlIds,
      note: evidence.kind === "note" ? (input.note ?? evidence.note) : evidence.note,
      url: evidence.kind === "link" ? (input.url ?? evidence.url) : evidence.url,
    };
    const changes = changedFields(before, after);
    if (!Object.keys(changes).length) return;
    const { controlIds: _links, ...fields } = after;
    const { count } = await tx.evidence.updateMany({
      where: { id: evidenceId, organizationId: ctx.orgId, version },
      data: { ...fields, version: { increment: 1 } },
    });
    if (count !== 1) throw await staleEdit(tx, ctx, "evidence", evidenceId);
    if (changes.controlIds) {
      const had = new Set(before.controlIds);
      const keep = new Set(controlIds);
      await tx.evidenceControl.deleteMany({
        where: {
          evidenceId,
          organizationId: ctx.orgId,
          controlId: { in: before.controlIds.filter((id) => !keep.has(id)) },
        },
      });
      await tx.evidenceControl.createMany({
        data: controlIds
          .filter((id) => !had.has(id))
          .map((controlId) => ({ evidenceId, controlId, organizationId: ctx.orgId })),
      });
    }
    await recordActivity(
      tx,
      ctx,
      {
        action: "evidence.updated",
        entityType: "evidence",
        entityId: evidenceId,
        changes,
        context: { kind: evidence.kind },
      },
      now,
    );
  });
}

/**
 * Removes an evidence item, if it is still at the `version` the user confirmed (linked to no
 * more controls than they were shown), logging why and what it was. Its file row goes too when
 * no other evidence uses it; the bytes are then unreferenced and the daily orphan sweep removes
 * them (never sooner, so an upload of the same file meanwhile keeps them).
 */
export async function deleteEvidence(
  ctx: OrgContext,
  evidenceId: string,
  version: number,
  reason: string,
): Promise<void> {
  assertCan(ctx, "evidence.edit");
  assertReason(reason);
  await getDb().$transaction(async (tx) => {
    const evidence = await tx.evidence.findFirst({
      where: { id: evidenceId, organizationId: ctx.orgId },
      select: correctable,
    });
    if (!evidence) throw notFound();
    if (evidence.version !== version) throw await staleEdit(tx, ctx, "evidence", evidenceId);
    const { count } = await tx.evidence.deleteMany({
      where: { id: evidence.id, organizationId: ctx.orgId, version },
    });
    if (count !== 1) throw await staleEdit(tx, ctx, "evidence", evidenceId);
    if (
      evidence.fileId &&
      (await tx.evidence.count({ where: { fileId: evidence.fileId } })) === 0
    ) {
      await tx.storedFile.delete({ where: { id: evidence.fileId } });
    }
    await recordActivity(tx, ctx, {
      action: "evidence.deleted",
      entityType: "evidence",
      entityId: evidence.id,
      before: {
        title: evidence.title,
        kind: evidence.kind,
        purpose: evidence.purpose,
        effectiveDate: evidence.effectiveDate,
        coverageEnd: evidence.coverageEnd,
        slotKey: evidence.slotKey,
        fileId: evidence.fileId,
        controlIds: evidence.controls.map((c) => c.controlId),
        reason,
      },
    });
  });
}
