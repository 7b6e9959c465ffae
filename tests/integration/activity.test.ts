import { describe, expect, it } from "vitest";
import { ACTIVITY_PAGE_SIZE, verifyActivityLog } from "@/lib/db/activity";
import { loadActivityLog } from "@/lib/db/activity-log";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { acceptInvitation, createInvitation, revokeInvitation } from "@/lib/db/invitations";
import { changeMemberRole, removeMember } from "@/lib/db/members";
import { createOrganization, renameOrganization, resolveOrgContext } from "@/lib/db/organizations";
import { hashEntry } from "@/lib/domain/activity-chain";
import {
  addMember,
  entries,
  expectAppError,
  makeOrg,
  makeUser,
  uniqueEmail,
  type Entry,
} from "./helpers";
import { versionOf } from "./version-of";

const T0 = new Date("2026-03-02T09:00:00.000Z");

/** Reads the entries written since the previous call. */
function logReader(orgId: string): () => Promise<Entry[]> {
  let seen = 0;
  return async () => {
    const all = await entries(orgId);
    const fresh = all.slice(seen);
    seen = all.length;
    return fresh;
  };
}

/** An organisation whose log holds `count` entries: created, owner added, then renames. */
async function orgWithEntries(count: number): Promise<OrgContext> {
  const ctx = await makeOrg(undefined, "Chain Corp");
  for (let n = 3; n <= count; n += 1)
    await renameOrganization(ctx, `Chain Corp ${n}`, await versionOf("organization", ctx.orgId));
  return ctx;
}

const activitySeq = async (orgId: string): Promise<number> =>
  (
    await getDb().organization.findUniqueOrThrow({
      where: { id: orgId },
      select: { activitySeq: true },
    })
  ).activitySeq;

