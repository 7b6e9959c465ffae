import "server-only";
import { isRole } from "@/lib/domain/permissions";
import {
  decideSsoCallback,
  emailDomain,
  passwordSignInPolicy,
  type PasswordSignInPolicy,
  type SsoJoinRole,
  type SsoRefusal,
} from "@/lib/domain/sso";
import { AppError } from "@/lib/errors";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb, type Tx } from "./client";
import type { OrgContext, UserContext } from "./context";
import { isUniqueViolation } from "./prisma-errors";
import { staleEdit } from "./versions";

// Single sign-on records: sign-ins in flight (OidcLoginAttempt, used once), identities linked to
// accounts (OidcIdentity), and the organisation's claim on an email domain.

export const LOGIN_ATTEMPT_TTL_MS = 10 * 60 * 1000;

export type LoginAttempt = { nonce: string; codeVerifier: string; callbackUrl: string | null };

/** Records a sign-in in flight; expired attempts are cleared on the way (at most a few hundred). */
export async function createLoginAttempt(
  stateHash: string,
  attempt: LoginAttempt,
  now: Date,
): Promise<void> {
  const db = getDb();
  const expired = await db.oidcLoginAttempt.findMany({
    where: { expiresAt: { lt: now } },
    select: { id: true },
    take: 200,
  });
  if (expired.length > 0)
    await db.oidcLoginAttempt.deleteMany({ where: { id: { in: expired.map((row) => row.id) } } });
  await db.oidcLoginAttempt.create({
    data: {
      stateHash,
      ...attempt,
      createdAt: now,
      expiresAt: new Date(now.getTime() + LOGIN_ATTEMPT_TTL_MS),
    },
  });
}

/**
 * Takes the attempt a callback's state names, once: unknown, expired or already used gives null
 * (the conditional update means two simultaneous callbacks cannot both have it).
 */
