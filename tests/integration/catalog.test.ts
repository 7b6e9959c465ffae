import { describe, expect, it, vi } from "vitest";
import { ensureCatalog, listCriteria } from "@/lib/db/catalog";
import { getDb } from "@/lib/db/client";
import { CURRENT_CRITERIA_EDITION, currentCriteria } from "@/lib/domain/catalog";
import { criterion } from "./helpers";

// The catalogue is global, not tenant data: no context, so no cross-tenant or role cases here.

/** ensureCatalog as another app instance sees it: a fresh module with an empty sync cache. */
async function freshEnsureCatalog(): Promise<() => Promise<void>> {
  vi.resetModules();
  return (await import("@/lib/db/catalog")).ensureCatalog;
}

const criterionCount = () => getDb().criterion.count();

describe("ensureCatalog", () => {
  it("loads the 61 criteria once, and running it again changes nothing", async () => {
    await ensureCatalog();
    await ensureCatalog();
    await (
      await freshEnsureCatalog()
    )();

    expect(await criterionCount()).toBe(61);
  });

  it("copes with several instances syncing at the same moment", async () => {
    await getDb().criterion.deleteMany({ where: { code: { in: ["A1.1", "P8.1"] } } });
    const instances = [
      await freshEnsureCatalog(),
      await freshEnsureCatalog(),
      await freshEnsureCatalog(),
    ];

    await Promise.all(instances.map((ensure) => ensure()));

    expect(await criterionCount()).toBe(61);
  });

  it("puts back a missing criterion", async () => {
    await ensureCatalog();
    await getDb().criterion.delete({ where: { id: criterion("PI1.5") } });

    await (
      await freshEnsureCatalog()
    )();

    expect(await criterionCount()).toBe(61);
    expect(
      await getDb().criterion.findUnique({
        where: { id: criterion("PI1.5") },
        select: { code: true },
      }),
    ).toEqual({ code: "PI1.5" });
  });

  it("repairs a criterion whose wording drifted from the catalogue, even when none is missing", async () => {
    await ensureCatalog();
    const expected = currentCriteria().find((definition) => definition.code === "CC6.1");
    await getDb().criterion.update({
      where: { id: criterion("CC6.1") },
      data: { title: "Outdated wording" },
    });

    await (
      await freshEnsureCatalog()
    )();

    expect(
      await getDb().criterion.findUniqueOrThrow({
        where: { id: criterion("CC6.1") },
        select: { title: true },
      }),
    ).toEqual({ title: expected?.title });
  });
});

describe("listCriteria", () => {
  it("lists an edition's criteria in catalogue order with their stable ids", async () => {
    const criteria = await listCriteria(CURRENT_CRITERIA_EDITION);

    expect(criteria.map((row) => row.code)).toEqual(
      currentCriteria().map((definition) => definition.code),
    );
    expect(criteria[0]).toMatchObject({
      id: criterion("CC1.1"),
      code: "CC1.1",
      category: "security",
    });
    expect(criteria.find((row) => row.code === "A1.1")).toMatchObject({ category: "availability" });
  });

  it("lists nothing for an unknown edition", async () => {
    expect(await listCriteria("tsc-1999")).toEqual([]);
  });
});
