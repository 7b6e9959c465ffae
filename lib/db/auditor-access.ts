import "server-only";
import { canonicalJson } from "@/lib/domain/canonical-json";
import {
  accessEndProblem,
  accessExpiresAt,
  accessLastDay,
  accessState,
  type AccessState,
} from "@/lib/domain/auditor-access";
import { todayIn } from "@/lib/domain/time-zone";
import {
  invitationExpiry,
  invitationState,
  normalizeEmail,
  type InvitationState,
} from "@/lib/domain/invitations";
import { AppError, notFound } from "@/lib/errors";
import type { InviteAuditorInput } from "@/lib/schemas/auditor";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb, type Tx } from "./client";
import type { OrgContext } from "./context";
import { newLinkToken } from "./link-tokens";
import { organizationTimeZone } from "./time-zone";

export type CreatedAuditorInvitation = {
  id: string;
  token: string;
  email: string;
  expiresAt: Date;
  engagementNames: string[];
  lastDay: string;
};

/**
 * Invites an outside auditor to chosen engagements until `lastDay`. The link is single-use and
 * expires like any invitation; accepting it creates the auditor's membership and access.
 */
export async function inviteAuditor(
  ctx: OrgContext,
  input: InviteAuditorInput,
  now: Date = new Date(),
): Promise<CreatedAuditorInvitation> {
  assertCan(ctx, "auditor.manage");
  const timeZone = await organizationTimeZone(ctx);
  const problem = accessEndProblem(input.lastDay, todayIn(timeZone, now));
  if (problem) throw new AppError("VALIDATION", problem, { lastDay: [problem] });
  const email = normalizeEmail(input.email);
  const engagementIds = [...new Set(input.engagementIds)];
  const { token, tokenHash } = newLinkToken();
  const expiresAt = invitationExpiry(now);
  return getDb().$transaction(async (tx) => {
    const engagements = await tx.engagement.findMany({
      where: { organizationId: ctx.orgId, id: { in: engagementIds }, archivedAt: null },
      select: { id: true, name: true },
    });
    if (engagements.length !== engagementIds.length) throw notFound();
    const member = await tx.membership.findFirst({
      where: { organizationId: ctx.orgId, user: { email } },
      select: { role: true },
    });
    if (member && member.role !== "auditor") {
      const message = "That person is a team member and already sees every engagement.";
      throw new AppError("CONFLICT", message, { email: [message] });
    }
    const invitation = await tx.invitation.create({
      data: {
        organizationId: ctx.orgId,
        email,
        role: "auditor",
        tokenHash,
        expiresAt,
        createdById: ctx.userId,
        createdAt: now,
        engagementIds: JSON.stringify(engagementIds),
        accessExpiresAt: accessExpiresAt(input.lastDay, timeZone),
      },
      select: { id: true },
    });
    await recordActivity(
      tx,
      ctx,
      {
        action: "auditor.invited",
        entityType: "invitation",
        entityId: invitation.id,
        after: { email, engagementIds, lastDay: input.lastDay },
      },
      now,
    );
    return {
      id: invitation.id,
      token,
      email,
      expiresAt,
      engagementNames: engagements.map((engagement) => engagement.name),
      lastDay: input.lastDay,
    };
  });
}

/** Called by acceptInvitation for an auditor invitation: gives (or renews) access to each engagement. */
export async function grantAuditorAccessInTx(
  tx: Tx,
  invitation: {
    id: string;
    organizationId: string;
    engagementIds: string | null;
    accessExpiresAt: Date | null;
    createdById: string;
  },
  userId: string,
  now: Date,
): Promise<void> {
  const wanted = JSON.parse(invitation.engagementIds ?? "[]") as string[];
  if (!invitation.accessExpiresAt || wanted.length === 0) return;
  const engagements = await tx.engagement.findMany({
    where: { organizationId: invitation.organizationId, id: { in: wanted } },
    select: { id: true },
  });
  for (const { id: engagementId } of engagements) {
    const data = {
      expiresAt: invitation.accessExpiresAt,
      revokedAt: null,
      grantedById: invitation.createdById,
    };
    await tx.auditorAccess.upsert({
      where: { userId_engagementId: { userId, engagementId } },
      create: { organizationId: invitation.organizationId, userId, engagementId, ...data },
      update: data,
    });
  }
  const actor = { orgId: invitation.organizationId, userId };
  await recordActivity(
    tx,
    actor,
    {
      action: "auditor.access_granted",
      entityType: "user",
      entityId: userId,
      after: {
        engagementIds: engagements.map((e) => e.id),
        expiresAt: invitation.accessExpiresAt.toISOString(),
      },
    },
    now,
  );
}

