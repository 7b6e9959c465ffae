import { describe, expect, it } from "vitest";
import { loadPaperworkPage } from "@/lib/db/paperwork-page";
import { savePaperworkDraft } from "@/lib/db/paperwork-drafts";
import { makeAuditedOrg } from "./auditor-fixture";
import { addMember, expectAppError, makeEngagement, makeOrg } from "./helpers";

// The paperwork page's one loader: which document it shows, generated or saved, what the bridge
// letter allows, and who may save, per role. The engagements' period ends on 2026-12-31.

const DURING = new Date("2026-06-01T12:00:00Z");
const AFTER = new Date("2027-02-15T12:00:00Z");
const assertion = { kind: "assertion", bridgeTo: null } as const;

describe("loadPaperworkPage", () => {
  it("gives management's assertion by default, with no bridge letter before the period ends", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const page = await loadPaperworkPage(ctx, engagement.id, DURING, assertion);
    expect(page.orgSlug).toBe(ctx.orgSlug);
    expect(page.engagement).toMatchObject({ id: engagement.id, name: engagement.name });
    expect(page.kind).toBe("assertion");
    expect(page.markdown).toContain("# Management's assertion (draft)");
    expect(page.bridge).toEqual({
      available: false,
      reason: expect.stringContaining("a bridge letter covers the days after it") as string,
    });
    expect(page.fileBase).toMatch(/^management-assertion-draft-.*2026-06-01$/);
    expect(page.draft).toEqual({ version: 0, saved: null });
    expect(page.permissions).toEqual({ save: true });
  });

  it("drafts a bridge letter up to the day asked, after the period, and says what is wrong with a bad day", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const latest = await loadPaperworkPage(ctx, engagement.id, AFTER, {
      kind: "bridge",
      bridgeTo: null,
    });
    expect(latest.bridge).toEqual({ available: true, first: "2027-01-01", last: "2027-02-15" });
    expect(latest).toMatchObject({ kind: "bridge", bridgeTo: "2027-02-15" });
    expect(latest.bridgeToError).toBeUndefined();
    expect(latest.markdown).toContain("# Bridge letter (draft)");

    const early = await loadPaperworkPage(ctx, engagement.id, AFTER, {
      kind: "bridge",
      bridgeTo: "2026-12-01",
    });
    expect(early.bridgeToError).toContain("after the end of the period");
    expect(early.markdown).toBeNull();
  });

  it("falls back to the assertion when the engagement allows no bridge letter", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx, {
      type: "TYPE_I",
      asOfDate: "2026-03-31",
      periodStart: undefined,
      periodEnd: undefined,
    });
    const page = await loadPaperworkPage(ctx, engagement.id, AFTER, {
      kind: "bridge",
      bridgeTo: "2027-01-10",
    });
    expect(page.kind).toBe("assertion");
    expect(page.bridge.available).toBe(false);
    expect(page.markdown).toContain("# Management's assertion (draft)");
  });

  it("shows the saved text instead of the generated one, to a viewer too, who may not save", async () => {
    const ctx = await makeOrg();
    const viewer = await addMember(ctx, "viewer");
    const engagement = await makeEngagement(ctx);
    await savePaperworkDraft(ctx, {
      engagementId: engagement.id,
      kind: "assertion",
      markdown: "# Our assertion",
      version: 0,
    });
    const page = await loadPaperworkPage(viewer.ctx, engagement.id, DURING, assertion);
    expect(page.markdown).toBe("# Our assertion");
    expect(page.draft).toMatchObject({ version: 1, saved: { number: 1 } });
    expect(page.draft.saved?.at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(page.permissions).toEqual({ save: false });
  });

  it("is not found for another organisation's engagement, or one outside an auditor's", async () => {
    const { auditor, engagementB } = await makeAuditedOrg();
    await expectAppError(
      loadPaperworkPage(auditor.ctx, engagementB.id, DURING, assertion),
      "NOT_FOUND",
    );
    const theirs = await makeEngagement(await makeOrg());
    await expectAppError(
      loadPaperworkPage(await makeOrg(), theirs.id, DURING, assertion),
      "NOT_FOUND",
    );
  });
});
