import { describe, expect, it } from "vitest";
import { loadEngagementPage } from "@/lib/db/engagement-page";
import { makeAuditedOrg } from "./auditor-fixture";
import { entries, expectAppError, makeEngagement, makeOrg } from "./helpers";

// The engagement overview's one loader: the engagement's readiness, the requirements the status
// filter keeps, the contract's warnings and the links each role may follow; an auditor's visit
// goes to the access log, another organisation's engagement is not found.

const TODAY = "2026-03-01";

describe("loadEngagementPage", () => {
  it("gives an owner every requirement, or those of one status, and every link", async () => {
    const { team, engagementB } = await makeAuditedOrg();

    const all = await loadEngagementPage(team, engagementB.id, TODAY, undefined);
    expect(all.orgSlug).toBe(team.orgSlug);
    expect(all.engagement.id).toBe(engagementB.id);
    expect(all.permissions).toEqual({ exports: true, paperwork: true, editScope: true });
    expect(all.filter).toBeUndefined();
    expect(all.requirements).toHaveLength(all.counts.total);
    expect(all.anyRequirement).toBe(true);
    expect(all.warnings).toEqual([]);
    expect(all.readiness.controlCounts.total).toBe(2);

    const unmapped = await loadEngagementPage(team, engagementB.id, TODAY, "unmapped");
    expect(unmapped.filter).toBe("unmapped");
    expect(unmapped.requirements.length).toBe(all.counts.unmapped);
    expect(unmapped.requirements.every((r) => r.status === "unmapped")).toBe(true);
    expect(unmapped.requirements.map((r) => r.code)).not.toContain("CC6.1");
    expect(unmapped.counts).toEqual(all.counts);
  });

  it("warns about a short period and says when nothing is in scope", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx, {
      family: "SOC1",
      periodStart: "2026-01-01",
      periodEnd: "2026-02-01",
    });
    const page = await loadEngagementPage(ctx, engagement.id, TODAY, undefined);
    expect(page.anyRequirement).toBe(false);
    expect(page.requirements).toEqual([]);
    expect(page.warnings.map((warning) => warning.code)).toEqual(["period_short"]);
  });

  it("hides scope editing from a viewer, and paperwork from an auditor, whose visit is logged", async () => {
    const { team, viewer, auditor, engagementA } = await makeAuditedOrg();

    const read = await loadEngagementPage(viewer.ctx, engagementA.id, TODAY, undefined);
    expect(read.permissions).toEqual({ exports: true, paperwork: true, editScope: false });
    expect((await entries(team.orgId)).at(-1)?.action).not.toBe("auditor.viewed");

    const audited = await loadEngagementPage(auditor.ctx, engagementA.id, TODAY, undefined);
    expect(audited.permissions).toEqual({ exports: true, paperwork: false, editScope: false });
    expect((await entries(team.orgId)).at(-1)).toMatchObject({
      action: "auditor.viewed",
      actorId: auditor.user.userId,
      entityType: "engagement",
      entityId: engagementA.id,
      after: { label: `${engagementA.name}: requirements`, engagementId: engagementA.id },
    });
  });

  it("is not found for another organisation's engagement or one an auditor was not given", async () => {
    const { team, auditor, engagementB } = await makeAuditedOrg();
    const theirs = await makeEngagement(await makeOrg());
    await expectAppError(loadEngagementPage(team, theirs.id, TODAY, undefined), "NOT_FOUND");
    await expectAppError(
      loadEngagementPage(auditor.ctx, engagementB.id, TODAY, undefined),
      "NOT_FOUND",
    );
  });
});
