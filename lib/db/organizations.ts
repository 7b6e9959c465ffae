import "server-only";
import { isRole } from "@/lib/domain/permissions";
import { firstFreeSlug, slugify } from "@/lib/domain/slug";
import { AppError } from "@/lib/errors";
import type { CreateOrganizationInput } from "@/lib/schemas/organization";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext, UserContext } from "./context";
import { isUniqueViolation } from "./prisma-errors";
import { staleEdit } from "./versions";

export type OrganizationSummary = { id: string; name: string; slug: string; role: string };

/**
 * The organisation behind `slug` as seen by `userId`, or null when they are not a member. An
 * auditor whose access to every engagement has expired or been revoked is no longer a member.
 */
export async function resolveOrgContext(
  userId: string,
  slug: string,
  now: Date = new Date(),
): Promise<OrgContext | null> {
  const db = getDb();
  const membership = await db.membership.findFirst({
    where: { userId, organization: { slug } },
    select: { role: true, organization: { select: { id: true, slug: true, name: true } } },
  });
  if (!membership || !isRole(membership.role)) return null;
  const { organization } = membership;
  const ctx: OrgContext = {
    userId,
    orgId: organization.id,
    orgSlug: organization.slug,
    orgName: organization.name,
    role: membership.role,
  };
  if (membership.role !== "auditor") return ctx;
  const grants = await db.auditorAccess.findMany({
    where: {
      organizationId: organization.id,
      userId,
      revokedAt: null,
      expiresAt: { gt: now },
      engagement: { archivedAt: null },
    },
    select: { engagementId: true },
  });
  if (grants.length === 0) return null;
  return { ...ctx, engagementIds: grants.map((grant) => grant.engagementId) };
}

/**
 * The organisations the user can open, by name. An auditor whose access to every engagement has
 * expired or been revoked is left out (the organisation would answer 404, and `/` would loop).
 */
export async function listMyOrganizations(
  user: UserContext,
  now: Date = new Date(),
): Promise<OrganizationSummary[]> {
  const db = getDb();
  const memberships = await db.membership.findMany({
    where: { userId: user.userId },
    select: { role: true, organization: { select: { id: true, name: true, slug: true } } },
    orderBy: { organization: { name: "asc" } },
  });
  const auditorOrgIds = memberships
    .filter((membership) => membership.role === "auditor")
    .map((membership) => membership.organization.id);
  const open = new Set(
    auditorOrgIds.length === 0
      ? []
      : (
          await db.auditorAccess.findMany({
            where: {
              organizationId: { in: auditorOrgIds },
              userId: user.userId,
              revokedAt: null,
              expiresAt: { gt: now },
              engagement: { archivedAt: null },
            },
            select: { organizationId: true },
          })
        ).map((grant) => grant.organizationId),
  );
  return memberships
    .filter(({ role, organization }) => role !== "auditor" || open.has(organization.id))
    .map(({ role, organization }) => ({ ...organization, role }));
}

/** Creates an organisation with the creator as its first owner. */
export async function createOrganization(
  user: UserContext,
  input: CreateOrganizationInput,
): Promise<{ slug: string }> {
  const db = getDb();
  const base = slugify(input.name);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const taken = await db.organization.findMany({
      where: { slug: { startsWith: base } },
      select: { slug: true },
    });
    const slug = firstFreeSlug(base, new Set(taken.map((org) => org.slug)));
    try {
      return await db.$transaction(async (tx) => {
        const org = await tx.organization.create({
          data: { name: input.name, slug },
          select: { id: true, slug: true },
        });
        const membership = await tx.membership.create({
          data: { organizationId: org.id, userId: user.userId, role: "owner" },
          select: { id: true },
        });
        const actor = { orgId: org.id, userId: user.userId };
        await recordActivity(tx, actor, {
          action: "organization.created",
          entityType: "organization",
          entityId: org.id,
          after: { name: input.name, slug },
        });
        await recordActivity(tx, actor, {
          action: "member.added",
          entityType: "membership",
          entityId: membership.id,
          after: { userId: user.userId, role: "owner" },
        });
        return { slug: org.slug };
      });
    } catch (error) {
      // Someone took the same slug between our read and our insert: pick again.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new AppError(
    "CONFLICT",
    "Could not choose a unique address for this organisation. Try a different name.",
  );
}

/** The organisation's editable settings and their version (not `updatedAt`: every log entry moves that). */
export async function getOrganizationSettings(
  ctx: OrgContext,
): Promise<{ name: string; version: number }> {
  assertCan(ctx, "org.update");
  return getDb().organization.findUniqueOrThrow({
    where: { id: ctx.orgId },
    select: { name: true, version: true },
  });
}

/** Renames the organisation from the settings form loaded at `version`. */
export async function renameOrganization(
  ctx: OrgContext,
  name: string,
  version: number,
): Promise<void> {
  assertCan(ctx, "org.update");
  await getDb().$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({
      where: { id: ctx.orgId },
      select: { name: true, version: true },
    });
    if (before.version !== version) throw await staleEdit(tx, ctx, "organization", ctx.orgId);
    const { count } = await tx.organization.updateMany({
      where: { id: ctx.orgId, version },
      data: { name, version: { increment: 1 } },
    });
    if (count !== 1) throw await staleEdit(tx, ctx, "organization", ctx.orgId);
    await recordActivity(tx, ctx, {
      action: "organization.renamed",
      entityType: "organization",
      entityId: ctx.orgId,
      before: { name: before.name },
      after: { name },
    });
  });
}
