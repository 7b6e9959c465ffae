import { describe, expect, it } from "vitest";
import { loadEditEngagementPage } from "@/lib/db/edit-engagement-page";
import { listObjectives, setObjectiveRetired } from "@/lib/db/objectives";
import { makeAuditor } from "./auditor-fixture";
import { addMember, expectAppError, makeEngagement, makeObjective, makeOrg } from "./helpers";

// The edit engagement page's one loader: the engagement as stored and the objectives it may be
// scoped to (retired ones only while it still includes them); for owners and admins.

describe("loadEditEngagementPage", () => {
  it("offers the active objectives and the retired ones the engagement still includes", async () => {
    const ctx = await makeOrg();
    const [active, kept, gone] = [
      await makeObjective(ctx),
      await makeObjective(ctx),
      await makeObjective(ctx),
    ];
    const engagement = await makeEngagement(ctx, {
      family: "SOC1",
      objectiveIds: [active.id, kept.id],
    });
    for (const row of await listObjectives(ctx)) {
      if (row.id === kept.id || row.id === gone.id)
        await setObjectiveRetired(ctx, row.id, true, row.version);
    }
    const admin = await addMember(ctx, "admin");

    const page = await loadEditEngagementPage(admin.ctx, engagement.id);

    expect(page.orgSlug).toBe(ctx.orgSlug);
    expect(page.form?.engagement).toMatchObject({ id: engagement.id, name: engagement.name });
    expect(page.form?.objectives.map((row) => row.id).sort()).toEqual([active.id, kept.id].sort());
  });

  it("gives editors and viewers no form, and is not found for another organisation's engagement or an auditor", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const theirs = await makeEngagement(await makeOrg());
    for (const role of ["editor", "viewer"] as const) {
      const member = await addMember(ctx, role);
      expect(await loadEditEngagementPage(member.ctx, engagement.id)).toEqual({
        orgSlug: ctx.orgSlug,
        form: null,
      });
      await expectAppError(loadEditEngagementPage(member.ctx, theirs.id), "NOT_FOUND");
    }
    await expectAppError(loadEditEngagementPage(ctx, theirs.id), "NOT_FOUND");
    const auditor = await makeAuditor(ctx, [engagement.id]);
    await expectAppError(loadEditEngagementPage(auditor.ctx, engagement.id), "NOT_FOUND");
  });
});
