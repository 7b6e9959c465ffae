import "server-only";
import { isDigestFrequency, type DigestFrequency } from "@/lib/domain/digest";
import { forbidden, notFound } from "@/lib/errors";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { staleEdit } from "./versions";

// The asking member's own reminder settings in this organisation: how often the digest comes.
// An edit carries the membership's version (lib/db/versions.ts), like every other edit.

export type ReminderSettings = { digestFrequency: DigestFrequency; version: number };

const mine = (ctx: OrgContext) => ({ organizationId: ctx.orgId, userId: ctx.userId });

export async function getReminderSettings(ctx: OrgContext): Promise<ReminderSettings> {
  assertCan(ctx, "org.view");
  const membership = await getDb().membership.findFirst({
    where: mine(ctx),
    select: { digestFrequency: true, version: true },
  });
  if (!membership) throw notFound();
  const { digestFrequency, version } = membership;
  return { digestFrequency: isDigestFrequency(digestFrequency) ? digestFrequency : "off", version };
}

export async function setDigestFrequency(
  ctx: OrgContext,
  digestFrequency: DigestFrequency,
  version: number,
): Promise<void> {
  assertCan(ctx, "org.view");
  // Outside auditors get no digest (nothing of theirs is due): the choice is not theirs to make.
  if (ctx.role === "auditor") throw forbidden();
  await getDb().$transaction(async (tx) => {
    const { count } = await tx.membership.updateMany({
      where: { ...mine(ctx), version },
      data: { digestFrequency, version: { increment: 1 } },
    });
    if (count === 1) return;
    const membership = await tx.membership.findFirst({ where: mine(ctx), select: { id: true } });
    if (!membership) throw notFound();
    throw await staleEdit(tx, ctx, "membership", membership.id);
  });
}
