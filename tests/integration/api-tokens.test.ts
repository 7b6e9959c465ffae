import { describe, expect, it } from "vitest";
import {
  createApiToken,
  listApiTokens,
  resolveApiToken,
  revokeApiToken,
} from "@/lib/db/api-tokens";
import { getDb } from "@/lib/db/client";
import { getEngagement, listEngagements } from "@/lib/db/engagements";
import { changeMemberRole, removeMember } from "@/lib/db/members";
import { addMember, engagementInput, expectAppError, makeEngagement, makeOrg } from "./helpers";

const NOW = new Date("2026-05-15T12:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(NOW.getTime() + days * DAY);

describe("createApiToken", () => {
  it("returns the secret once and stores only its hash", async () => {
    const owner = await makeOrg();
    const made = await createApiToken(
      owner,
      { name: "CI", role: "editor", engagementIds: null, expiresAt: inDays(90) },
      NOW,
    );
    expect(made.secret).toMatch(/^assay_/);
    expect(made.prefix).toBe(made.secret.slice(0, 12));
    const stored = await getDb().apiToken.findUniqueOrThrow({ where: { id: made.id } });
    expect(stored.tokenHash).not.toContain(made.secret);
    expect(JSON.stringify(stored)).not.toContain(made.secret);
  });

  it("refuses editors, expiries past a year and another organisation's engagements", async () => {
    const owner = await makeOrg();
    const editor = await addMember(owner, "editor");
    const input = {
      name: "CI",
      role: "viewer" as const,
      engagementIds: null,
      expiresAt: inDays(30),
    };
    await expectAppError(createApiToken(editor.ctx, input, NOW), "FORBIDDEN");
    await expectAppError(
      createApiToken(owner, { ...input, expiresAt: inDays(366) }, NOW),
      "VALIDATION",
    );
    const other = await makeOrg();
    const foreign = await makeEngagement(other, engagementInput());
    await expectAppError(
      createApiToken(owner, { ...input, engagementIds: [foreign.id] }, NOW),
      "VALIDATION",
    );
  });
});

describe("resolveApiToken", () => {
  it("acts with the token's role and engagement limit, and records last use once a minute", async () => {
    const owner = await makeOrg();
    const engagement = await makeEngagement(owner, engagementInput());
    const { secret, id } = await createApiToken(
      owner,
      { name: "Reader", role: "viewer", engagementIds: [engagement.id], expiresAt: inDays(10) },
      NOW,
    );
    const resolved = await resolveApiToken(secret, "203.0.113.9", NOW);
    expect(resolved?.ctx).toMatchObject({
      orgId: owner.orgId,
      role: "viewer",
      engagementIds: [engagement.id],
    });
    expect(resolved?.tokenName).toBe("Reader");
    await resolveApiToken(secret, "203.0.113.10", new Date(NOW.getTime() + 30_000));
    let [row] = await listApiTokens(owner, NOW);
    expect(row).toMatchObject({
      id,
      lastUsedAt: NOW,
      lastUsedAddress: "203.0.113.9",
      state: "active",
    });
    const later = new Date(NOW.getTime() + 61_000);
    await resolveApiToken(secret, "203.0.113.10", later);
    [row] = await listApiTokens(owner, later);
    expect(row).toMatchObject({ lastUsedAt: later, lastUsedAddress: "203.0.113.10" });
  });

  it("refuses unknown, expired and revoked tokens", async () => {
    const owner = await makeOrg();
    const { secret, id } = await createApiToken(
      owner,
      { name: "CI", role: "editor", engagementIds: null, expiresAt: inDays(1) },
      NOW,
    );
    expect(await resolveApiToken(`${secret.slice(0, -1)}x`, null, NOW)).toBeNull();
    expect(await resolveApiToken(secret, null, inDays(2))).toBeNull();
    await revokeApiToken(owner, id, NOW);
    expect(await resolveApiToken(secret, null, NOW)).toBeNull();
    expect((await listApiTokens(owner, NOW))[0]?.state).toBe("revoked");
  });
});

describe("a token whose creator is no longer an owner or admin", () => {
  it("stops working when they leave or become an editor, and works again for an admin", async () => {
    const owner = await makeOrg();
    const admin = await addMember(owner, "admin");
    const { secret } = await createApiToken(
      admin.ctx,
      { name: "CI", role: "editor", engagementIds: null, expiresAt: inDays(30) },
      NOW,
    );
    expect(await resolveApiToken(secret, null, NOW)).not.toBeNull();
    const version = async () =>
      (await getDb().membership.findUniqueOrThrow({ where: { id: admin.membershipId } })).version;
    await changeMemberRole(owner, admin.membershipId, "editor", await version());
    expect(await resolveApiToken(secret, null, NOW)).toBeNull();
    await changeMemberRole(owner, admin.membershipId, "admin", await version());
    expect(await resolveApiToken(secret, null, NOW)).not.toBeNull();
    await removeMember(owner, admin.membershipId, await version());
    expect(await resolveApiToken(secret, null, NOW)).toBeNull();
  });
});

describe("listApiTokens and revokeApiToken", () => {
  it("keep organisations apart and refuse members who do not manage tokens", async () => {
    const owner = await makeOrg();
    const { id } = await createApiToken(
      owner,
      { name: "CI", role: "editor", engagementIds: null, expiresAt: inDays(5) },
      NOW,
    );
    const other = await makeOrg();
    expect(await listApiTokens(other, NOW)).toEqual([]);
    await expectAppError(revokeApiToken(other, id, NOW), "NOT_FOUND");
    const viewer = await addMember(owner, "viewer");
    await expectAppError(listApiTokens(viewer.ctx, NOW), "FORBIDDEN");
    await expectAppError(revokeApiToken(viewer.ctx, id, NOW), "FORBIDDEN");
  });
});

describe("a token limited to engagements", () => {
  it("sees those engagements through the same data-access functions; others answer not found", async () => {
    const owner = await makeOrg();
    const inside = await makeEngagement(owner, engagementInput());
    const outside = await makeEngagement(owner, engagementInput());
    const scoped = await createApiToken(
      owner,
      { name: "Scoped", role: "viewer", engagementIds: [inside.id], expiresAt: inDays(10) },
      NOW,
    );
    const whole = await createApiToken(
      owner,
      { name: "Whole", role: "viewer", engagementIds: null, expiresAt: inDays(10) },
      NOW,
    );
    const scopedCtx = (await resolveApiToken(scoped.secret, null, NOW))!.ctx;
    const wholeCtx = (await resolveApiToken(whole.secret, null, NOW))!.ctx;
    expect((await listEngagements(scopedCtx)).map((e) => e.id)).toEqual([inside.id]);
    expect((await getEngagement(scopedCtx, inside.id)).id).toBe(inside.id);
    await expectAppError(getEngagement(scopedCtx, outside.id), "NOT_FOUND");
    expect((await listEngagements(wholeCtx)).map((e) => e.id).sort()).toEqual(
      [inside.id, outside.id].sort(),
    );
  });
});
