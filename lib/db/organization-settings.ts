import "server-only";
import { changedFields } from "@/lib/domain/activity-vocabulary";
import type { ReadinessSettingsInput } from "@/lib/schemas/organization";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { staleEdit } from "./versions";

export type ReadinessSettings = {
  timeZone: string;
  defaultGraceDays: number;
  freshnessDays: number;
  version: number;
};

/** What decides the organisation's "today", a new control's grace days and design freshness. */
export async function getReadinessSettings(ctx: OrgContext): Promise<ReadinessSettings> {
  assertCan(ctx, "org.view");
  return getDb().organization.findUniqueOrThrow({
    where: { id: ctx.orgId },
    select: { timeZone: true, defaultGraceDays: true, freshnessDays: true, version: true },
  });
}

/**
 * Saves the readiness settings from the form loaded at `input.version` (the organisation's
 * version, shared with its name: a rename since is a CONFLICT too). Only changed fields are logged.
 */
export async function updateReadinessSettings(
  ctx: OrgContext,
  input: ReadinessSettingsInput,
): Promise<void> {
  assertCan(ctx, "org.update");
  const { version, ...values } = input;
  await getDb().$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({
      where: { id: ctx.orgId },
      select: { timeZone: true, defaultGraceDays: true, freshnessDays: true, version: true },
    });
    if (before.version !== version) throw await staleEdit(tx, ctx, "organization", ctx.orgId);
    const { version: _version, ...previous } = before;
    const changes = changedFields(previous, values);
    if (!Object.keys(changes).length) return;
    const { count } = await tx.organization.updateMany({
      where: { id: ctx.orgId, version },
      data: { ...values, version: { increment: 1 } },
    });
    if (count !== 1) throw await staleEdit(tx, ctx, "organization", ctx.orgId);
    await recordActivity(tx, ctx, {
      action: "organization.settings_changed",
      entityType: "organization",
      entityId: ctx.orgId,
      changes,
    });
  });
}
