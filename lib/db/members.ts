import "server-only";
import {
  canAssignRole,
  canRemoveMember,
  isRole,
  type MemberRole,
  type Role,
} from "@/lib/domain/permissions";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb, type Tx } from "./client";
import { lockOrganization } from "./organization-lock";
import type { OrgContext } from "./context";
import { staleEdit } from "./versions";

export type MemberRow = {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
  version: number;
};

export async function listMembers(ctx: OrgContext): Promise<MemberRow[]> {
  assertCan(ctx, "member.view");
  const memberships = await getDb().membership.findMany({
    where: { organizationId: ctx.orgId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      role: true,
      createdAt: true,
      version: true,
      user: { select: { id: true, name: true, email: true } },
    },
  });
  return memberships.flatMap(({ id, role, createdAt, version, user }) =>
    isRole(role)
      ? [
          {
            membershipId: id,
            userId: user.id,
            name: user.name,
            email: user.email,
            role,
            joinedAt: createdAt,
            version,
          },
        ]
      : [],
  );
}

/** The membership as it is now, if it is still at the `version` the page showed. */
async function findMembership(tx: Tx, ctx: OrgContext, membershipId: string, version: number) {
  await lockOrganization(tx, ctx);
  const membership = await tx.membership.findFirst({
    where: { id: membershipId, organizationId: ctx.orgId },
    select: { id: true, role: true, userId: true, version: true },
  });
  if (!membership || !isRole(membership.role)) throw notFound();
  if (membership.version !== version) throw await staleEdit(tx, ctx, "membership", membershipId);
  return { ...membership, role: membership.role };
}

async function assertAnotherOwnerRemains(tx: Tx, ctx: OrgContext, message: string): Promise<void> {
  const owners = await tx.membership.count({ where: { organizationId: ctx.orgId, role: "owner" } });
  if (owners <= 1) throw new AppError("CONFLICT", message);
}

export async function changeMemberRole(
  ctx: OrgContext,
  membershipId: string,
  role: MemberRole,
  version: number,
): Promise<void> {
  assertCan(ctx, "member.manage");
  await getDb().$transaction(async (tx) => {
    const membership = await findMembership(tx, ctx, membershipId, version);
    if (membership.role === role) return;
    if (!canAssignRole(ctx.role, membership.role, role))
      throw forbidden("Only an owner can grant or change the owner role.");
    if (membership.role === "owner") {
      await assertAnotherOwnerRemains(
        tx,
        ctx,
        "An organisation needs at least one owner. Make someone else an owner first.",
      );
    }
    const { count } = await tx.membership.updateMany({
      where: { id: membership.id, organizationId: ctx.orgId, version },
      data: { role, version: { increment: 1 } },
    });
    if (count !== 1) throw await staleEdit(tx, ctx, "membership", membershipId);
    await recordActivity(tx, ctx, {
      action: "member.role_changed",
      entityType: "membership",
      entityId: membership.id,
      before: { userId: membership.userId, role: membership.role },
      after: { userId: membership.userId, role },
    });
  });
}

export async function removeMember(
  ctx: OrgContext,
  membershipId: string,
  version: number,
): Promise<void> {
  assertCan(ctx, "member.manage");
  await getDb().$transaction(async (tx) => {
    const membership = await findMembership(tx, ctx, membershipId, version);
    if (!canRemoveMember(ctx.role, membership.role))
      throw forbidden("Only an owner can remove an owner.");
    if (membership.role === "owner") {
      await assertAnotherOwnerRemains(
        tx,
        ctx,
        "An organisation needs at least one owner. Make someone else an owner first.",
      );
    }
    const { count } = await tx.membership.deleteMany({
      where: { id: membership.id, organizationId: ctx.orgId, version },
    });
    if (count !== 1) throw await staleEdit(tx, ctx, "membership", membershipId);
    await recordActivity(tx, ctx, {
      action: "member.removed",
      entityType: "membership",
      entityId: membership.id,
      before: { userId: membership.userId, role: membership.role },
    });
  });
}