export type AuditorGrantRow = {
  id: string;
  engagementId: string;
  engagementName: string;
  lastDay: string;
  state: AccessState;
};
export type AuditorRow = { userId: string; name: string; email: string; grants: AuditorGrantRow[] };
export type AuditorInvitationRow = {
  id: string;
  email: string;
  engagementNames: string[];
  lastDay: string | null;
  state: InvitationState;
  expiresAt: Date;
};

export async function listAuditors(
  ctx: OrgContext,
  now: Date = new Date(),
): Promise<{ auditors: AuditorRow[]; invitations: AuditorInvitationRow[] }> {
  assertCan(ctx, "auditor.manage");
  const db = getDb();
  const [timeZone, memberships, grants, invitations, engagements] = await Promise.all([
    organizationTimeZone(ctx),
    db.membership.findMany({
      where: { organizationId: ctx.orgId, role: "auditor" },
      orderBy: { user: { name: "asc" } },
      select: { user: { select: { id: true, name: true, email: true } } },
    }),
    db.auditorAccess.findMany({
      where: { organizationId: ctx.orgId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        userId: true,
        engagementId: true,
        expiresAt: true,
        revokedAt: true,
        engagement: { select: { name: true } },
      },
    }),
    db.invitation.findMany({
      where: { organizationId: ctx.orgId, role: "auditor", acceptedAt: null, revokedAt: null },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: {
        id: true,
        email: true,
        engagementIds: true,
        accessExpiresAt: true,
        acceptedAt: true,
        revokedAt: true,
        expiresAt: true,
      },
    }),
    db.engagement.findMany({
      where: { organizationId: ctx.orgId },
      select: { id: true, name: true },
    }),
  ]);
  const nameOf = new Map(engagements.map((engagement) => [engagement.id, engagement.name]));
  const auditors = memberships.map(({ user }) => ({
    userId: user.id,
    name: user.name,
    email: user.email,
    grants: grants
      .filter((grant) => grant.userId === user.id)
      .map((grant) => ({
        id: grant.id,
        engagementId: grant.engagementId,
        engagementName: grant.engagement.name,
        lastDay: accessLastDay(grant.expiresAt, timeZone),
        state: accessState(grant, now),
      })),
  }));
  return {
    auditors,
    invitations: invitations.map((invitation) => ({
      id: invitation.id,
      email: invitation.email,
      engagementNames: (JSON.parse(invitation.engagementIds ?? "[]") as string[]).map(
        (id) => nameOf.get(id) ?? "(deleted engagement)",
      ),
      lastDay: invitation.accessExpiresAt
        ? accessLastDay(invitation.accessExpiresAt, timeZone)
        : null,
      state: invitationState(invitation, now),
      expiresAt: invitation.expiresAt,
    })),
  };
}

async function findGrant(tx: Tx, ctx: OrgContext, accessId: string) {
  const grant = await tx.auditorAccess.findFirst({
    where: { id: accessId, organizationId: ctx.orgId },
    select: { id: true, userId: true, engagementId: true, expiresAt: true, revokedAt: true },
  });
  if (!grant) throw notFound();
  return grant;
}

/** Ends one engagement's access at once; the auditor's next request answers "not found". */
export async function revokeAuditorAccess(
  ctx: OrgContext,
  accessId: string,
  now: Date = new Date(),
): Promise<void> {
  assertCan(ctx, "auditor.manage");
  await getDb().$transaction(async (tx) => {
    const grant = await findGrant(tx, ctx, accessId);
    if (grant.revokedAt) return;
    await tx.auditorAccess.update({ where: { id: grant.id }, data: { revokedAt: now } });
    await recordActivity(
      tx,
      ctx,
      {
        action: "auditor.access_revoked",
        entityType: "user",
        entityId: grant.userId,
        before: { engagementId: grant.engagementId },
      },
      now,
    );
  });
}

