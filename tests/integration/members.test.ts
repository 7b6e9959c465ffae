import { describe, expect, it } from "vitest";
import { changeMemberRole, listMembers, removeMember } from "@/lib/db/members";
import { resolveOrgContext } from "@/lib/db/organizations";
import type { OrgContext } from "@/lib/db/context";
import { addMember, expectAppError, makeOrg } from "./helpers";
import { versionOf } from "./version-of";

const roleOf = async (ctx: OrgContext, userId: string) =>
  (await resolveOrgContext(userId, ctx.orgSlug))?.role ?? null;

async function ownMembershipId(ctx: OrgContext): Promise<string> {
  const me = (await listMembers(ctx)).find((member) => member.userId === ctx.userId);
  if (!me) throw new Error("not a member");
  return me.membershipId;
}

describe("listMembers", () => {
  it("lists the organisation's members in joining order, to a viewer too", async () => {
    const owner = await makeOrg();
    const editor = await addMember(owner, "editor");
    const viewer = await addMember(owner, "viewer");
    await addMember(await makeOrg(), "admin");

    const members = await listMembers(viewer.ctx);

    expect(members.map(({ userId, role }) => ({ userId, role }))).toEqual([
      { userId: owner.userId, role: "owner" },
      { userId: editor.user.userId, role: "editor" },
      { userId: viewer.user.userId, role: "viewer" },
    ]);
    expect(members[1]).toMatchObject({
      membershipId: editor.membershipId,
      name: editor.user.name,
      email: editor.user.email,
    });
  });
});

describe("changeMemberRole", () => {
  it("lets an admin change an editor to a viewer", async () => {
    const owner = await makeOrg();
    const admin = await addMember(owner, "admin");
    const editor = await addMember(owner, "editor");

    await changeMemberRole(
      admin.ctx,
      editor.membershipId,
      "viewer",
      await versionOf("membership", editor.membershipId),
    );

    expect(await roleOf(owner, editor.user.userId)).toBe("viewer");
  });

  it("refuses an admin granting the owner role or changing an owner", async () => {
    const owner = await makeOrg();
    const admin = await addMember(owner, "admin");
    const editor = await addMember(owner, "editor");

    await expectAppError(
      changeMemberRole(
        admin.ctx,
        editor.membershipId,
        "owner",
        await versionOf("membership", editor.membershipId),
      ),
      "FORBIDDEN",
    );
    await expectAppError(
      changeMemberRole(
        admin.ctx,
        await ownMembershipId(owner),
        "viewer",
        await versionOf("membership", await ownMembershipId(owner)),
      ),
      "FORBIDDEN",
    );
    await expectAppError(
      changeMemberRole(
        admin.ctx,
        admin.membershipId,
        "owner",
        await versionOf("membership", admin.membershipId),
      ),
      "FORBIDDEN",
    );

    expect(await roleOf(owner, editor.user.userId)).toBe("editor");
    expect(await roleOf(owner, owner.userId)).toBe("owner");
    expect(await roleOf(owner, admin.user.userId)).toBe("admin");
  });

  it("refuses to demote the last owner", async () => {
    const owner = await makeOrg();

    await expectAppError(
      changeMemberRole(
        owner,
        await ownMembershipId(owner),
        "admin",
        await versionOf("membership", await ownMembershipId(owner)),
      ),
      "CONFLICT",
      /at least one owner/,
    );
    expect(await roleOf(owner, owner.userId)).toBe("owner");
  });

  it("lets one of two owners be demoted, then protects the remaining one", async () => {
    const owner = await makeOrg();
    const second = await addMember(owner, "owner");

    await changeMemberRole(
      second.ctx,
      await ownMembershipId(owner),
      "admin",
      await versionOf("membership", await ownMembershipId(owner)),
    );

    expect(await roleOf(owner, owner.userId)).toBe("admin");
    await expectAppError(
      changeMemberRole(
        second.ctx,
        second.membershipId,
        "viewer",
        await versionOf("membership", second.membershipId),
      ),
      "CONFLICT",
    );
  });

  it("never leaves an organisation without an owner when two owners demote each other at once", async () => {
    const first = await makeOrg();
    const second = await addMember(first, "owner");
    const firstMembershipId = await ownMembershipId(first);

    const results = await Promise.allSettled([
      changeMemberRole(
        first,
        second.membershipId,
        "admin",
        await versionOf("membership", second.membershipId),
      ),
      changeMemberRole(
        second.ctx,
        firstMembershipId,
        "admin",
        await versionOf("membership", firstMembershipId),
      ),
    ]);

    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect((await listMembers(first)).filter((member) => member.role === "owner")).toHaveLength(1);
  });

  it("answers not found for another organisation's membership and changes nothing", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    const their = await addMember(theirs, "editor");

    await expectAppError(
      changeMemberRole(
        mine,
        their.membershipId,
        "viewer",
        await versionOf("membership", their.membershipId),
      ),
      "NOT_FOUND",
    );
    expect(await roleOf(theirs, their.user.userId)).toBe("editor");
  });

  it.each(["editor", "viewer"] as const)("refuses a %s", async (role) => {
    const owner = await makeOrg();
    const member = await addMember(owner, role);
    const other = await addMember(owner, "viewer");

    await expectAppError(
      changeMemberRole(
        member.ctx,
        other.membershipId,
        "editor",
        await versionOf("membership", other.membershipId),
      ),
      "FORBIDDEN",
    );
    await expectAppError(
      changeMemberRole(
        member.ctx,
        member.membershipId,
        "admin",
        await versionOf("membership", member.membershipId),
      ),
      "FORBIDDEN",
    );
    expect(await roleOf(owner, member.user.userId)).toBe(role);
  });
});

