import { describe, expect, it } from "vitest";
import {
  bulkUpdateControls,
  CONTROL_PAGE_SIZE,
  listControls,
  listMatchingControlVersions,
} from "@/lib/db/controls";
import { ControlListQuery, MAX_BULK_CONTROLS } from "@/lib/schemas/control";
import { addMember, expectAppError, makeControl, makeOrg } from "./helpers";

// "Select all N matching the filter" on the control library: the page lists every matching
// control's id and version, and one bulk edit changes them all from those versions.
const query = (params: Record<string, string> = {}) => ControlListQuery.parse(params);

describe("listMatchingControlVersions", () => {
  it("lists every control the filters match, beyond the first page, for one bulk edit", async () => {
    const ctx = await makeOrg();
    const drafts = CONTROL_PAGE_SIZE + 3;
    for (let i = 0; i < drafts; i++)
      await makeControl(ctx, { ref: `D-${String(i).padStart(3, "0")}`, status: "draft" });
    await makeControl(ctx, { ref: "I-001", status: "implemented" });
    const other = await makeOrg();
    await makeControl(other, { ref: "D-999", status: "draft" });

    const filter = query({ status: "draft" });
    const { rows } = await listControls(ctx, filter);
    expect(rows).toHaveLength(CONTROL_PAGE_SIZE);
    const matching = await listMatchingControlVersions(ctx, filter, MAX_BULK_CONTROLS + 1);
    expect(matching).toHaveLength(drafts);
    expect(matching.slice(0, CONTROL_PAGE_SIZE)).toEqual(
      rows.map(({ id, version }) => ({ id, version })),
    );

    expect(await bulkUpdateControls(ctx, { controls: matching, status: "designed" })).toEqual({
      updated: drafts,
    });
    expect((await listControls(ctx, query({ status: "draft" }))).total).toBe(0);
    expect((await listControls(ctx, query({ status: "designed" }))).total).toBe(drafts);
    expect((await listControls(ctx, query({ status: "implemented" }))).total).toBe(1);
    expect((await listControls(other, query({ status: "draft" }))).total).toBe(1);
  });

  it("stops at the limit, so the page can tell there are too many for one edit", async () => {
    const ctx = await makeOrg();
    for (let i = 0; i < 4; i++) await makeControl(ctx, { ref: `L-${i}` });
    const listed = await listMatchingControlVersions(ctx, query({ sort: "ref" }), 3);
    expect(listed).toHaveLength(3);
  });

  it("is for those who may edit controls", async () => {
    const ctx = await makeOrg();
    await makeControl(ctx, { ref: "V-1" });
    const { ctx: viewer } = await addMember(ctx, "viewer");
    await expectAppError(listMatchingControlVersions(viewer, query(), 10), "FORBIDDEN");
  });
});
