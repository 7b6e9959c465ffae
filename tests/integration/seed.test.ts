import { describe, expect, it } from "vitest";
import { verifyActivityLog } from "@/lib/db/activity";
import { getDb } from "@/lib/db/client";
import { listAuditorRequests } from "@/lib/db/auditor-requests";
import { listEngagements } from "@/lib/db/engagements";
import { listMembers } from "@/lib/db/members";
import { resolveOrgContext } from "@/lib/db/organizations";
import { verifyCredentials } from "@/lib/db/users";
import { engagementReadiness } from "@/lib/db/readiness";
import { addDays } from "@/lib/domain/readiness/calendar";
import { expectedSlots } from "@/lib/domain/readiness/slots";
import { DEFAULT_TIME_ZONE, todayIn } from "@/lib/domain/time-zone";
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

  it("tells the readiness v2 story: grace days, evidence recorded for its quarter, 60 days of trend", async () => {
    // Other tests here seed with today's date first; seedDemo then keeps that demo.
    const today = todayIn(DEFAULT_TIME_ZONE, new Date());
    await seedDemo(today);
    const owner = await signIn(DEMO_USERS.owner.email);
    const ctx = await resolveOrgContext(owner.userId, "northwind-payments");
    if (!ctx) throw new Error("no owner context");
    const db = getDb();

    const reconciliation = await db.control.findFirstOrThrow({
      where: { organizationId: ctx.orgId, ref: "DATA-07" },
      select: { graceDays: true },
    });
    expect(reconciliation.graceDays).toBe(7);
    const quarters = expectedSlots("quarterly", { start: addDays(today, -100), end: today });
    const [previousQuarter, currentQuarter] = quarters.slice(-2);
    if (!previousQuarter || !currentQuarter) throw new Error("no quarters");
    const forQuarter = await db.evidence.findMany({
      where: { organizationId: ctx.orgId, slotKey: previousQuarter.key },
      select: { effectiveDate: true },
    });
    const recorded = forQuarter.map((evidence) => evidence.effectiveDate);
    expect(recorded).toHaveLength(1);
    expect(recorded.every((date) => date >= currentQuarter.start && date <= today)).toBe(true);

    const soc2 = (await listEngagements(ctx)).find((engagement) => engagement.family === "SOC2");
    if (!soc2) throw new Error("no SOC 2 engagement");
    const { readiness } = await engagementReadiness(ctx, soc2.id, today);
    const stateOf = (ref: string, key: string) =>
      readiness.controls
        .find((control) => control.ref === ref)
        ?.operating?.slots.find((slot) => slot.key === key)?.state;
    // Last month's reconciliation is signed off on the 5th: open until its 7 days of grace end.
    const lastMonth = expectedSlots("monthly", { start: addDays(today, -40), end: today }).at(-2);
    if (!lastMonth) throw new Error("no month");
    expect(stateOf("DATA-07", lastMonth.key)).toBe(
      today <= addDays(lastMonth.end, 7) ? "open" : "covered",
    );
    expect(stateOf("GOV-05", previousQuarter.key)).toBe("covered");
    expect(stateOf("GOV-05", currentQuarter.key)).toBe("open");

    const trend = await db.readinessSnapshot.findMany({
      where: { engagementId: soc2.id },
      orderBy: { day: "asc" },
      select: { day: true, readinessPercent: true },
    });
    expect(trend.map((point) => point.day)).toEqual(
      Array.from({ length: 60 }, (_, index) => addDays(today, index - 59)),
    );
    const percents = trend.map((point) => point.readinessPercent);
    expect(percents.every((value, index) => value >= (percents[index - 1] ?? 0))).toBe(true);
    expect(percents[0]).toBeLessThan(percents[59] ?? 0);
    expect(percents[59]).toBeCloseTo(readiness.counts.readinessPercent);
  });
});
