import { describe, expect, it } from "vitest";
import { CONTROL_PAGE_SIZE } from "@/lib/db/controls";
import { loadControlsPage } from "@/lib/db/controls-page";
import { ControlListQuery } from "@/lib/schemas/control";
import { makeAuditor } from "./auditor-fixture";
import { addMember, expectAppError, makeControl, makeEngagement, makeOrg } from "./helpers";

// The control library's one loader: a page of the matching controls, the members, and for those
// who may edit every matching control's id and version for one bulk edit; not for auditors.

const query = (params: Record<string, string> = {}) => ControlListQuery.parse(params);

describe("loadControlsPage", () => {
  it("gives an editor every matching control for one bulk edit, beyond the first page", async () => {
    const ctx = await makeOrg();
    const drafts = CONTROL_PAGE_SIZE + 2;
    for (let i = 0; i < drafts; i++)
      await makeControl(ctx, { ref: `D-${String(i).padStart(3, "0")}`, status: "draft" });
    await makeControl(ctx, { ref: "I-001", status: "implemented" });
    await makeControl(await makeOrg(), { ref: "D-999", status: "draft" });
    const editor = await addMember(ctx, "editor");

    const page = await loadControlsPage(editor.ctx, query({ status: "draft", page: "2" }));

    expect(page).toMatchObject({
      orgSlug: ctx.orgSlug,
      query: { status: "draft", page: 2 },
      total: drafts,
      page: 2,
      pageCount: 2,
      filtered: true,
      permissions: { edit: true },
    });
    expect(page.rows.map((row) => row.ref)).toEqual([
      `D-${String(CONTROL_PAGE_SIZE).padStart(3, "0")}`,
      `D-${String(CONTROL_PAGE_SIZE + 1).padStart(3, "0")}`,
    ]);
    expect(page.bulk?.total).toBe(drafts);
    expect(page.bulk?.controls).toHaveLength(drafts);
    expect(page.members.map((member) => member.id).sort()).toEqual(
      [ctx.userId, editor.user.userId].sort(),
    );
  });

  it("gives a viewer the list without the bulk edit", async () => {
    const ctx = await makeOrg();
    const control = await makeControl(ctx, { ref: "V-1" });
    const viewer = await addMember(ctx, "viewer");

    const page = await loadControlsPage(viewer.ctx, query());

    expect(page.rows.map((row) => row.id)).toEqual([control.id]);
    expect(page).toMatchObject({ filtered: false, bulk: null, permissions: { edit: false } });
  });

  it("is not found for an outside auditor", async () => {
    const ctx = await makeOrg();
    const auditor = await makeAuditor(ctx, [(await makeEngagement(ctx)).id]);
    await expectAppError(loadControlsPage(auditor.ctx, query()), "NOT_FOUND");
  });
});