/** Gives access until a new last day; also restores revoked or expired access. */
export async function extendAuditorAccess(
  ctx: OrgContext,
  accessId: string,
  lastDay: string,
  now: Date = new Date(),
): Promise<void> {
  assertCan(ctx, "auditor.manage");
  const timeZone = await organizationTimeZone(ctx);
  const problem = accessEndProblem(lastDay, todayIn(timeZone, now));
  if (problem) throw new AppError("VALIDATION", problem, { lastDay: [problem] });
  await getDb().$transaction(async (tx) => {
    const grant = await findGrant(tx, ctx, accessId);
    await tx.auditorAccess.update({
      where: { id: grant.id },
      data: { expiresAt: accessExpiresAt(lastDay, timeZone), revokedAt: null },
    });
    await recordActivity(
      tx,
      ctx,
      {
        action: "auditor.access_extended",
        entityType: "user",
        entityId: grant.userId,
        before: {
          engagementId: grant.engagementId,
          lastDay: accessLastDay(grant.expiresAt, timeZone),
        },
        after: { lastDay },
      },
      now,
    );
  });
}

/** Views of the same page by the same auditor closer together than this are logged once. */
export const REVISIT_MS = 10 * 60 * 1000;

export type AuditorTarget = {
  entityType: "engagement" | "requirement" | "control" | "evidence" | "export";
  entityId: string;
  label: string;
  engagementId?: string;
};

/** An auditor viewed one of an engagement's pages ("<engagement>: <page>"); nothing for the team. */
export function recordEngagementView(
  ctx: OrgContext,
  engagement: { id: string; name: string },
  page: string,
): Promise<void> {
  return recordAuditorAccess(ctx, "viewed", {
    entityType: "engagement",
    entityId: engagement.id,
    label: `${engagement.name}: ${page}`,
    engagementId: engagement.id,
  });
}

/**
 * Writes what an auditor looked at or downloaded to the activity log, so the team can see it.
 * Does nothing for team members.
 */
export async function recordAuditorAccess(
  ctx: OrgContext,
  action: "viewed" | "downloaded",
  target: AuditorTarget,
  now: Date = new Date(),
): Promise<void> {
  if (ctx.role !== "auditor") return;
  const after = { label: target.label, engagementId: target.engagementId ?? null };
  // A page re-rendered after a form post or while an export runs is the same visit.
  if (action === "viewed") {
    const seen = await getDb().activityLogEntry.findFirst({
      where: {
        organizationId: ctx.orgId,
        action: "auditor.viewed",
        createdAt: { gt: new Date(now.getTime() - REVISIT_MS) },
        actorId: ctx.userId,
        entityId: target.entityId,
        after: canonicalJson(after),
      },
      select: { id: true },
    });
    if (seen) return;
  }
  await getDb().$transaction(async (tx) => {
    await recordActivity(
      tx,
      ctx,
      {
        action: `auditor.${action}`,
        entityType: target.entityType,
        entityId: target.entityId,
        after,
      },
      now,
    );
  });
}

export type AuditorActivityRow = {
  id: string;
  at: Date;
  auditor: string;
  action: "viewed" | "downloaded";
  entityType: string;
  label: string;
};

/** What auditors looked at and downloaded, newest first. */
export async function listAuditorActivity(
  ctx: OrgContext,
  take = 200,
): Promise<AuditorActivityRow[]> {
  assertCan(ctx, "auditor.manage");
  const rows = await getDb().activityLogEntry.findMany({
    where: { organizationId: ctx.orgId, action: { in: ["auditor.viewed", "auditor.downloaded"] } },
    orderBy: { seq: "desc" },
    take,
    select: {
      id: true,
      createdAt: true,
      action: true,
      entityType: true,
      after: true,
      actor: { select: { name: true, email: true } },
    },
  });
  return rows.map((row) => {
    const after = row.after ? (JSON.parse(row.after) as { label?: unknown }) : {};
    return {
      id: row.id,
      at: row.createdAt,
      auditor: row.actor ? `${row.actor.name} <${row.actor.email}>` : "(deleted user)",
      action: row.action === "auditor.downloaded" ? "downloaded" : "viewed",
      entityType: row.entityType,
      label: typeof after.label === "string" ? after.label : row.entityType,
    };
  });
}
