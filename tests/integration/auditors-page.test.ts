import { describe, expect, it } from "vitest";
import { inviteAuditor } from "@/lib/db/auditor-access";
import { loadAuditorsPage } from "@/lib/db/auditors-page";
import { dayAfter, makeAuditor } from "./auditor-fixture";
import { addMember, expectAppError, makeEngagement, makeOrg, uniqueEmail } from "./helpers";

// The auditors page's one loader: who has access to what, invitations waiting, the engagements
// an invitation may name, and what auditors opened; for those who manage auditors only.

const TODAY = "2026-03-01";

describe("loadAuditorsPage", () => {
  it("gives an owner the auditors, waiting invitations, engagements and the default last day", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const auditor = await makeAuditor(ctx, [engagement.id]);
    const waiting = uniqueEmail("waiting");
    await inviteAuditor(ctx, {
      email: waiting,
      engagementIds: [engagement.id],
      lastDay: dayAfter(10),
    });
    const other = await makeOrg();
    await makeAuditor(other, [(await makeEngagement(other)).id]);

    const page = await loadAuditorsPage(ctx, TODAY);

    expect(page.orgSlug).toBe(ctx.orgSlug);
    expect(page.engagements).toEqual([{ id: engagement.id, name: engagement.name }]);
    expect(page.defaultLastDay).toBe("2026-05-30");
    expect(page.auditors.map((row) => row.userId)).toEqual([auditor.user.userId]);
    expect(page.auditors[0]?.grants).toMatchObject([
      { engagementId: engagement.id, engagementName: engagement.name, state: "active" },
    ]);
    expect(page.pending.map((invitation) => invitation.email)).toEqual([waiting]);
    expect(page.activity).toEqual([]);
  });

  it("is not found for a viewer, an editor and an outside auditor", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const viewer = await addMember(ctx, "viewer");
    const editor = await addMember(ctx, "editor");
    const auditor = await makeAuditor(ctx, [engagement.id]);
    await expectAppError(loadAuditorsPage(viewer.ctx, TODAY), "NOT_FOUND");
    await expectAppError(loadAuditorsPage(editor.ctx, TODAY), "NOT_FOUND");
    await expectAppError(loadAuditorsPage(auditor.ctx, TODAY), "NOT_FOUND");
  });
});
