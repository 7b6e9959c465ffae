import "server-only";
import {
  invitationExpiry,
  invitationState,
  normalizeEmail,
  type InvitationState,
} from "@/lib/domain/invitations";
import { canAssignRole, isRole, type Role } from "@/lib/domain/permissions";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { CreateInvitationInput } from "@/lib/schemas/organization";
import { recordActivity } from "./activity";
import { grantAuditorAccessInTx } from "./auditor-access";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext, UserContext } from "./context";
import { hashLinkToken, newLinkToken } from "./link-tokens";

export type CreatedInvitation = {
  id: string;
  token: string;
  email: string;
  role: Role;
  expiresAt: Date;
};

/** Creates a single-use invitation. The token is returned once and only its hash is stored. */
export async function createInvitation(
  ctx: OrgContext,
  input: CreateInvitationInput,
  now: Date = new Date(),
): Promise<CreatedInvitation> {
  assertCan(ctx, "member.invite");
  if (!canAssignRole(ctx.role, null, input.role))
    throw forbidden("Only an owner can invite another owner.");
  const email = normalizeEmail(input.email);
  const { token, tokenHash } = newLinkToken();
  const expiresAt = invitationExpiry(now);
  return getDb().$transaction(async (tx) => {
    const alreadyMember = await tx.membership.findFirst({
      where: { organizationId: ctx.orgId, user: { email } },
      select: { id: true },
    });
    if (alreadyMember)
      throw new AppError("CONFLICT", "That person is already a member.", {
        email: ["That person is already a member."],
      });
    const invitation = await tx.invitation.create({
      data: {
        organizationId: ctx.orgId,
        email,
        role: input.role,
        tokenHash,
        expiresAt,
        createdById: ctx.userId,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordActivity(
      tx,
      ctx,
      {
        action: "invitation.created",
        entityType: "invitation",
        entityId: invitation.id,
        after: { email, role: input.role, expiresAt: expiresAt.toISOString() },
      },
      now,
    );
    return { id: invitation.id, token, email, role: input.role, expiresAt };
  });
}

export type InvitationRow = {
  id: string;
  email: string;
  role: string;
  state: InvitationState;
  expiresAt: Date;
  createdAt: Date;
  invitedBy: string;
};

export async function listInvitations(
  ctx: OrgContext,
  now: Date = new Date(),
): Promise<InvitationRow[]> {
  assertCan(ctx, "member.invite");
  const invitations = await getDb().invitation.findMany({
    where: { organizationId: ctx.orgId, acceptedAt: null, revokedAt: null },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      createdAt: true,
      acceptedAt: true,
      revokedAt: true,
      createdBy: { select: { name: true } },
    },
  });
  return invitations.map(({ createdBy, acceptedAt, revokedAt, ...row }) => ({
    ...row,
    state: invitationState({ acceptedAt, revokedAt, expiresAt: row.expiresAt }, now),
    invitedBy: createdBy.name,
  }));
}

export async function revokeInvitation(
  ctx: OrgContext,
  invitationId: string,
  now: Date = new Date(),
): Promise<void> {
  assertCan(ctx, "member.invite");
  await getDb().$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: { id: invitationId, organizationId: ctx.orgId },
      select: {
        id: true,
        email: true,
        role: true,
        acceptedAt: true,
        revokedAt: true,
        expiresAt: true,
      },
    });
    if (!invitation) throw notFound();
    if (invitationState(invitation, now) === "accepted")
      throw new AppError("CONFLICT", "This invitation has already been accepted.");
    if (invitation.revokedAt) return;
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: now } });
    await recordActivity(
      tx,
      ctx,
      {
        action: "invitation.revoked",
        entityType: "invitation",
        entityId: invitation.id,
        before: { email: invitation.email, role: invitation.role },
      },
      now,
    );
  });
}

export type InvitationPreview = {
  orgName: string;
  orgSlug: string;
  email: string;
  role: string;
  state: InvitationState;
};

/** What the invitation page shows to whoever holds the link; null when the token is unknown. */
export async function previewInvitation(
  token: string,
  now: Date = new Date(),
): Promise<InvitationPreview | null> {
  const invitation = await getDb().invitation.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: {
      email: true,
      role: true,
      acceptedAt: true,
      revokedAt: true,
      expiresAt: true,
      organization: { select: { name: true, slug: true } },
    },
  });
  if (!invitation) return null;
  return {
    orgName: invitation.organization.name,
    orgSlug: invitation.organization.slug,
    email: invitation.email,
    role: invitation.role,
    state: invitationState(invitation, now),
  };
}

const REFUSALS: Record<Exclude<InvitationState, "pending">, string> = {
  accepted: "This invitation has already been used.",
  revoked: "This invitation was revoked. Ask an admin for a new one.",
  expired: "This invitation has expired. Ask an admin for a new one.",
};

/** Accepts an invitation for the signed-in user, whose email must match it. */
export async function acceptInvitation(
  user: UserContext,
  token: string,
  now: Date = new Date(),
): Promise<{ orgSlug: string }> {
  return getDb().$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({
      where: { tokenHash: hashLinkToken(token) },
      select: {
        id: true,
        organizationId: true,
        email: true,
        role: true,
        acceptedAt: true,
        revokedAt: true,
        expiresAt: true,
        engagementIds: true,
        accessExpiresAt: true,
        createdById: true,
        organization: { select: { slug: true } },
      },
    });
    if (!invitation || !isRole(invitation.role)) throw notFound();
    const state = invitationState(invitation, now);
    if (state !== "pending") throw new AppError("CONFLICT", REFUSALS[state]);
    if (normalizeEmail(user.email) !== invitation.email) {
      throw new AppError(
        "FORBIDDEN",
        `This invitation was sent to ${invitation.email}. Sign in with that address to accept it.`,
      );
    }
    // Claim the invitation first: of two concurrent accepts only one updates a pending row.
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null },
      data: { acceptedAt: now, acceptedById: user.userId },
    });
    if (claimed.count !== 1) throw new AppError("CONFLICT", REFUSALS.accepted);
    const actor = { orgId: invitation.organizationId, userId: user.userId };
    const existing = await tx.membership.findUnique({
      where: {
        organizationId_userId: { organizationId: invitation.organizationId, userId: user.userId },
      },
      select: { id: true, role: true },
    });
    if (existing && invitation.role === "auditor" && existing.role !== "auditor") {
      throw new AppError(
        "CONFLICT",
        "You are already a team member of this organisation, so you see every engagement.",
      );
    }
    if (!existing) {
      const membership = await tx.membership.create({
        data: {
          organizationId: invitation.organizationId,
          userId: user.userId,
          role: invitation.role,
        },
        select: { id: true },
      });
      await recordActivity(
        tx,
        actor,
        {
          action: "member.added",
          entityType: "membership",
          entityId: membership.id,
          after: { userId: user.userId, role: invitation.role, invitationId: invitation.id },
        },
        now,
      );
    }
    if (invitation.role === "auditor")
      await grantAuditorAccessInTx(tx, invitation, user.userId, now);
    await recordActivity(
      tx,
      actor,
      {
        action: "invitation.accepted",
        entityType: "invitation",
        entityId: invitation.id,
        after: { email: invitation.email },
      },
      now,
    );
    return { orgSlug: invitation.organization.slug };
  });
}