describe("what each mutation records", () => {
  it("writes exactly the expected entries, with actor, entity and before/after", async () => {
    const owner = await makeUser();
    const { slug } = await createOrganization(owner, { name: "Trail Ltd" });
    const ctx = await resolveOrgContext(owner.userId, slug);
    if (!ctx) throw new Error("no context");
    const newEntries = logReader(ctx.orgId);
    const ownerMembership = await getDb().membership.findFirstOrThrow({
      where: { organizationId: ctx.orgId },
      select: { id: true },
    });
    const by = (actorId: string) => ({ actorId });

    expect(await newEntries()).toEqual([
      {
        seq: 1,
        ...by(owner.userId),
        action: "organization.created",
        entityType: "organization",
        entityId: ctx.orgId,
        before: null,
        after: { name: "Trail Ltd", slug },
      },
      {
        seq: 2,
        ...by(owner.userId),
        action: "member.added",
        entityType: "membership",
        entityId: ownerMembership.id,
        before: null,
        after: { userId: owner.userId, role: "owner" },
      },
    ]);

    await renameOrganization(ctx, "Trail Group", await versionOf("organization", ctx.orgId));
    expect(await newEntries()).toEqual([
      {
        seq: 3,
        ...by(owner.userId),
        action: "organization.renamed",
        entityType: "organization",
        entityId: ctx.orgId,
        before: { name: "Trail Ltd" },
        after: { name: "Trail Group" },
      },
    ]);

    const dropped = await createInvitation(
      ctx,
      { email: "dropped@example.test", role: "viewer" },
      T0,
    );
    await revokeInvitation(ctx, dropped.id, T0);
    expect(await newEntries()).toEqual([
      {
        seq: 4,
        ...by(owner.userId),
        action: "invitation.created",
        entityType: "invitation",
        entityId: dropped.id,
        before: null,
        after: {
          email: "dropped@example.test",
          role: "viewer",
          expiresAt: "2026-03-09T09:00:00.000Z",
        },
      },
      {
        seq: 5,
        ...by(owner.userId),
        action: "invitation.revoked",
        entityType: "invitation",
        entityId: dropped.id,
        before: { email: "dropped@example.test", role: "viewer" },
        after: null,
      },
    ]);

    const joiner = await makeUser();
    const invitation = await createInvitation(ctx, { email: joiner.email, role: "editor" }, T0);
    await acceptInvitation(joiner, invitation.token, T0);
    const joined = await getDb().membership.findFirstOrThrow({
      where: { organizationId: ctx.orgId, userId: joiner.userId },
      select: { id: true },
    });
    expect(await newEntries()).toEqual([
      {
        seq: 6,
        ...by(owner.userId),
        action: "invitation.created",
        entityType: "invitation",
        entityId: invitation.id,
        before: null,
        after: expect.objectContaining({ email: joiner.email, role: "editor" }),
      },
      {
        seq: 7,
        ...by(joiner.userId),
        action: "member.added",
        entityType: "membership",
        entityId: joined.id,
        before: null,
        after: { userId: joiner.userId, role: "editor", invitationId: invitation.id },
      },
      {
        seq: 8,
        ...by(joiner.userId),
        action: "invitation.accepted",
        entityType: "invitation",
        entityId: invitation.id,
        before: null,
        after: { email: joiner.email },
      },
    ]);

    await changeMemberRole(ctx, joined.id, "viewer", await versionOf("membership", joined.id));
    expect(await newEntries()).toEqual([
      {
        seq: 9,
        ...by(owner.userId),
        action: "member.role_changed",
        entityType: "membership",
        entityId: joined.id,
        before: { userId: joiner.userId, role: "editor" },
        after: { userId: joiner.userId, role: "viewer" },
      },
    ]);

    await removeMember(ctx, joined.id, await versionOf("membership", joined.id));
    expect(await newEntries()).toEqual([
      {
        seq: 10,
        ...by(owner.userId),
        action: "member.removed",
        entityType: "membership",
        entityId: joined.id,
        before: { userId: joiner.userId, role: "viewer" },
        after: null,
      },
    ]);

    expect(await verifyActivityLog(ctx)).toEqual({ ok: true, checked: 10 });
  });

  it("writes nothing for refused, failed or no-op changes", async () => {
    const ctx = await makeOrg();
    const viewer = await addMember(ctx, "viewer");
    const invitation = await createInvitation(ctx, { email: "once@example.test", role: "viewer" });
    await revokeInvitation(ctx, invitation.id);
    const ownerMembership = (
      await getDb().membership.findFirstOrThrow({
        where: { organizationId: ctx.orgId, userId: ctx.userId },
        select: { id: true },
      })
    ).id;
    const before = await entries(ctx.orgId);

    await expectAppError(
      renameOrganization(viewer.ctx, "Nope", await versionOf("organization", viewer.ctx.orgId)),
      "FORBIDDEN",
    );
    await expectAppError(
      changeMemberRole(
        ctx,
        ownerMembership,
        "admin",
        await versionOf("membership", ownerMembership),
      ),
      "CONFLICT",
    );
    await expectAppError(
      removeMember(ctx, ownerMembership, await versionOf("membership", ownerMembership)),
      "CONFLICT",
    );
    await expectAppError(
      createInvitation(ctx, { email: viewer.user.email, role: "admin" }),
      "CONFLICT",
    );
    await revokeInvitation(ctx, invitation.id);
    await changeMemberRole(
      ctx,
      viewer.membershipId,
      "viewer",
      await versionOf("membership", viewer.membershipId),
    );

    expect(await entries(ctx.orgId)).toEqual(before);
    expect(await activitySeq(ctx.orgId)).toBe(before.length);
    expect(await verifyActivityLog(ctx)).toMatchObject({ ok: true });
  });
});

