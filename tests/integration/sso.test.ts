import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import {
  LOGIN_ATTEMPT_TTL_MS,
  consumeLoginAttempt,
  createLoginAttempt,
  resolveSsoSignIn,
  updateSsoSettings,
  type VerifiedIdentity,
} from "@/lib/db/sso";
import { AuthClient } from "./auth-client";
import {
  TEST_PASSWORD,
  actions,
  addMember,
  entries,
  expectAppError,
  expectIntactLog,
  makeOrg,
  makeUser,
} from "./helpers";

// Single sign-on against the real database: one-time login attempts, linking by verified email,
// just-in-time membership for a claimed domain, the owners' settings and "require SSO" at the
// password sign-in (through next-auth, the way the form signs in).

const ISSUER = "https://id.example.test";
const uniqueDomain = () => `sso-${randomBytes(4).toString("hex")}.example.test`;

function identity(email: string, over: Partial<VerifiedIdentity> = {}): VerifiedIdentity {
  return {
    issuer: ISSUER,
    subject: randomBytes(8).toString("hex"),
    email,
    emailVerified: true,
    name: "Sam Sso",
    ...over,
  };
}

async function claim(
  ctx: OrgContext,
  over: { ssoJoinRole?: "viewer" | "editor" | null; requireSso?: boolean } = {},
): Promise<string> {
  const domain = uniqueDomain();
  const { version } = await getDb().organization.findUniqueOrThrow({
    where: { id: ctx.orgId },
    select: { version: true },
  });
  await updateSsoSettings(ctx, {
    ssoDomain: domain,
    ssoJoinRole: over.ssoJoinRole ?? null,
    requireSso: over.requireSso ?? false,
    version,
  });
  return domain;
}

describe("login attempts", () => {
  it("are used once, and not after ten minutes", async () => {
    const now = new Date();
    const hash = randomBytes(32).toString("hex");
    const attempt = { nonce: "n", codeVerifier: "v", callbackUrl: "/o/x" };
    await createLoginAttempt(hash, attempt, now);
    expect(await consumeLoginAttempt(hash, now)).toEqual(attempt);
    expect(await consumeLoginAttempt(hash, now)).toBeNull();

    const late = randomBytes(32).toString("hex");
    await createLoginAttempt(late, attempt, now);
    expect(
      await consumeLoginAttempt(late, new Date(now.getTime() + LOGIN_ATTEMPT_TTL_MS + 1)),
    ).toBeNull();
    expect(await consumeLoginAttempt("unknown", now)).toBeNull();
  });
});

describe("resolveSsoSignIn", () => {
  it("links an existing account by verified email (logged), then signs it in by identity", async () => {
    const owner = await makeUser();
    const ctx = await makeOrg(owner);
    const who = identity(owner.email.toUpperCase());
    const first = await resolveSsoSignIn(who, new Date());
    expect(first).toMatchObject({ ok: true, user: { userId: owner.userId } });
    const linked = await getDb().oidcIdentity.findMany({ where: { userId: owner.userId } });
    expect(linked).toMatchObject([{ issuer: ISSUER, subject: who.subject, email: owner.email }]);
    expect(await actions(ctx.orgId)).toContain("user.sso_linked");

    // Later sign-ins find the identity even when the provider's email changed.
    const again = await resolveSsoSignIn({ ...who, email: "renamed@elsewhere.test" }, new Date());
    expect(again).toMatchObject({ ok: true, user: { userId: owner.userId } });
    expect((await actions(ctx.orgId)).filter((a) => a === "user.sso_linked")).toHaveLength(1);
    await expectIntactLog(ctx);
  });

  it("creates a member of the organisation that claimed the domain, with its join role", async () => {
    const ctx = await makeOrg();
    const domain = await claim(ctx, { ssoJoinRole: "editor" });
    const result = await resolveSsoSignIn(identity(`newcomer@${domain}`), new Date());
    expect(result).toMatchObject({ ok: true, orgSlug: ctx.orgSlug });
    if (!result.ok) return;
    const user = await getDb().user.findUniqueOrThrow({
      where: { id: result.user.userId },
      select: {
        name: true,
        passwordHash: true,
        memberships: { select: { organizationId: true, role: true } },
      },
    });
    expect(user.name).toBe("Sam Sso");
    expect(user.memberships).toEqual([{ organizationId: ctx.orgId, role: "editor" }]);
    expect(await verifyPassword(user.passwordHash, "")).toBe(false);
    const joined = (await entries(ctx.orgId)).find((e) => e.action === "member.joined_by_sso");
    expect(joined).toMatchObject({
      actorId: result.user.userId,
      after: { userId: result.user.userId, role: "editor", domain },
    });
    await expectIntactLog(ctx);
  });

  it("refuses an unverified email, even for a known account", async () => {
    const user = await makeUser();
    expect(
      await resolveSsoSignIn(identity(user.email, { emailVerified: false }), new Date()),
    ).toEqual({
      ok: false,
      reason: "email_unverified",
    });
    expect(await getDb().oidcIdentity.count({ where: { userId: user.userId } })).toBe(0);
  });

  it("refuses a stranger from another domain, or from a claimed domain without a join role", async () => {
    const ctx = await makeOrg();
    const domain = await claim(ctx, { ssoJoinRole: null });
    for (const email of [`someone@${uniqueDomain()}`, `someone@${domain}`]) {
      expect(await resolveSsoSignIn(identity(email), new Date())).toEqual({
        ok: false,
        reason: "no_account",
      });
      expect(await getDb().user.count({ where: { email } })).toBe(0);
    }
  });
});

