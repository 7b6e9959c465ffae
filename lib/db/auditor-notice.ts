import "server-only";
import { accessNotice } from "@/lib/domain/auditor-access";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { organizationTimeZone } from "./time-zone";

export type AccessNotice = NonNullable<ReturnType<typeof accessNotice>>;

/**
 * What an auditor is told on every page: the engagements they may read and until when, in the
 * organisation's time zone. Team members (and API tokens) get null: their access does not end.
 */
export async function myAccessNotice(ctx: OrgContext, now: Date): Promise<AccessNotice | null> {
  assertCan(ctx, "org.view");
  if (ctx.role !== "auditor" || ctx.apiTokenId) return null;
  const [grants, timeZone] = await Promise.all([
    getDb().auditorAccess.findMany({
      where: { organizationId: ctx.orgId, userId: ctx.userId, revokedAt: null },
      select: { expiresAt: true, revokedAt: true, engagement: { select: { name: true } } },
    }),
    organizationTimeZone(ctx),
  ]);
  return accessNotice(
    grants.map(({ engagement, ...grant }) => ({ engagementName: engagement.name, ...grant })),
    timeZone,
    now,
  );
}
