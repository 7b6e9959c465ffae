import { describe, expect, it } from "vitest";
import { loadCataloguePage } from "@/lib/db/catalogue-page";
import { setControlMappings } from "@/lib/db/mappings";
import { makeAuditor } from "./auditor-fixture";
import {
  addMember,
  criterion,
  expectAppError,
  makeControl,
  makeEngagement,
  makeOrg,
} from "./helpers";

// The SOC 2 criteria page's one loader: the criteria in their groups with how many of this
// organisation's controls each is mapped to; not for outside auditors.

describe("loadCataloguePage", () => {
  it("counts only this organisation's controls mapped to each criterion, in groups", async () => {
    const ctx = await makeOrg();
    const [first, second] = [await makeControl(ctx), await makeControl(ctx)];
    await setControlMappings(ctx, first.id, [criterion("CC6.1"), criterion("CC6.2")], []);
    await setControlMappings(ctx, second.id, [criterion("CC6.1")], []);
    const other = await makeOrg();
    await setControlMappings(other, (await makeControl(other)).id, [criterion("CC6.2")], []);
    const viewer = await addMember(ctx, "viewer");

    const page = await loadCataloguePage(viewer.ctx);

    const criteria = page.groups.flatMap((group) => group.criteria);
    expect(page.criteriaCount).toBe(criteria.length);
    expect(page.editionLabel).toMatch(/Trust Services Criteria/);
    expect(new Set(page.groups.map((group) => group.name)).size).toBe(page.groups.length);
    for (const group of page.groups) {
      expect(group.criteria.every((line) => line.group === group.name)).toBe(true);
    }
    const byCode = new Map(criteria.map((line) => [line.code, line]));
    expect(byCode.get("CC6.1")).toMatchObject({ controls: 2, categoryLabel: "Security" });
    expect(byCode.get("CC6.2")?.controls).toBe(1);
    expect(byCode.get("CC6.3")?.controls).toBe(0);
  });

  it("is not found for an outside auditor", async () => {
    const ctx = await makeOrg();
    const auditor = await makeAuditor(ctx, [(await makeEngagement(ctx)).id]);
    await expectAppError(loadCataloguePage(auditor.ctx), "NOT_FOUND");
  });
});
