import "server-only";
import type { ActivityAction, ActivityPayloads } from "@/lib/domain/activity-vocabulary";
import { recordActivity } from "./activity";
import type { Tx } from "./client";

type AccountAction = Extract<ActivityAction, `user.${string}`>;
type AccountEvent = {
  [A in AccountAction]: { action: A } & Omit<ActivityPayloads[A], "entityType" | "entityId">;
}[AccountAction];

/**
 * Account events (password changed or reset, signed out everywhere) belong to no organisation,
 * yet each organisation's reviewers should see them: they are appended to the activity log of
 * every organisation the user belongs to, in the caller's transaction. A user with no
 * organisation leaves no entry.
 */
export async function recordAccountActivity(
  tx: Tx,
  userId: string,
  event: AccountEvent,
  now: Date,
  actorId: string | null = userId,
): Promise<void> {
  const memberships = await tx.membership.findMany({
    where: { userId },
    select: { organizationId: true },
    orderBy: { organizationId: "asc" },
  });
  for (const { organizationId } of memberships) {
    await recordActivity(
      tx,
      { orgId: organizationId, userId: actorId },
      { ...event, entityType: "user", entityId: userId },
      now,
    );
  }
}
