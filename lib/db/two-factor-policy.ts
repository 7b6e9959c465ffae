import "server-only";
import { isRole, type Role } from "@/lib/domain/permissions";
import { AppError } from "@/lib/errors";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";

// The organisation setting "members must use two-factor". Until a member has enrolled, every
// page of every organisation they belong to sends them to enrolment, and actions and routes
// answer FORBIDDEN (lib/auth/session.ts, lib/server).

/** Names of the user's organisations that require two-factor, in alphabetical order. */
export async function twoFactorRequiredBy(userId: string): Promise<string[]> {
  const memberships = await getDb().membership.findMany({
    where: { userId, organization: { requireTwoFactor: true } },
    select: { organization: { select: { name: true } } },
    orderBy: { organization: { name: "asc" } },
  });
  return memberships.map((membership) => membership.organization.name);
}

/** The organisation requiring two-factor of a user who has not enrolled, if any (one query). */
export async function enrolmentRequiredBy(userId: string): Promise<string | null> {
  const user = await getDb().user.findUnique({
    where: { id: userId },
    select: {
      totpEnabledAt: true,
      memberships: {
        where: { organization: { requireTwoFactor: true } },
        select: { organization: { select: { name: true } } },
        take: 1,
      },
    },
  });
  if (!user || user.totpEnabledAt) return null;
  return user.memberships[0]?.organization.name ?? null;
}

type TwoFactorPolicy = {
  required: boolean;
  /** Members who have not turned two-factor on, by name. */
  notEnrolled: { name: string; email: string; role: Role }[];
};

export async function getTwoFactorPolicy(ctx: OrgContext): Promise<TwoFactorPolicy> {
  assertCan(ctx, "org.update");
  const db = getDb();
  const [org, memberships] = await Promise.all([
    db.organization.findUniqueOrThrow({
      where: { id: ctx.orgId },
      select: { requireTwoFactor: true },
    }),
    db.membership.findMany({
      where: { organizationId: ctx.orgId, user: { totpEnabledAt: null } },
      select: { role: true, user: { select: { name: true, email: true } } },
      orderBy: { user: { name: "asc" } },
    }),
  ]);
  const notEnrolled = memberships.flatMap(({ role, user }) =>
    isRole(role) ? [{ name: user.name, email: user.email, role }] : [],
  );
  return { required: org.requireTwoFactor, notEnrolled };
}

/**
 * Turns the requirement on or off (logged). The admin turning it on must have enrolled first,
 * so they cannot send themselves to enrolment from their own settings page.
 */
export async function setRequireTwoFactor(
  ctx: OrgContext,
  required: boolean,
  now: Date = new Date(),
): Promise<void> {
  assertCan(ctx, "org.update");
  const db = getDb();
  if (required) {
    const me = await db.user.findUniqueOrThrow({
      where: { id: ctx.userId },
      select: { totpEnabledAt: true },
    });
    if (!me.totpEnabledAt)
      throw new AppError(
        "CONFLICT",
        "Turn on two-factor for your own account first (Account → Two-factor).",
      );
  }
  await db.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({
      where: { id: ctx.orgId },
      select: { requireTwoFactor: true },
    });
    if (before.requireTwoFactor === required) return;
    await tx.organization.update({
      where: { id: ctx.orgId },
      data: { requireTwoFactor: required },
    });
    await recordActivity(
      tx,
      ctx,
      {
        action: "organization.two_factor_requirement_changed",
        entityType: "organization",
        entityId: ctx.orgId,
        before,
        after: { requireTwoFactor: required },
      },
      now,
    );
  });
}
