import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { loadNewControlPage } from "@/lib/db/new-control-page";
import { makeAuditor } from "./auditor-fixture";
import { addMember, expectAppError, makeEngagement, makeOrg } from "./helpers";

// The new control page's one loader: for those who may add controls, the team members a control
// may be given to and the organisation's default grace days; a viewer gets no form.

describe("loadNewControlPage", () => {
  it("gives an editor the team (auditors left out) and the default grace days", async () => {
    const ctx = await makeOrg();
    await getDb().organization.update({
      where: { id: ctx.orgId },
      data: { defaultGraceDays: 9 },
    });
    const editor = await addMember(ctx, "editor");
    await makeAuditor(ctx, [(await makeEngagement(ctx)).id]);
    await addMember(await makeOrg(), "editor");

    const page = await loadNewControlPage(editor.ctx);

    expect(page.orgSlug).toBe(ctx.orgSlug);
    expect(page.form?.defaultGraceDays).toBe(9);
    expect(page.form?.members.map((member) => member.id).sort()).toEqual(
      [ctx.userId, editor.user.userId].sort(),
    );
  });

  it("gives a viewer no form, and is not found for an outside auditor", async () => {
    const ctx = await makeOrg();
    const viewer = await addMember(ctx, "viewer");
    expect(await loadNewControlPage(viewer.ctx)).toEqual({ orgSlug: ctx.orgSlug, form: null });
    const auditor = await makeAuditor(ctx, [(await makeEngagement(ctx)).id]);
    await expectAppError(loadNewControlPage(auditor.ctx), "NOT_FOUND");
  });
});