describe("SSO settings", () => {
  it("are the owners': an admin is refused", async () => {
    const ctx = await makeOrg();
    const admin = await addMember(ctx, "admin");
    await expectAppError(
      updateSsoSettings(admin.ctx, {
        ssoDomain: uniqueDomain(),
        ssoJoinRole: null,
        requireSso: false,
        version: 0,
      }),
      "FORBIDDEN",
    );
  });

  it("refuse a domain another organisation claimed, and a stale form", async () => {
    const first = await makeOrg();
    const domain = await claim(first);
    const second = await makeOrg();
    await expectAppError(
      updateSsoSettings(second, {
        ssoDomain: domain,
        ssoJoinRole: null,
        requireSso: false,
        version: 0,
      }),
      "CONFLICT",
      /already claimed/,
    );
    await expectAppError(
      updateSsoSettings(first, {
        ssoDomain: null,
        ssoJoinRole: null,
        requireSso: false,
        version: 0,
      }),
      "CONFLICT",
    );
    const logged = (await entries(first.orgId)).filter(
      (e) => e.action === "organization.sso_changed",
    );
    expect(logged).toMatchObject([
      { before: { ssoDomain: null, requireSso: false }, after: { ssoDomain: domain } },
    ]);
  });
});

describe("require SSO at the password sign-in", () => {
  it("refuses a member's password and lets an owner in as break-glass, logged", async () => {
    const owner = await makeUser();
    const ctx = await makeOrg(owner);
    const member = await addMember(ctx, "editor");
    await claim(ctx, { requireSso: true });

    const refused = await new AuthClient().signIn(member.user.email, TEST_PASSWORD);
    expect(refused.error).toBe(`SSO_REQUIRED:${ctx.orgName}`);
    expect(await getDb().authSession.count({ where: { userId: member.user.userId } })).toBe(0);

    expect(await new AuthClient().signIn(owner.email, TEST_PASSWORD)).toEqual({ error: null });
    const breakGlass = (await entries(ctx.orgId)).filter(
      (e) => e.action === "user.break_glass_sign_in",
    );
    expect(breakGlass).toMatchObject([{ actorId: owner.userId, entityId: owner.userId }]);
    await expectIntactLog(ctx);
  });

  it("leaves members of organisations without the rule alone", async () => {
    const ctx = await makeOrg();
    const member = await addMember(ctx, "viewer");
    await claim(ctx, { ssoJoinRole: "viewer" });
    expect(await new AuthClient().signIn(member.user.email, TEST_PASSWORD)).toEqual({
      error: null,
    });
  });
});
