import { describe, expect, it, vi } from "vitest";
import type { OrgContext } from "@/lib/db/context";
import { updateControl } from "@/lib/db/controls";
import { engagementRequirements, type RequirementView } from "@/lib/db/engagement-requirements";
import { markNotApplicable, setEngagementArchived } from "@/lib/db/engagements";
import { setControlMappings } from "@/lib/db/mappings";
import { criteriaInScope } from "@/lib/domain/catalog";
import {
  addMember,
  controlInput,
  criterion,
  expectAppError,
  makeControl,
  makeEngagement,
  makeObjective,
  makeOrg,
} from "./helpers";
import { versionOf } from "./version-of";

// Counts the Prisma operations the data layer runs, so the fixed-query promise can be checked.
const queries = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/db/client", async (importOriginal) => {
  const { countingDbModule } = await import("./query-counter");
  return countingDbModule(await importOriginal(), queries);
});

const JUSTIFICATION = "Availability commitments are out of scope this year.";
const SECURITY_COUNT = criteriaInScope([]).length;

async function requirementOf(
  ctx: OrgContext,
  engagementId: string,
  requirementId: string,
  isReady?: (controlId: string) => boolean,
): Promise<RequirementView> {
  const { requirements } = await engagementRequirements(ctx, engagementId, isReady);
  const requirement = requirements.find((row) => row.id === requirementId);
  if (!requirement) throw new Error(`${requirementId} is not in scope`);
  return requirement;
}

