import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import {
  acceptInvitation,
  createInvitation,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from "@/lib/db/invitations";
import { listMembers } from "@/lib/db/members";
import { resolveOrgContext } from "@/lib/db/organizations";
import { addMember, expectAppError, makeOrg, makeUser, uniqueEmail } from "./helpers";

const T0 = new Date("2026-03-02T09:00:00.000Z");
const later = (ms: number): Date => new Date(T0.getTime() + ms);
const SEVEN_DAYS = 7 * 86_400_000;

describe("createInvitation", () => {
  it("lets an owner invite another owner, storing only the token's hash", async () => {
    const ctx = await makeOrg();

    const invitation = await createInvitation(
      ctx,
      { email: "New.Owner@Example.TEST", role: "owner" },
      T0,
    );

    expect(invitation).toMatchObject({
      email: "new.owner@example.test",
      role: "owner",
      expiresAt: later(SEVEN_DAYS),
    });
    expect(invitation.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await getDb().invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored).toMatchObject({
      organizationId: ctx.orgId,
      email: "new.owner@example.test",
      role: "owner",
      createdById: ctx.userId,
    });
    expect(stored.tokenHash).not.toBe(invitation.token);
  });

  it("refuses an admin inviting an owner, but lets them invite an admin", async () => {
    const owner = await makeOrg();
    const admin = await addMember(owner, "admin");

    await expectAppError(
      createInvitation(admin.ctx, { email: uniqueEmail(), role: "owner" }),
      "FORBIDDEN",
      /owner/,
    );
    await expect(
      createInvitation(admin.ctx, { email: uniqueEmail(), role: "admin" }),
    ).resolves.toMatchObject({ role: "admin" });
  });

  it.each(["editor", "viewer"] as const)("refuses a %s", async (role) => {
    const owner = await makeOrg();
    const member = await addMember(owner, role);

    await expectAppError(
      createInvitation(member.ctx, { email: uniqueEmail(), role: "viewer" }),
      "FORBIDDEN",
    );
    expect(
      await getDb().invitation.count({
        where: { organizationId: owner.orgId, createdById: member.user.userId },
      }),
    ).toBe(0);
  });

  it("refuses to invite someone who is already a member, whatever the case of the address", async () => {
    const ctx = await makeOrg();
    const { user } = await addMember(ctx, "editor");

    const error = await expectAppError(
      createInvitation(ctx, { email: user.email.toUpperCase(), role: "admin" }),
      "CONFLICT",
    );
    expect(error.fieldErrors?.email).toEqual(["That person is already a member."]);
  });

  it("does not count a member of another organisation as already a member", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    const outsider = await getDb().user.findUniqueOrThrow({
      where: { id: theirs.userId },
      select: { email: true },
    });

    await expect(
      createInvitation(mine, { email: outsider.email, role: "viewer" }),
    ).resolves.toMatchObject({ email: outsider.email });
  });
});

describe("acceptInvitation", () => {
  it("makes the invited user a member with the invited role; the address matches case-insensitively", async () => {
    const ctx = await makeOrg();
    const user = await makeUser();
    const invitation = await createInvitation(
      ctx,
      { email: user.email.toUpperCase(), role: "admin" },
      T0,
    );

    const result = await acceptInvitation(
      { ...user, email: ` ${user.email.toUpperCase()} ` },
      invitation.token,
      later(SEVEN_DAYS - 1000),
    );

    expect(result).toEqual({ orgSlug: ctx.orgSlug });
    expect((await resolveOrgContext(user.userId, ctx.orgSlug))?.role).toBe("admin");
    expect(await previewInvitation(invitation.token, later(SEVEN_DAYS))).toMatchObject({
      state: "accepted",
    });
  });

  it("refuses an invitation 7 days and 1 second after it was sent", async () => {
    const ctx = await makeOrg();
    const user = await makeUser();
    const invitation = await createInvitation(ctx, { email: user.email, role: "editor" }, T0);

    await expectAppError(
      acceptInvitation(user, invitation.token, later(SEVEN_DAYS + 1000)),
      "CONFLICT",
      /expired/,
    );
    expect(await resolveOrgContext(user.userId, ctx.orgSlug)).toBeNull();
  });

  it("refuses a link that has already been used", async () => {
    const ctx = await makeOrg();
    const user = await makeUser();
    const invitation = await createInvitation(ctx, { email: user.email, role: "editor" });
    await acceptInvitation(user, invitation.token);

    await expectAppError(acceptInvitation(user, invitation.token), "CONFLICT", /already been used/);
  });

  it("lets only one of two simultaneous accepts through", async () => {
    const ctx = await makeOrg();
    const user = await makeUser();
    const invitation = await createInvitation(ctx, { email: user.email, role: "editor" });

    const results = await Promise.allSettled([
      acceptInvitation(user, invitation.token),
      acceptInvitation(user, invitation.token),
    ]);

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.find((result) => result.status === "rejected")?.reason).toMatchObject({
      code: "CONFLICT",
    });
    expect(
      await getDb().membership.count({ where: { organizationId: ctx.orgId, userId: user.userId } }),
    ).toBe(1);
  });

  it("refuses someone signed in with another address, naming the invited one, and leaves it pending", async () => {
    const ctx = await makeOrg();
    const invited = uniqueEmail("invited");
    const intruder = await makeUser();
    const invitation = await createInvitation(ctx, { email: invited, role: "editor" });

    const error = await expectAppError(acceptInvitation(intruder, invitation.token), "FORBIDDEN");
    expect(error.message).toContain(invited);
    expect(await resolveOrgContext(intruder.userId, ctx.orgSlug)).toBeNull();
    expect(await previewInvitation(invitation.token)).toMatchObject({ state: "pending" });
  });

  it("refuses a revoked invitation", async () => {
    const ctx = await makeOrg();
    const user = await makeUser();
    const invitation = await createInvitation(ctx, { email: user.email, role: "editor" });
    await revokeInvitation(ctx, invitation.id);

    await expectAppError(acceptInvitation(user, invitation.token), "CONFLICT", /revoked/);
    expect(await resolveOrgContext(user.userId, ctx.orgSlug)).toBeNull();
  });

  it("answers not found for an unknown token", async () => {
    await expectAppError(acceptInvitation(await makeUser(), "x".repeat(43)), "NOT_FOUND");
  });
});

