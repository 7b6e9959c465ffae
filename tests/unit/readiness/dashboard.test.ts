import { describe, expect, it } from "vitest";
import { countsByGroup } from "@/lib/domain/readiness/dashboard";

describe("countsByGroup", () => {
  it("counts statuses per group in first-seen order", () => {
    const groups = countsByGroup([
      { group: "CC6", status: "ready" },
      { group: "CC1", status: "unmapped" },
      { group: "CC6", status: "not_applicable" },
    ]);
    expect(
      groups.map((g) => [
        g.group,
        g.total,
        g.counts.ready,
        g.counts.unmapped,
        g.counts.not_applicable,
      ]),
    ).toEqual([
      ["CC6", 2, 1, 0, 1],
      ["CC1", 1, 0, 1, 0],
    ]);
  });
});