describe("removeMember", () => {
  it("lets an admin remove an editor, who then loses access", async () => {
    const owner = await makeOrg();
    const admin = await addMember(owner, "admin");
    const editor = await addMember(owner, "editor");

    await removeMember(
      admin.ctx,
      editor.membershipId,
      await versionOf("membership", editor.membershipId),
    );

    expect(await resolveOrgContext(editor.user.userId, owner.orgSlug)).toBeNull();
  });

  it("refuses to remove the last owner", async () => {
    const owner = await makeOrg();

    await expectAppError(
      removeMember(
        owner,
        await ownMembershipId(owner),
        await versionOf("membership", await ownMembershipId(owner)),
      ),
      "CONFLICT",
      /at least one owner/,
    );
    expect(await roleOf(owner, owner.userId)).toBe("owner");
  });

  it("lets an owner remove another owner", async () => {
    const owner = await makeOrg();
    const second = await addMember(owner, "owner");

    await removeMember(
      owner,
      second.membershipId,
      await versionOf("membership", second.membershipId),
    );

    expect(await resolveOrgContext(second.user.userId, owner.orgSlug)).toBeNull();
  });

  it("refuses an admin removing an owner", async () => {
    const owner = await makeOrg();
    await addMember(owner, "owner");
    const admin = await addMember(owner, "admin");

    await expectAppError(
      removeMember(
        admin.ctx,
        await ownMembershipId(owner),
        await versionOf("membership", await ownMembershipId(owner)),
      ),
      "FORBIDDEN",
    );
    expect(await roleOf(owner, owner.userId)).toBe("owner");
  });

  it("answers not found for another organisation's membership and removes nothing", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    const their = await addMember(theirs, "editor");

    await expectAppError(
      removeMember(mine, their.membershipId, await versionOf("membership", their.membershipId)),
      "NOT_FOUND",
    );
    expect(await roleOf(theirs, their.user.userId)).toBe("editor");
  });

  it.each(["editor", "viewer"] as const)("refuses a %s", async (role) => {
    const owner = await makeOrg();
    const member = await addMember(owner, role);
    const other = await addMember(owner, "viewer");

    await expectAppError(
      removeMember(
        member.ctx,
        other.membershipId,
        await versionOf("membership", other.membershipId),
      ),
      "FORBIDDEN",
    );
    expect(await roleOf(owner, other.user.userId)).toBe("viewer");
  });
});