export async function consumeLoginAttempt(
  stateHash: string,
  now: Date,
): Promise<LoginAttempt | null> {
  const db = getDb();
  const { count } = await db.oidcLoginAttempt.updateMany({
    where: { stateHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count !== 1) return null;
  return db.oidcLoginAttempt.findUnique({
    where: { stateHash },
    select: { nonce: true, codeVerifier: true, callbackUrl: true },
  });
}

/** What the identity provider vouched for, after every protocol check passed. */
export type VerifiedIdentity = {
  issuer: string;
  subject: string;
  email: string;
  emailVerified: boolean;
  name: string;
};

export type SsoSignInResult =
  { ok: true; user: UserContext; orgSlug: string | null } | { ok: false; reason: SsoRefusal };

const NAME_MAX = 100;

function displayName(identity: VerifiedIdentity): string {
  const name = identity.name.trim().slice(0, NAME_MAX);
  return name || identity.email.slice(0, identity.email.indexOf("@")) || identity.email;
}

/**
 * Who a verified SSO sign-in is (decideSsoCallback): the linked user, an account linked now by
 * its verified email (logged), or a new user joining the organisation that claimed the email's
 * domain (logged); or the reason it is refused.
 */
export async function resolveSsoSignIn(
  identity: VerifiedIdentity,
  now: Date,
): Promise<SsoSignInResult> {
  const email = identity.email.trim().toLowerCase();
  const run = () =>
    getDb().$transaction(async (tx) => {
      const [linked, byEmail, domainOrg] = await Promise.all([
        tx.oidcIdentity.findUnique({
          where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
          select: { id: true, userId: true },
        }),
        tx.user.findUnique({ where: { email }, select: { id: true } }),
        tx.organization.findUnique({
          where: { ssoDomain: emailDomain(email) || "-" },
          select: { id: true, name: true, slug: true, ssoJoinRole: true },
        }),
      ]);
      const outcome = decideSsoCallback({
        emailVerified: identity.emailVerified,
        email,
        identityUserId: linked?.userId ?? null,
        emailUserId: byEmail?.id ?? null,
        domainOrg: domainOrg
          ? { id: domainOrg.id, name: domainOrg.name, joinRole: domainOrg.ssoJoinRole }
          : null,
      });
      switch (outcome.kind) {
        case "refuse":
          return { ok: false as const, reason: outcome.reason };
        case "sign_in":
          await tx.oidcIdentity.update({
            where: { id: linked?.id ?? "" },
            data: { email, lastSignInAt: now },
          });
          return { ok: true as const, userId: outcome.userId, orgSlug: null };
        case "link":
          await linkIdentity(tx, outcome.userId, identity, email, now);
          return { ok: true as const, userId: outcome.userId, orgSlug: null };
        case "create": {
          const userId = await createJitMember(tx, outcome, identity, email, now);
          return { ok: true as const, userId, orgSlug: domainOrg?.slug ?? null };
        }
      }
    });
  // Two first sign-ins at once: the second finds what the first created.
  const result = await run().catch((error: unknown) => {
    if (isUniqueViolation(error)) return run();
    throw error;
  });
  if (!result.ok) return result;
  const user = await getDb().user.findUniqueOrThrow({
    where: { id: result.userId },
    select: { id: true, email: true, name: true },
  });
  return {
    ok: true,
    user: { userId: user.id, email: user.email, name: user.name },
    orgSlug: result.orgSlug,
  };
}

async function linkIdentity(
  tx: Tx,
  userId: string,
  identity: VerifiedIdentity,
  email: string,
  now: Date,
): Promise<void> {
  await tx.oidcIdentity.create({
    data: {
      userId,
      issuer: identity.issuer,
      subject: identity.subject,
      email,
      createdAt: now,
      lastSignInAt: now,
    },
  });
  const memberships = await tx.membership.findMany({
    where: { userId },
    select: { organizationId: true },
    orderBy: { organizationId: "asc" },
  });
  for (const { organizationId } of memberships)
    await recordActivity(
      tx,
      { orgId: organizationId, userId },
      {
        action: "user.sso_linked",
        entityType: "user",
        entityId: userId,
        after: { issuer: identity.issuer, email },
      },
      now,
    );
}

async function createJitMember(
  tx: Tx,
  outcome: { orgId: string; role: SsoJoinRole },
  identity: VerifiedIdentity,
  email: string,
  now: Date,
): Promise<string> {
  // No password: the empty hash never verifies, so only SSO (or a reset link) opens the account.
  const user = await tx.user.create({
    data: { email, name: displayName(identity), passwordHash: "" },
    select: { id: true },
  });
  await tx.oidcIdentity.create({
    data: {
      userId: user.id,
      issuer: identity.issuer,
      subject: identity.subject,
      email,
      createdAt: now,
      lastSignInAt: now,
    },
  });
  const membership = await tx.membership.create({
    data: { organizationId: outcome.orgId, userId: user.id, role: outcome.role },
    select: { id: true },
  });
  await recordActivity(
    tx,
    { orgId: outcome.orgId, userId: user.id },
    {
      action: "member.joined_by_sso",
      entityType: "membership",
      entityId: membership.id,
      after: { userId: user.id, role: outcome.role, domain: emailDomain(email) },
    },
    now,
  );
  return user.id;
}

/** Whether a password sign-in of this user is allowed given their organisations' SSO rules. */
export async function passwordSignInPolicyFor(userId: string): Promise<PasswordSignInPolicy> {
  const memberships = await getDb().membership.findMany({
    where: { userId, organization: { requireSso: true } },
    select: { role: true, organization: { select: { id: true, name: true, requireSso: true } } },
    orderBy: { organization: { name: "asc" } },
  });
  return passwordSignInPolicy(
    memberships.flatMap(({ role, organization }) =>
      isRole(role)
        ? [
            {
              orgId: organization.id,
              orgName: organization.name,
              role,
              requireSso: organization.requireSso,
            },
          ]
        : [],
    ),
  );
}

/** Logs an owner's break-glass password sign-in in each organisation that requires SSO. */
export async function recordBreakGlassSignIn(
  userId: string,
  orgIds: readonly string[],
  now: Date,
): Promise<void> {
  await getDb().$transaction(async (tx) => {
    for (const orgId of orgIds)
      await recordActivity(
        tx,
        { orgId, userId },
        { action: "user.break_glass_sign_in", entityType: "user", entityId: userId },
        now,
      );
  });
}

export type SsoSettings = {
  ssoDomain: string | null;
  ssoJoinRole: SsoJoinRole | null;
  requireSso: boolean;
  version: number;
};

export async function getSsoSettings(ctx: OrgContext): Promise<SsoSettings> {
  assertCan(ctx, "owner.manage");
  const org = await getDb().organization.findUniqueOrThrow({
    where: { id: ctx.orgId },
    select: { ssoDomain: true, ssoJoinRole: true, requireSso: true, version: true },
  });
  return {
    ...org,
    ssoJoinRole:
      org.ssoJoinRole === "viewer" || org.ssoJoinRole === "editor" ? org.ssoJoinRole : null,
  };
}

export type SsoSettingsInput = {
  ssoDomain: string | null;
  ssoJoinRole: SsoJoinRole | null;
  requireSso: boolean;
  version: number;
};

const DOMAIN_TAKEN = "Another organisation has already claimed this domain.";

/**
 * Saves the organisation's SSO settings from the form loaded at `version` (owners only). A
 * domain claimed elsewhere is a CONFLICT on the domain field; requiring SSO needs a domain.
 */
export async function updateSsoSettings(
  ctx: OrgContext,
  input: SsoSettingsInput,
  now: Date = new Date(),
): Promise<void> {
  assertCan(ctx, "owner.manage");
  if (input.requireSso && !input.ssoDomain)
    throw new AppError("VALIDATION", "Claim your email domain before requiring SSO.", {
      requireSso: ["Claim your email domain before requiring SSO."],
    });
  const { version, ...values } = input;
  await getDb()
    .$transaction(async (tx) => {
      const before = await tx.organization.findUniqueOrThrow({
        where: { id: ctx.orgId },
        select: { ssoDomain: true, ssoJoinRole: true, requireSso: true, version: true },
      });
      if (before.version !== version) throw await staleEdit(tx, ctx, "organization", ctx.orgId);
      const { version: _version, ...previous } = before;
      if (
        previous.ssoDomain === values.ssoDomain &&
        previous.ssoJoinRole === values.ssoJoinRole &&
        previous.requireSso === values.requireSso
      )
        return;
      if (values.ssoDomain) {
        const holder = await tx.organization.findUnique({
          where: { ssoDomain: values.ssoDomain },
          select: { id: true },
        });
        if (holder && holder.id !== ctx.orgId)
          throw new AppError("CONFLICT", DOMAIN_TAKEN, { ssoDomain: [DOMAIN_TAKEN] });
      }
      const { count } = await tx.organization.updateMany({
        where: { id: ctx.orgId, version },
        data: { ...values, version: { increment: 1 } },
      });
      if (count !== 1) throw await staleEdit(tx, ctx, "organization", ctx.orgId);
      await recordActivity(
        tx,
        ctx,
        {
          action: "organization.sso_changed",
          entityType: "organization",
          entityId: ctx.orgId,
          before: previous,
          after: values,
        },
        now,
      );
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error))
        throw new AppError("CONFLICT", DOMAIN_TAKEN, { ssoDomain: [DOMAIN_TAKEN] });
      throw error;
    });
}
