import { describe, expect, it } from "vitest";
import { createInvitation } from "@/lib/db/invitations";
import { loadMembersPage } from "@/lib/db/members-page";
import { makeAuditor } from "./auditor-fixture";
import { addMember, expectAppError, makeEngagement, makeOrg, uniqueEmail } from "./helpers";

// The members page's one loader: what it lists, and what it lets the viewer do, per role.

describe("loadMembersPage", () => {
  it("gives an owner every member with the actions they may take, and the pending invitations", async () => {
    const ctx = await makeOrg();
    const viewer = await addMember(ctx, "viewer");
    const invited = uniqueEmail("invited");
    await createInvitation(ctx, { email: invited, role: "editor" });
    await addMember(await makeOrg(), "editor"); // another organisation's people stay out

    const page = await loadMembersPage(ctx);

    expect(page.orgSlug).toBe(ctx.orgSlug);
    expect(page.permissions).toEqual({ invite: true, manage: true });
    expect(page.inviteRoles).toEqual(["owner", "admin", "editor", "viewer"]);
    expect(page.members.map((member) => member.userId)).toEqual([ctx.userId, viewer.user.userId]);
    const [me, them] = page.members;
    expect(me).toMatchObject({ role: "owner", isYou: true, canResetPassword: false });
    expect(them).toMatchObject({
      role: "viewer",
      isYou: false,
      roleChoices: ["owner", "admin", "editor", "viewer"],
      canResetPassword: true,
      canRemove: true,
    });
    expect(page.invitations.map((invitation) => [invitation.email, invitation.role])).toEqual([
      [invited, "editor"],
    ]);
  });

  it("gives a viewer the list to read: no role picker, no actions, no invitations", async () => {
    const ctx = await makeOrg();
    const viewer = await addMember(ctx, "viewer");
    await createInvitation(ctx, { email: uniqueEmail("invited"), role: "editor" });

    const page = await loadMembersPage(viewer.ctx);

    expect(page.permissions).toEqual({ invite: false, manage: false });
    expect(page.inviteRoles).toEqual([]);
    expect(page.invitations).toEqual([]);
    expect(page.members).toHaveLength(2);
    for (const member of page.members) {
      expect(member.roleChoices).toEqual([member.role]);
      expect(member).toMatchObject({ canResetPassword: false, canRemove: false });
    }
    expect(page.members.find((member) => member.isYou)?.userId).toBe(viewer.user.userId);
  });

  it("lets an admin manage everyone but the owner", async () => {
    const ctx = await makeOrg();
    const admin = await addMember(ctx, "admin");
    const page = await loadMembersPage(admin.ctx);
    const owner = page.members.find((member) => member.role === "owner");
    expect(owner).toMatchObject({
      roleChoices: ["owner"],
      canRemove: false,
      canResetPassword: false,
    });
    expect(page.inviteRoles).toEqual(["admin", "editor", "viewer"]);
  });

  it("is not found for an outside auditor", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const auditor = await makeAuditor(ctx, [engagement.id]);
    await expectAppError(loadMembersPage(auditor.ctx), "NOT_FOUND");
  });
});
