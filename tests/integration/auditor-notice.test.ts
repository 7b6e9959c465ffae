import { describe, expect, it } from "vitest";
import { revokeAuditorAccess } from "@/lib/db/auditor-access";
import { myAccessNotice } from "@/lib/db/auditor-notice";
import { getDb } from "@/lib/db/client";
import { grantOf, makeAuditor } from "./auditor-fixture";
import { addMember, makeEngagement, makeOrg } from "./helpers";

// The banner on every page an auditor sees: their engagements and last days, in the
// organisation's time zone, with the days left in the last week; nothing for the team.

const NOW = new Date("2026-03-10T12:00:00Z");

async function warsawOrg() {
  const team = await makeOrg();
  await getDb().organization.update({
    where: { id: team.orgId },
    data: { timeZone: "Europe/Warsaw" },
  });
  return team;
}

describe("myAccessNotice", () => {
  it("tells an auditor until when each engagement is open, soonest first, with days left", async () => {
    const team = await warsawOrg();
    const long = await makeEngagement(team, { name: "SOC 1 Type II 2026" });
    const soon = await makeEngagement(team, { name: "SOC 2 Type II 2026" });
    const auditor = await makeAuditor(team, [long.id, soon.id], "2026-04-30", NOW);
    await getDb().auditorAccess.update({
      where: { id: (await grantOf(auditor.user.userId, soon.id)).id },
      data: { expiresAt: new Date("2026-03-13T23:00:00Z") }, // the end of 13 March in Warsaw
    });

    expect(await myAccessNotice(auditor.ctx, NOW)).toEqual({
      text: "Read-only auditor access to SOC 2 Type II 2026, until 13 Mar 2026; SOC 1 Type II 2026, until 30 Apr 2026 (Europe/Warsaw). 4 days left for SOC 2 Type II 2026.",
      daysLeft: 4,
    });
  });

  it("leaves out revoked access and says nothing once none is left", async () => {
    const team = await warsawOrg();
    const engagement = await makeEngagement(team, { name: "ISAE 3402 Type I" });
    const auditor = await makeAuditor(team, [engagement.id], "2026-06-30", NOW);
    expect((await myAccessNotice(auditor.ctx, NOW))?.text).toBe(
      "Read-only auditor access to ISAE 3402 Type I, until 30 Jun 2026 (Europe/Warsaw).",
    );
    const grant = await grantOf(auditor.user.userId, engagement.id);
    await revokeAuditorAccess(team, grant.id, NOW);
    expect(await myAccessNotice(auditor.ctx, NOW)).toBeNull();
  });

  it("is null for the team, whose access does not run out", async () => {
    const team = await warsawOrg();
    await makeAuditor(team, [(await makeEngagement(team)).id], "2026-04-30", NOW);
    const viewer = await addMember(team, "viewer");
    expect(await myAccessNotice(team, NOW)).toBeNull();
    expect(await myAccessNotice(viewer.ctx, NOW)).toBeNull();
  });

  it("reads only the organisation asked about", async () => {
    const team = await warsawOrg();
    const auditor = await makeAuditor(team, [(await makeEngagement(team)).id], "2026-04-30", NOW);
    const other = await makeOrg();
    const theirs = await makeEngagement(other, { name: "Someone else's engagement" });
    await getDb().auditorAccess.create({
      data: {
        organizationId: other.orgId,
        userId: auditor.user.userId,
        engagementId: theirs.id,
        expiresAt: new Date("2026-03-11T00:00:00Z"),
        grantedById: other.userId,
      },
    });
    expect((await myAccessNotice(auditor.ctx, NOW))?.text).not.toContain("Someone else");
  });
});
