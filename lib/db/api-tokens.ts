import "server-only";
import { randomBytes } from "node:crypto";
import {
  apiTokenSecret,
  apiTokenShownPrefix,
  apiTokenState,
  canCreateApiToken,
  checkApiTokenExpiry,
  hashApiTokenSecret,
  isApiTokenRole,
  parseEngagementLimit,
  shouldRecordLastUse,
  type ApiTokenRole,
  type ApiTokenState,
} from "@/lib/domain/api-tokens";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { recordActivity } from "./activity";
import { getDb } from "./client";
import type { OrgContext } from "./context";

// API tokens of an organisation: owners and admins create, list and revoke them; a request's
// bearer secret resolves to an OrgContext carrying the token's role and engagement limit.

export type CreateApiTokenInput = {
  name: string;
  role: ApiTokenRole;
  engagementIds: string[] | null;
  expiresAt: Date;
};

export type ApiTokenRow = {
  id: string;
  name: string;
  prefix: string;
  role: ApiTokenRole;
  engagementIds: string[] | null;
  expiresAt: Date;
  createdAt: Date;
  lastUsedAt: Date | null;
  lastUsedAddress: string | null;
  createdById: string;
  createdByName: string;
  state: ApiTokenState;
};

function assertManager(ctx: OrgContext): void {
  if (ctx.role !== "owner" && ctx.role !== "admin") throw forbidden();
}

/** Creates a token; the secret is in the result only, never stored. */
export async function createApiToken(
  ctx: OrgContext,
  input: CreateApiTokenInput,
  now: Date = new Date(),
): Promise<{ id: string; secret: string; prefix: string }> {
  if (!canCreateApiToken(ctx.role, input.role)) throw forbidden();
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) {
    throw new AppError("VALIDATION", undefined, {
      name: ["Give the token a name (at most 100 characters)."],
    });
  }
  const expiry = checkApiTokenExpiry(input.expiresAt, now);
  if (!expiry.ok) throw new AppError("VALIDATION", undefined, { expiresAt: [expiry.message] });
  const db = getDb();
  const limit = input.engagementIds === null ? null : [...new Set(input.engagementIds)];
  if (limit !== null) {
    if (limit.length === 0 || limit.length > 100) {
      throw new AppError("VALIDATION", undefined, {
        engagementIds: ["Choose 1 to 100 engagements, or all."],
      });
    }
    const found = await db.engagement.count({
      where: { organizationId: ctx.orgId, id: { in: limit } },
    });
    if (found !== limit.length) {
      throw new AppError("VALIDATION", undefined, {
        engagementIds: ["Choose engagements of this organisation."],
      });
    }
  }
  const secret = apiTokenSecret(randomBytes(32));
  const prefix = apiTokenShownPrefix(secret);
  const token = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        organizationId: ctx.orgId,
        name,
        prefix,
        tokenHash: hashApiTokenSecret(secret),
        role: input.role,
        engagementIds: limit === null ? null : JSON.stringify(limit),
        expiresAt: input.expiresAt,
        createdById: ctx.userId,
      },
      select: { id: true },
    });
    await recordActivity(
      tx,
      ctx,
      {
        action: "api_token.created",
        entityType: "api_token",
        entityId: created.id,
        after: {
          name,
          prefix,
          role: input.role,
          engagementIds: limit,
          expiresAt: input.expiresAt.toISOString(),
        },
      },
      now,
    );
    return created;
  });
  return { id: token.id, secret, prefix };
}

export async function listApiTokens(
  ctx: OrgContext,
  now: Date = new Date(),
): Promise<ApiTokenRow[]> {
  assertManager(ctx);
  const rows = await getDb().apiToken.findMany({
    where: { organizationId: ctx.orgId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 500,
    select: {
      id: true,
      name: true,
      prefix: true,
      role: true,
      engagementIds: true,
      expiresAt: true,
      createdAt: true,
      lastUsedAt: true,
      lastUsedAddress: true,
      revokedAt: true,
      createdById: true,
      createdBy: { select: { name: true } },
    },
  });
  return rows.map(({ revokedAt, engagementIds, role, createdBy, ...row }) => ({
    ...row,
    createdByName: createdBy.name,
    role: isApiTokenRole(role) ? role : "viewer",
    engagementIds: parseEngagementLimit(engagementIds),
    state: apiTokenState({ expiresAt: row.expiresAt, revokedAt }, now),
  }));
}

export async function revokeApiToken(
  ctx: OrgContext,
  tokenId: string,
  now: Date = new Date(),
): Promise<void> {
  assertManager(ctx);
  await getDb().$transaction(async (tx) => {
    const token = await tx.apiToken.findFirst({
      where: { id: tokenId, organizationId: ctx.orgId },
      select: { name: true, prefix: true },
    });
    if (!token) throw notFound();
    const { count } = await tx.apiToken.updateMany({
      where: { id: tokenId, organizationId: ctx.orgId, revokedAt: null },
      data: { revokedAt: now, revokedById: ctx.userId },
    });
    // Already revoked (twice, or by someone else a moment ago): nothing changes, nothing is logged.
    if (count === 0) return;
    await recordActivity(
      tx,
      ctx,
      {
        action: "api_token.revoked",
        entityType: "api_token",
        entityId: tokenId,
        after: { name: token.name, prefix: token.prefix },
      },
      now,
    );
  });
}

export type ResolvedApiToken = { ctx: OrgContext; tokenId: string; tokenName: string };

/**
 * The context a bearer secret acts in, or null when it is unknown, expired or revoked, or its
 * creator is no longer an owner or admin of the organisation (401). Last use is written at most
 * once a minute.
 */
export async function resolveApiToken(
  secret: string,
  address: string | null,
  now: Date = new Date(),
): Promise<ResolvedApiToken | null> {
  const db = getDb();
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashApiTokenSecret(secret) },
    select: {
      id: true,
      name: true,
      role: true,
      engagementIds: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      createdById: true,
      organization: { select: { id: true, slug: true, name: true } },
    },
  });
  if (!token || apiTokenState(token, now) !== "active" || !isApiTokenRole(token.role)) return null;
  // A token acts for the owner or admin who made it: once they left or lost that role, it stops.
  const creator = await db.membership.findUnique({
    where: {
      organizationId_userId: { organizationId: token.organization.id, userId: token.createdById },
    },
    select: { role: true },
  });
  if (!creator || (creator.role !== "owner" && creator.role !== "admin")) return null;
  if (shouldRecordLastUse(token.lastUsedAt, now)) {
    await db.apiToken.updateMany({
      where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: token.lastUsedAt ?? now }] },
      data: { lastUsedAt: now, lastUsedAddress: address?.slice(0, 64) ?? null },
    });
  }
  const limit = parseEngagementLimit(token.engagementIds);
  const ctx: OrgContext = {
    userId: token.createdById,
    orgId: token.organization.id,
    orgSlug: token.organization.slug,
    orgName: token.organization.name,
    role: token.role,
    ...(limit === null ? {} : { engagementIds: limit }),
    apiTokenId: token.id,
  };
  return { ctx, tokenId: token.id, tokenName: token.name };
}
