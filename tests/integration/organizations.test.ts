import { describe, expect, it } from "vitest";
import { acceptInvitation, createInvitation } from "@/lib/db/invitations";
import {
  createOrganization,
  listMyOrganizations,
  renameOrganization,
  resolveOrgContext,
} from "@/lib/db/organizations";
import { makeAuditedOrg } from "./auditor-fixture";
import { getDb } from "@/lib/db/client";
import { addMember, entries, expectAppError, makeOrg, makeUser } from "./helpers";
import { versionOf } from "./version-of";

describe("createOrganization", () => {
  it("makes the creator its owner, with a slug taken from the name", async () => {
    const user = await makeUser();

    const { slug } = await createOrganization(user, { name: "Acme Payments, Inc." });

    expect(slug).toBe("acme-payments-inc");
    const ctx = await resolveOrgContext(user.userId, slug);
    expect(ctx).toMatchObject({
      userId: user.userId,
      orgSlug: slug,
      orgName: "Acme Payments, Inc.",
      role: "owner",
    });
  });

  it("gives a second organisation with the same name the next free slug", async () => {
    const first = await makeUser();
    const second = await makeUser();

    expect(await createOrganization(first, { name: "Globex" })).toEqual({ slug: "globex" });
    expect(await createOrganization(second, { name: "Globex" })).toEqual({ slug: "globex-2" });
    expect(await createOrganization(first, { name: "Globex" })).toEqual({ slug: "globex-3" });
  });

  it("gives simultaneous organisations with one name distinct slugs", async () => {
    const users = await Promise.all([makeUser(), makeUser(), makeUser()]);

    const slugs = await Promise.all(
      users.map((user) => createOrganization(user, { name: "Initech" })),
    );

    expect(slugs.map(({ slug }) => slug).sort()).toEqual(["initech", "initech-2", "initech-3"]);
  });
});

describe("listMyOrganizations", () => {
  it("lists only the organisations the user belongs to, by name, with their role", async () => {
    const user = await makeUser();
    const zeta = await makeOrg(user, "Zeta Corp");
    const alpha = await makeOrg(undefined, "Alpha Corp");
    const invitation = await createInvitation(alpha, { email: user.email, role: "editor" });
    await acceptInvitation(user, invitation.token);
    await makeOrg(undefined, "Not Mine");

    expect(await listMyOrganizations(user)).toEqual([
      { id: alpha.orgId, name: "Alpha Corp", slug: alpha.orgSlug, role: "editor" },
      { id: zeta.orgId, name: "Zeta Corp", slug: zeta.orgSlug, role: "owner" },
    ]);
  });

  it("leaves out an organisation where the auditor's access has been revoked or has expired", async () => {
    const { owner, team, auditor } = await makeAuditedOrg();
    expect((await listMyOrganizations(auditor.user)).map((org) => org.slug)).toEqual([
      team.orgSlug,
    ]);

    await getDb().auditorAccess.updateMany({
      where: { userId: auditor.user.userId },
      data: { revokedAt: new Date() },
    });

    expect(await listMyOrganizations(auditor.user)).toEqual([]);
    const later = new Date(Date.now() + 400 * 24 * 60 * 60 * 1000);
    expect(await listMyOrganizations(owner, later)).toHaveLength(1);
  });

  it("is empty for a user without organisations", async () => {
    await makeOrg();
    expect(await listMyOrganizations(await makeUser())).toEqual([]);
  });
});

describe("resolveOrgContext", () => {
  it("is null for someone who is not a member (another organisation's slug)", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();

    expect(await resolveOrgContext(mine.userId, theirs.orgSlug)).toBeNull();
  });

  it("is null for an unknown slug", async () => {
    const ctx = await makeOrg();
    expect(await resolveOrgContext(ctx.userId, "no-such-org")).toBeNull();
  });

  it("carries the member's own role", async () => {
    const owner = await makeOrg();
    const { user, ctx } = await addMember(owner, "editor");

    expect(ctx).toEqual({
      userId: user.userId,
      orgId: owner.orgId,
      orgSlug: owner.orgSlug,
      orgName: owner.orgName,
      role: "editor",
    });
  });
});

describe("renameOrganization", () => {
  it("lets an admin rename and logs the old and new name", async () => {
    const owner = await makeOrg(undefined, "Old Name");
    const admin = await addMember(owner, "admin");

    await renameOrganization(
      admin.ctx,
      "New Name",
      await versionOf("organization", admin.ctx.orgId),
    );

    expect((await resolveOrgContext(owner.userId, owner.orgSlug))?.orgName).toBe("New Name");
    const last = (await entries(owner.orgId)).at(-1);
    expect(last).toMatchObject({
      action: "organization.renamed",
      actorId: admin.user.userId,
      entityType: "organization",
      entityId: owner.orgId,
      before: { name: "Old Name" },
      after: { name: "New Name" },
    });
  });

  it.each(["editor", "viewer"] as const)("refuses a %s and changes nothing", async (role) => {
    const owner = await makeOrg(undefined, "Kept Name");
    const member = await addMember(owner, role);
    const logged = (await entries(owner.orgId)).length;

    await expectAppError(
      renameOrganization(member.ctx, "Hijacked", await versionOf("organization", member.ctx.orgId)),
      "FORBIDDEN",
    );

    expect((await resolveOrgContext(owner.userId, owner.orgSlug))?.orgName).toBe("Kept Name");
    expect(await entries(owner.orgId)).toHaveLength(logged);
  });

  it("renames only the caller's organisation", async () => {
    const mine = await makeOrg(undefined, "Mine");
    const theirs = await makeOrg(undefined, "Theirs");

    await renameOrganization(mine, "Mine Renamed", await versionOf("organization", mine.orgId));

    expect((await resolveOrgContext(theirs.userId, theirs.orgSlug))?.orgName).toBe("Theirs");
    expect((await entries(theirs.orgId)).map((entry) => entry.action)).not.toContain(
      "organization.renamed",
    );
  });
});
