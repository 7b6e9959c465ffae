import { describe, expect, it } from "vitest";
import { verifyActivityLog } from "@/lib/db/activity";
import { getDb } from "@/lib/db/client";
import { listAuditorRequests } from "@/lib/db/auditor-requests";
import { listEngagements } from "@/lib/db/engagements";
import { listMembers } from "@/lib/db/members";
import { resolveOrgContext } from "@/lib/db/organizations";
import { verifyCredentials } from "@/lib/db/users";
import { DEMO_ORG_NAME, DEMO_PASSWORD, DEMO_USERS, seedDemo } from "@/prisma/seed";

async function signIn(email: string) {
  const result = await verifyCredentials({ email, password: DEMO_PASSWORD }, "127.0.0.1");
  if (!result.ok) throw new Error(`${email} cannot sign in: ${result.reason}`);
  return result.user;
}

async function rowCounts() {
  const db = getDb();
  return {
    users: await db.user.count(),
    organizations: await db.organization.count(),
    memberships: await db.membership.count(),
    invitations: await db.invitation.count(),
    activity: await db.activityLogEntry.count(),
  };
}

describe("seedDemo", () => {
  it("creates the demo organisation with an owner and a viewer who can sign in", async () => {
    const result = await seedDemo();

    expect(result).toEqual({ created: true, orgSlug: "northwind-payments" });
    const owner = await signIn(DEMO_USERS.owner.email);
    const viewer = await signIn(DEMO_USERS.viewer.email);
    const ownerCtx = await resolveOrgContext(owner.userId, "northwind-payments");
    expect(ownerCtx).toMatchObject({ orgName: DEMO_ORG_NAME, role: "owner" });
    expect(await resolveOrgContext(viewer.userId, "northwind-payments")).toMatchObject({
      role: "viewer",
    });
    if (!ownerCtx) throw new Error("no owner context");
    expect((await listMembers(ownerCtx)).map(({ email, role }) => ({ email, role }))).toEqual([
      { email: DEMO_USERS.owner.email, role: "owner" },
      { email: DEMO_USERS.viewer.email, role: "viewer" },
      { email: DEMO_USERS.auditor.email, role: "auditor" },
    ]);
    expect(await verifyActivityLog(ownerCtx)).toMatchObject({ ok: true });
  });

  it("does nothing when run again", async () => {
    await seedDemo();
    const before = await rowCounts();

    expect(await seedDemo()).toEqual({ created: false, orgSlug: null });
    expect(await rowCounts()).toEqual(before);
    expect(before).toMatchObject({ users: 3, organizations: 1, memberships: 3 });
  });

  it("gives the demo auditor the SOC 2 engagement only, with an open request, so both sides can be shown", async () => {
    await seedDemo();
    const auditor = await signIn(DEMO_USERS.auditor.email);
    const ctx = await resolveOrgContext(auditor.userId, "northwind-payments");
    expect(ctx).toMatchObject({ role: "auditor" });
    if (!ctx) throw new Error("no auditor context");
    const engagements = await listEngagements(ctx);
    expect(engagements.map((engagement) => engagement.family)).toEqual(["SOC2"]);
    const requests = await listAuditorRequests(ctx, { status: "open" });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.target.label).toMatch(/^CC6\.2 \w/);
  });
});