describe("revokeInvitation", () => {
  it("answers not found for another organisation's invitation and leaves it usable", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    const user = await makeUser();
    const invitation = await createInvitation(theirs, { email: user.email, role: "editor" });

    await expectAppError(revokeInvitation(mine, invitation.id), "NOT_FOUND");

    await expect(acceptInvitation(user, invitation.token)).resolves.toEqual({
      orgSlug: theirs.orgSlug,
    });
  });

  it.each(["editor", "viewer"] as const)("refuses a %s", async (role) => {
    const owner = await makeOrg();
    const member = await addMember(owner, role);
    const invitation = await createInvitation(owner, { email: uniqueEmail(), role: "viewer" });

    await expectAppError(revokeInvitation(member.ctx, invitation.id), "FORBIDDEN");
    expect(await previewInvitation(invitation.token)).toMatchObject({ state: "pending" });
  });

  it("refuses to revoke an accepted invitation", async () => {
    const ctx = await makeOrg();
    const user = await makeUser();
    const invitation = await createInvitation(ctx, { email: user.email, role: "editor" });
    await acceptInvitation(user, invitation.token);

    await expectAppError(revokeInvitation(ctx, invitation.id), "CONFLICT", /accepted/);
    expect((await resolveOrgContext(user.userId, ctx.orgSlug))?.role).toBe("editor");
  });
});

describe("listInvitations", () => {
  it("shows pending and expired invitations, newest first, and hides accepted and revoked ones", async () => {
    const ctx = await makeOrg();
    const accepter = await makeUser();
    const expired = await createInvitation(
      ctx,
      { email: uniqueEmail("expired"), role: "viewer" },
      later(-SEVEN_DAYS - 1000),
    );
    const pending = await createInvitation(
      ctx,
      { email: uniqueEmail("pending"), role: "editor" },
      T0,
    );
    const accepted = await createInvitation(ctx, { email: accepter.email, role: "viewer" }, T0);
    await acceptInvitation(accepter, accepted.token, T0);
    const revoked = await createInvitation(
      ctx,
      { email: uniqueEmail("revoked"), role: "viewer" },
      T0,
    );
    await revokeInvitation(ctx, revoked.id, T0);
    await createInvitation(
      await makeOrg(),
      { email: uniqueEmail("elsewhere"), role: "viewer" },
      T0,
    );

    const rows = await listInvitations(ctx, T0);

    expect(rows.map(({ id, email, role, state }) => ({ id, email, role, state }))).toEqual([
      { id: pending.id, email: pending.email, role: "editor", state: "pending" },
      { id: expired.id, email: expired.email, role: "viewer", state: "expired" },
    ]);
    const owner = (await listMembers(ctx))[0];
    expect(rows[0]?.invitedBy).toBe(owner?.name);
  });

  it.each(["editor", "viewer"] as const)("refuses a %s", async (role) => {
    const owner = await makeOrg();
    const member = await addMember(owner, role);

    await expectAppError(listInvitations(member.ctx), "FORBIDDEN");
  });
});

describe("previewInvitation", () => {
  it("is null for an unknown token", async () => {
    expect(await previewInvitation("no-such-token-at-all-anywhere")).toBeNull();
  });

  it("shows the organisation, address, role and state to whoever holds the link", async () => {
    const ctx = await makeOrg(undefined, "Preview Corp");
    const invitation = await createInvitation(
      ctx,
      { email: "someone@example.test", role: "viewer" },
      T0,
    );

    expect(await previewInvitation(invitation.token, T0)).toEqual({
      orgName: "Preview Corp",
      orgSlug: ctx.orgSlug,
      email: "someone@example.test",
      role: "viewer",
      state: "pending",
    });
    expect(await previewInvitation(invitation.token, later(SEVEN_DAYS))).toMatchObject({
      state: "expired",
    });
  });
});