describe("verifyActivityLog", () => {
  it("accepts a long chain of mixed mutations", async () => {
    const ctx = await makeOrg();
    const editor = await addMember(ctx, "editor");
    const viewer = await addMember(ctx, "viewer");
    const admin = await addMember(ctx, "admin");
    for (const [n, member] of [editor, viewer, admin].entries()) {
      await renameOrganization(ctx, `Renamed ${n}`, await versionOf("organization", ctx.orgId));
      await changeMemberRole(
        ctx,
        member.membershipId,
        n === 1 ? "editor" : "viewer",
        await versionOf("membership", member.membershipId),
      );
    }
    await removeMember(
      ctx,
      editor.membershipId,
      await versionOf("membership", editor.membershipId),
    );
    const count = (await entries(ctx.orgId)).length;

    // 2 on creation, 3 per member joining, 3 renames, 3 role changes, 1 removal.
    expect(count).toBe(18);
    expect(await verifyActivityLog(ctx)).toEqual({ ok: true, checked: count });
  });

  it("accepts an empty chain", async () => {
    const ctx = await makeOrg();
    await getDb().activityLogEntry.deleteMany({ where: { organizationId: ctx.orgId } });
    await getDb().organization.update({ where: { id: ctx.orgId }, data: { activitySeq: 0 } });

    expect(await verifyActivityLog(ctx)).toEqual({ ok: true, checked: 0 });
  });

  it("reports an entry whose content was edited", async () => {
    const ctx = await orgWithEntries(6);
    const bystander = await orgWithEntries(4);
    await getDb().activityLogEntry.update({
      where: { organizationId_seq: { organizationId: ctx.orgId, seq: 3 } },
      data: { after: JSON.stringify({ name: "Forged" }) },
    });

    expect(await verifyActivityLog(ctx)).toEqual({
      ok: false,
      checked: 2,
      firstBreak: { seq: 3, reason: "content_hash_mismatch" },
    });
    expect(await verifyActivityLog(bystander)).toEqual({ ok: true, checked: 4 });
  });

  it("reports the next entry when an edited entry's own hash was recomputed", async () => {
    const ctx = await orgWithEntries(6);
    const where = { organizationId_seq: { organizationId: ctx.orgId, seq: 3 } };
    const {
      id: _id,
      hash: _hash,
      ...content
    } = await getDb().activityLogEntry.findUniqueOrThrow({ where });
    const forged = { ...content, after: JSON.stringify({ name: "Forged" }) };
    await getDb().activityLogEntry.update({
      where,
      data: { after: forged.after, hash: hashEntry(forged) },
    });

    expect(await verifyActivityLog(ctx)).toEqual({
      ok: false,
      checked: 3,
      firstBreak: { seq: 4, reason: "previous_hash_mismatch" },
    });
  });

  it("reports a deleted entry in the middle of the chain", async () => {
    const ctx = await orgWithEntries(6);
    await getDb().activityLogEntry.delete({
      where: { organizationId_seq: { organizationId: ctx.orgId, seq: 3 } },
    });

    // The gap is noticed at the first entry after the deleted one.
    expect(await verifyActivityLog(ctx)).toEqual({
      ok: false,
      checked: 2,
      firstBreak: { seq: 4, reason: "sequence_gap" },
    });
  });

  it("reports a deleted newest entry", async () => {
    const ctx = await orgWithEntries(6);
    await getDb().activityLogEntry.delete({
      where: { organizationId_seq: { organizationId: ctx.orgId, seq: 6 } },
    });

    expect(await verifyActivityLog(ctx)).toEqual({
      ok: false,
      checked: 5,
      firstBreak: { seq: 6, reason: "missing_tail" },
    });
  });

  it("reads a chain longer than one batch and still finds a late break", async () => {
    const ctx = await makeOrg();
    const total = 2_005;
    const rows = [];
    let prevHash = (
      await getDb().activityLogEntry.findUniqueOrThrow({
        where: { organizationId_seq: { organizationId: ctx.orgId, seq: 2 } },
      })
    ).hash;
    for (let seq = 3; seq <= total; seq += 1) {
      const content = {
        organizationId: ctx.orgId,
        seq,
        actorId: ctx.userId,
        action: "test.bulk",
        entityType: "organization",
        entityId: ctx.orgId,
        before: null,
        after: `{"n":${seq}}`,
        createdAt: T0,
        prevHash,
      };
      prevHash = hashEntry(content);
      rows.push({ ...content, hash: prevHash });
    }
    await getDb().activityLogEntry.createMany({ data: rows });
    await getDb().organization.update({ where: { id: ctx.orgId }, data: { activitySeq: total } });

    expect(await verifyActivityLog(ctx)).toEqual({ ok: true, checked: total });
    await getDb().activityLogEntry.update({
      where: { organizationId_seq: { organizationId: ctx.orgId, seq: 2_003 } },
      data: { action: "test.forged" },
    });
    expect(await verifyActivityLog(ctx)).toEqual({
      ok: false,
      checked: 2_002,
      firstBreak: { seq: 2_003, reason: "content_hash_mismatch" },
    });
  });

  it.each(["editor", "viewer"] as const)("refuses a %s", async (role) => {
    const owner = await makeOrg();
    const member = await addMember(owner, role);

    await expectAppError(verifyActivityLog(member.ctx), "FORBIDDEN");
  });
});