describe("engagementRequirements for SOC 2", () => {
  it("lists the 33 security criteria of a security-only engagement, all unmapped at first", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);

    const { engagement, requirements, counts } = await engagementRequirements(ctx, id);

    expect(SECURITY_COUNT).toBe(33);
    expect(engagement.id).toBe(id);
    expect(requirements).toHaveLength(33);
    expect(requirements[0]).toEqual({
      id: criterion("CC1.1"),
      kind: "criterion",
      code: "CC1.1",
      title: expect.any(String),
      // The catalogue's summary, our own words (shown on the requirement page).
      summary: criteriaInScope([])[0]?.summary,
      group: expect.any(String),
      status: "unmapped",
      justification: null,
      exclusionId: null,
      controls: [],
      alsoIn: [],
    });
    expect(requirements.map((requirement) => requirement.code)).toContain("CC9.2");
    expect(new Set(requirements.map((requirement) => requirement.status))).toEqual(
      new Set(["unmapped"]),
    );
    expect(counts).toEqual({
      ready: 0,
      in_progress: 0,
      unmapped: 33,
      not_applicable: 0,
      total: 33,
      readinessPercent: 0,
    });
  });

  it("adds the criteria of each chosen category: all 61 when every category is in", async () => {
    const ctx = await makeOrg();
    const availability = await makeEngagement(ctx, { categories: ["availability"] });
    const everything = await makeEngagement(ctx, {
      categories: ["availability", "confidentiality", "processing_integrity", "privacy"],
    });

    const { requirements } = await engagementRequirements(ctx, availability.id);
    expect(
      requirements.map((requirement) => requirement.code).filter((code) => !code.startsWith("CC")),
    ).toEqual(["A1.1", "A1.2", "A1.3"]);
    expect((await engagementRequirements(ctx, everything.id)).counts.total).toBe(61);
  });

  it("shows a requirement as in progress once a control maps to it", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);
    const control = await makeControl(ctx, {
      ref: "AC-01",
      title: "Single sign-on",
      status: "implemented",
    });

    await setControlMappings(ctx, control.id, [criterion("CC6.1")], []);

    const cc61 = await requirementOf(ctx, id, criterion("CC6.1"));
    expect(cc61).toMatchObject({
      status: "in_progress",
      controls: [{ id: control.id, ref: "AC-01", title: "Single sign-on", status: "implemented" }],
    });
    expect((await engagementRequirements(ctx, id)).counts).toMatchObject({
      in_progress: 1,
      unmapped: 32,
      total: 33,
    });
  });

  it("takes a not-applicable requirement out of the readiness denominator", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);
    const control = await makeControl(ctx);
    await setControlMappings(ctx, control.id, [criterion("CC6.1")], []);

    await markNotApplicable(ctx, id, criterion("CC6.4"), JUSTIFICATION);

    const { counts, requirements } = await engagementRequirements(ctx, id, () => true);
    expect(requirements.find((requirement) => requirement.code === "CC6.4")).toMatchObject({
      status: "not_applicable",
      justification: JUSTIFICATION,
    });
    expect(counts).toEqual({
      ready: 1,
      in_progress: 0,
      unmapped: 31,
      not_applicable: 1,
      total: 33,
      readinessPercent: 100 / 32,
    });
  });

  it("ignores a retired control: its requirement stays unmapped", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);
    const control = await makeControl(ctx, { ref: "OLD-01" });
    await setControlMappings(ctx, control.id, [criterion("CC6.2")], []);

    await updateControl(
      ctx,
      control.id,
      controlInput({ ref: "OLD-01", status: "retired" }),
      await versionOf("control", control.id),
    );

    expect(await requirementOf(ctx, id, criterion("CC6.2"), () => true)).toMatchObject({
      status: "unmapped",
    });
  });

  it("is ready only when every active mapped control is ready", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);
    const first = await makeControl(ctx, { ref: "AC-01" });
    const second = await makeControl(ctx, { ref: "AC-02" });
    const retired = await makeControl(ctx, { ref: "AC-03", status: "retired" });
    await setControlMappings(ctx, first.id, [criterion("CC6.1")], []);
    await setControlMappings(ctx, second.id, [criterion("CC6.1")], []);
    await setControlMappings(ctx, retired.id, [criterion("CC6.1")], []);
    const ready = new Set([first.id]);

    expect(
      (await requirementOf(ctx, id, criterion("CC6.1"), (controlId) => ready.has(controlId)))
        .status,
    ).toBe("in_progress");
    ready.add(second.id);
    expect(
      (await requirementOf(ctx, id, criterion("CC6.1"), (controlId) => ready.has(controlId)))
        .status,
    ).toBe("ready");
    expect(
      (await requirementOf(ctx, id, criterion("CC6.1"), () => true)).controls.map(
        (control) => control.ref,
      ),
    ).toEqual(["AC-01", "AC-02", "AC-03"]);
    expect((await engagementRequirements(ctx, id, () => true)).counts).toMatchObject({
      ready: 1,
      unmapped: 32,
      readinessPercent: 100 / 33,
    });
  });
});

