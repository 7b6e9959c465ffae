import { describe, expect, it } from "vitest";
import { loadOverviewPage, type OverviewLanding } from "@/lib/db/overview-page";
import { makeAuditor } from "./auditor-fixture";
import { addMember, makeEngagement, makeOrg } from "./helpers";

// The organisation's landing page, one loader: auditors go to their engagements, members who
// own controls to My work unless they ask for the overview; the rest see the overview, with the
// first-time guide for those who can do its steps.

const TODAY = "2026-03-01";

function landing(overrides: Partial<OverviewLanding> = {}): OverviewLanding & { reads: number } {
  const counter = {
    overviewAsked: false,
    ownedControls: 0,
    reads: 0,
    today: () => {
      counter.reads += 1;
      return Promise.resolve(TODAY);
    },
    ...overrides,
  };
  return counter;
}

describe("loadOverviewPage", () => {
  it("sends an auditor to the engagements and an owner of controls to My work, reading nothing", async () => {
    const ctx = await makeOrg();
    const auditor = await makeAuditor(ctx, [(await makeEngagement(ctx)).id]);
    const asAuditor = landing({ overviewAsked: true });
    expect(await loadOverviewPage(auditor.ctx, asAuditor)).toEqual({
      kind: "redirect",
      to: `/o/${ctx.orgSlug}/engagements`,
    });
    const owning = landing({ ownedControls: 2 });
    expect(await loadOverviewPage(ctx, owning)).toEqual({
      kind: "redirect",
      to: `/o/${ctx.orgSlug}/my-work`,
    });
    expect(asAuditor.reads + owning.reads).toBe(0);
  });

  it("shows an owner of controls who asked for it the overview, with the guide and the actions", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    await addMember(ctx, "viewer");
    await makeAuditor(ctx, [engagement.id]);

    const page = await loadOverviewPage(ctx, landing({ overviewAsked: true, ownedControls: 2 }));

    expect(page).toMatchObject({
      kind: "overview",
      orgSlug: ctx.orgSlug,
      orgName: ctx.orgName,
      role: "owner",
      members: 2,
      engagements: [{ id: engagement.id, name: engagement.name }],
      guide: { total: expect.any(Number) },
      permissions: { manageEngagements: true, invite: true },
    });
  });

  it("shows a viewer the overview without the guide or the actions", async () => {
    const ctx = await makeOrg();
    const viewer = await addMember(ctx, "viewer");
    expect(await loadOverviewPage(viewer.ctx, landing())).toMatchObject({
      kind: "overview",
      role: "viewer",
      engagements: [],
      guide: null,
      permissions: { manageEngagements: false, invite: false },
    });
  });
});