/** A page of the log as the activity page loads it, unfiltered. */
async function listPage(ctx: OrgContext, page: number) {
  const view = await loadActivityLog(ctx, {}, page);
  if (!view.canView) throw new Error("cannot view");
  return view;
}

describe("the activity page's paging", () => {
  it("pages the organisation's own entries, newest first", async () => {
    const total = ACTIVITY_PAGE_SIZE + 5;
    const ctx = await orgWithEntries(total);
    const other = await orgWithEntries(8);
    const owner = await getDb().user.findUniqueOrThrow({
      where: { id: ctx.userId },
      select: { name: true },
    });

    const first = await listPage(ctx, 1);
    const second = await listPage(ctx, 2);
    const beyond = await listPage(ctx, 3);

    expect(first.total).toBe(total);
    expect(first.pageCount).toBe(2);
    expect(first.rows.map((row) => row.seq)).toEqual(
      Array.from({ length: ACTIVITY_PAGE_SIZE }, (_, i) => total - i),
    );
    expect(second.rows.map((row) => row.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(beyond.rows).toEqual([]);
    expect(first.rows[0]).toMatchObject({ action: "organization.renamed", actor: owner.name });

    const otherIds = new Set((await listPage(other, 1)).rows.map((row) => row.id));
    expect(otherIds.size).toBe(8);
    expect([...first.rows, ...second.rows].filter((row) => otherIds.has(row.id))).toEqual([]);
  });

  it("lets an admin read the log", async () => {
    const owner = await makeOrg();
    const admin = await addMember(owner, "admin");

    const { rows, total } = await listPage(admin.ctx, 1);

    expect(total).toBe(5);
    expect(rows.map((row) => row.action)).toEqual([
      "invitation.accepted",
      "member.added",
      "invitation.created",
      "member.added",
      "organization.created",
    ]);
  });

  it.each(["editor", "viewer"] as const)("shows a %s no entries", async (role) => {
    const owner = await makeOrg();
    const member = await addMember(owner, role);

    expect(await loadActivityLog(member.ctx, {}, 1)).toEqual({ canView: false });
  });
});

describe("concurrent appends", () => {
  it("keeps one valid chain when ten invitations are sent at once", async () => {
    const ctx = await makeOrg();

    await Promise.all(
      Array.from({ length: 10 }, () =>
        createInvitation(ctx, { email: uniqueEmail(), role: "viewer" }),
      ),
    );

    const log = await entries(ctx.orgId);
    expect(log.map((entry) => entry.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(log.filter((entry) => entry.action === "invitation.created")).toHaveLength(10);
    expect(await activitySeq(ctx.orgId)).toBe(12);
    expect(await verifyActivityLog(ctx)).toEqual({ ok: true, checked: 12 });
  });

  it("keeps each organisation's chain valid when several organisations write at once", async () => {
    const orgs = [await makeOrg(), await makeOrg(), await makeOrg()];

    await Promise.all(
      orgs.flatMap((ctx) => [
        ...Array.from({ length: 6 }, () =>
          createInvitation(ctx, { email: uniqueEmail(), role: "viewer" }),
        ),
      ]),
    );

    for (const ctx of orgs) expect(await verifyActivityLog(ctx)).toEqual({ ok: true, checked: 8 });
  });
});