describe("engagementRequirements for SOC 1 and shared mappings", () => {
  it("lists a SOC 1 engagement's objectives in the organisation's order", async () => {
    const ctx = await makeOrg();
    const itgc = await makeObjective(ctx, { ref: "ITGC-01", area: "itgc" });
    const business = await makeObjective(ctx, { ref: "BP-01", area: "business" });
    await makeObjective(ctx, { ref: "BP-02" });
    const { id } = await makeEngagement(ctx, {
      family: "SOC1",
      type: "TYPE_I",
      asOfDate: "2026-06-30",
      objectiveIds: [business.id, itgc.id],
    });

    const { requirements, counts } = await engagementRequirements(ctx, id);

    expect(
      requirements.map(({ id, kind, code, group, status }) => ({ id, kind, code, group, status })),
    ).toEqual([
      {
        id: itgc.id,
        kind: "objective",
        code: "ITGC-01",
        group: "IT general controls",
        status: "unmapped",
      },
      {
        id: business.id,
        kind: "objective",
        code: "BP-01",
        group: "Business processes",
        status: "unmapped",
      },
    ]);
    expect(counts.total).toBe(2);
    // An objective's summary is its own description.
    expect(requirements.map((requirement) => requirement.summary)).toEqual([
      "Transactions for ITGC-01 are processed completely and accurately.",
      "Transactions for BP-01 are processed completely and accurately.",
    ]);
  });

  it("shows a control mapped once in every engagement it serves, and which other engagements share each requirement", async () => {
    const ctx = await makeOrg();
    const objective = await makeObjective(ctx, { ref: "ITGC-01", area: "itgc" });
    const first = await makeEngagement(ctx, { name: "SOC 2 2026" });
    const second = await makeEngagement(ctx, {
      name: "SOC 2 2027",
      periodStart: "2027-01-01",
      periodEnd: "2027-12-31",
    });
    const soc1 = await makeEngagement(ctx, {
      name: "SOC 1 2026",
      family: "SOC1",
      objectiveIds: [objective.id],
    });
    const otherSoc1 = await makeEngagement(ctx, {
      name: "ISAE 3402 2026",
      family: "ISAE3402",
      objectiveIds: [objective.id],
    });
    const archived = await makeEngagement(ctx, { name: "Archived SOC 2" });
    await setEngagementArchived(ctx, archived.id, true, await versionOf("engagement", archived.id));
    const control = await makeControl(ctx, { ref: "AC-01" });

    await setControlMappings(ctx, control.id, [criterion("CC6.1")], [objective.id]);

    const inFirst = await requirementOf(ctx, first.id, criterion("CC6.1"));
    const inSoc1 = await requirementOf(ctx, soc1.id, objective.id);
    expect(inFirst.controls.map((mapped) => mapped.id)).toEqual([control.id]);
    expect(inSoc1.controls.map((mapped) => mapped.id)).toEqual([control.id]);
    expect(inFirst.alsoIn).toEqual([{ id: second.id, name: "SOC 2 2027" }]);
    expect(inSoc1.alsoIn).toEqual([{ id: otherSoc1.id, name: "ISAE 3402 2026" }]);
    expect((await requirementOf(ctx, second.id, criterion("CC6.1"))).alsoIn).toEqual([
      { id: first.id, name: "SOC 2 2026" },
    ]);
  });

  it("runs a fixed number of queries however many requirements, controls and engagements there are", async () => {
    const ctx = await makeOrg();
    const small = await makeEngagement(ctx);
    const measure = async (engagementId: string) => {
      await engagementRequirements(ctx, engagementId);
      queries.count = 0;
      await engagementRequirements(ctx, engagementId);
      return queries.count;
    };
    const before = await measure(small.id);
    expect(before).toBeGreaterThan(0);

    const large = await makeEngagement(ctx, {
      categories: ["availability", "confidentiality", "processing_integrity", "privacy"],
    });
    for (let n = 0; n < 3; n += 1) await makeEngagement(ctx);
    for (const code of ["CC6.1", "CC6.2", "CC7.1", "A1.1", "P1.1"]) {
      const control = await makeControl(ctx);
      await setControlMappings(ctx, control.id, [criterion(code), criterion("CC1.1")], []);
    }

    expect(await measure(small.id)).toBe(before);
    expect(await measure(large.id)).toBe(before);
  });
});

describe("another organisation", () => {
  it("cannot read an engagement's requirements, and its mappings and engagements never show", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    const my = await makeEngagement(mine);
    const their = await makeEngagement(theirs, { name: "Theirs" });
    const theirControl = await makeControl(theirs);
    await setControlMappings(theirs, theirControl.id, [criterion("CC6.1")], []);

    await expectAppError(engagementRequirements(mine, their.id), "NOT_FOUND");

    expect(await requirementOf(mine, my.id, criterion("CC6.1"))).toMatchObject({
      status: "unmapped",
      controls: [],
      alsoIn: [],
    });
  });
});

describe("roles", () => {
  it("lets a viewer read an engagement's requirements", async () => {
    const owner = await makeOrg();
    const { ctx: viewer } = await addMember(owner, "viewer");
    const { id } = await makeEngagement(owner);

    expect((await engagementRequirements(viewer, id)).counts.total).toBe(33);
  });
});
