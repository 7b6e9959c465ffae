import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { issueMemberResetLink } from "@/lib/db/member-reset";
import { previewPasswordReset, resetPassword } from "@/lib/db/password-reset";
import { AuthClient } from "./auth-client";
import { addMember, entries, expectAppError, expectIntactLog, makeOrg } from "./helpers";

// An owner issues a reset link for a member (where no mail is set up): shown once, logged,
// never for another owner or for someone whose other organisations the owner does not control.

describe("issueMemberResetLink", () => {
  it("gives an owner a one-hour link that resets the member's password, and logs who issued it", async () => {
    const ctx = await makeOrg();
    const editor = await addMember(ctx, "editor");

    const reset = await issueMemberResetLink(ctx, editor.membershipId);

    expect(reset.email).toBe(editor.user.email);
    expect(reset.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    const stored = await getDb().passwordResetToken.findFirstOrThrow({
      where: { userId: editor.user.userId },
      select: { issuedById: true },
    });
    expect(stored.issuedById).toBe(ctx.userId);
    const logged = (await entries(ctx.orgId)).at(-1);
    expect(logged).toMatchObject({
      action: "member.password_reset_link_issued",
      actorId: ctx.userId,
      entityId: editor.membershipId,
      after: { userId: editor.user.userId },
    });
    await expectIntactLog(ctx);

    await resetPassword(reset.token, "chosen with the owner's link", new Date());
    expect(
      await new AuthClient().signIn(editor.user.email, "chosen with the owner's link"),
    ).toEqual({ error: null });
  });

  it("refuses another owner, and the owner themself", async () => {
    const ctx = await makeOrg();
    const coOwner = await addMember(ctx, "owner");
    const own = await getDb().membership.findFirstOrThrow({
      where: { organizationId: ctx.orgId, userId: ctx.userId },
      select: { id: true },
    });
    await expectAppError(
      issueMemberResetLink(ctx, coOwner.membershipId),
      "FORBIDDEN",
      /another owner/,
    );
    await expectAppError(issueMemberResetLink(ctx, own.id), "CONFLICT", /Security page/);
    expect(
      await getDb().passwordResetToken.count({
        where: { userId: { in: [coOwner.user.userId, ctx.userId] } },
      }),
    ).toBe(0);
  });

  it("refuses a member who also belongs to another organisation", async () => {
    const ctx = await makeOrg();
    const other = await makeOrg();
    const member = await addMember(ctx, "viewer");
    await getDb().membership.create({
      data: { organizationId: other.orgId, userId: member.user.userId, role: "viewer" },
    });
    await expectAppError(
      issueMemberResetLink(ctx, member.membershipId),
      "CONFLICT",
      /another organisation/,
    );
  });

  it("stops working if the member joins another organisation before it is used", async () => {
    const ctx = await makeOrg();
    const other = await makeOrg();
    const member = await addMember(ctx, "editor");
    const reset = await issueMemberResetLink(ctx, member.membershipId);
    await getDb().membership.create({
      data: { organizationId: other.orgId, userId: member.user.userId, role: "viewer" },
    });

    expect(await previewPasswordReset(reset.token, new Date())).toBeNull();
    await expectAppError(
      resetPassword(reset.token, "chosen with the owner's link", new Date()),
      "NOT_FOUND",
      /expired or was already used/,
    );
    expect(
      await new AuthClient().signIn(member.user.email, "chosen with the owner's link"),
    ).toEqual({ error: "CredentialsSignin" });
  });

  it("stops working if its issuer is no longer an owner, or the member became one, before it is used", async () => {
    const ctx = await makeOrg();
    const coOwner = await addMember(ctx, "owner");
    const demoted = await addMember(ctx, "editor");
    const promoted = await addMember(ctx, "editor");
    const byCoOwner = await issueMemberResetLink(coOwner.ctx, demoted.membershipId);
    const forPromoted = await issueMemberResetLink(ctx, promoted.membershipId);
    await getDb().membership.update({
      where: { id: coOwner.membershipId },
      data: { role: "admin" },
    });
    await getDb().membership.update({
      where: { id: promoted.membershipId },
      data: { role: "owner" },
    });

    await expectAppError(
      resetPassword(byCoOwner.token, "chosen with the owner's link", new Date()),
      "NOT_FOUND",
      /expired or was already used/,
    );
    await expectAppError(
      resetPassword(forPromoted.token, "chosen with the owner's link", new Date()),
      "NOT_FOUND",
      /expired or was already used/,
    );
  });

  it("is for owners only", async () => {
    const ctx = await makeOrg();
    const admin = await addMember(ctx, "admin");
    const viewer = await addMember(ctx, "viewer");
    await expectAppError(issueMemberResetLink(admin.ctx, viewer.membershipId), "FORBIDDEN");
  });

  it("answers not found for another organisation's member", async () => {
    const ctx = await makeOrg();
    const other = await makeOrg();
    const theirs = await addMember(other, "editor");
    await expectAppError(issueMemberResetLink(ctx, theirs.membershipId), "NOT_FOUND");
    expect(await getDb().passwordResetToken.count({ where: { userId: theirs.user.userId } })).toBe(
      0,
    );
  });
});
