import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { engagementRequirements } from "@/lib/db/engagement-requirements";
import {
  clearNotApplicable,
  createEngagement,
  createEngagementInTx,
  createEngagementsFromRecommendation,
  getEngagement,
  listEngagements,
  markNotApplicable,
  setEngagementArchived,
  updateEngagement,
} from "@/lib/db/engagements";
import { listObjectives, setObjectiveRetired } from "@/lib/db/objectives";
import { SOC1_STARTER_OBJECTIVES } from "@/lib/domain/catalog";
import {
  actions,
  addMember,
  criterion,
  engagementInput,
  entries,
  expectAppError,
  expectIntactLog,
  makeEngagement,
  makeObjective,
  makeOrg,
} from "./helpers";
import { exclusionIdOf, versionOf } from "./version-of";

const JUSTIFICATION = "We run no physical data centre; hosting is carved out.";

async function statusOf(
  ctx: Parameters<typeof engagementRequirements>[0],
  engagementId: string,
  requirementId: string,
) {
  const { requirements } = await engagementRequirements(ctx, engagementId);
  const requirement = requirements.find((row) => row.id === requirementId);
  return { status: requirement?.status, justification: requirement?.justification };
}

describe("createEngagement", () => {
  it("creates a SOC 2 Type II engagement with security always in scope and only the period dates", async () => {
    const ctx = await makeOrg();
    const input = engagementInput({
      name: "SOC 2 Type II 2026",
      asOfDate: "2026-06-30",
      categories: ["availability", "confidentiality"],
      cuecs: ["Customers review their users quarterly."],
      subservices: [
        {
          name: "Cloud Host",
          services: "Hosting",
          method: "carve_out",
          csocs: ["Physical access is restricted."],
        },
      ],
    });

    const { id } = await createEngagement(ctx, input);

    expect(await getEngagement(ctx, id)).toEqual({
      id,
      name: "SOC 2 Type II 2026",
      family: "SOC2",
      type: "TYPE_II",
      asOfDate: null,
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      categories: ["security", "availability", "confidentiality"],
      archived: false,
      criteriaEdition: "tsc-2017-rev2022",
      version: 0,
      objectiveIds: [],
      cuecs: ["Customers review their users quarterly."],
      userResponsibilities: [],
      subservices: input.subservices,
    });
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "engagement.created",
      entityType: "engagement",
      entityId: id,
      actorId: ctx.userId,
    });
    await expectIntactLog(ctx);
  });

  it("keeps security in scope when no category is chosen", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx, { categories: [] });

    expect((await getEngagement(ctx, id)).categories).toEqual(["security"]);
  });

  it("creates a SOC 1 Type I engagement scoped by the organisation's objectives, without categories", async () => {
    const ctx = await makeOrg();
    const first = await makeObjective(ctx);
    const second = await makeObjective(ctx);

    const { id } = await makeEngagement(ctx, {
      family: "SOC1",
      type: "TYPE_I",
      asOfDate: "2026-06-30",
      periodStart: "2026-01-01",
      categories: ["privacy"],
      objectiveIds: [first.id, second.id, first.id],
    });

    const engagement = await getEngagement(ctx, id);
    expect(engagement).toMatchObject({
      family: "SOC1",
      type: "TYPE_I",
      asOfDate: "2026-06-30",
      periodStart: null,
      periodEnd: null,
      categories: [],
    });
    expect([...engagement.objectiveIds].sort()).toEqual([first.id, second.id].sort());
  });

  it("refuses another organisation's objectives and creates nothing", async () => {
    const ctx = await makeOrg();
    const mine = await makeObjective(ctx);
    const theirs = await makeObjective(await makeOrg());

    const error = await expectAppError(
      makeEngagement(ctx, { family: "ISAE3402", objectiveIds: [mine.id, theirs.id] }),
      "VALIDATION",
    );

    expect(error.fieldErrors).toHaveProperty("objectiveIds");
    expect(await listEngagements(ctx, { includeArchived: true })).toEqual([]);
    expect(await actions(ctx.orgId)).not.toContain("engagement.created");
  });
});

describe("updateEngagement", () => {
  it("replaces the chosen objectives and logs before and after", async () => {
    const ctx = await makeOrg();
    const [a, b, c] = [
      await makeObjective(ctx),
      await makeObjective(ctx),
      await makeObjective(ctx),
    ];
    const { id } = await makeEngagement(ctx, { family: "SOC1", objectiveIds: [a.id, b.id] });

    await updateEngagement(
      ctx,
      id,
      engagementInput({ name: "Renamed", family: "SOC1", objectiveIds: [b.id, c.id] }),
      await versionOf("engagement", id),
    );

    const engagement = await getEngagement(ctx, id);
    expect(engagement.name).toBe("Renamed");
    expect([...engagement.objectiveIds].sort()).toEqual([b.id, c.id].sort());
    const logged = (await entries(ctx.orgId)).at(-1);
    expect(logged).toMatchObject({
      action: "engagement.updated",
      entityId: id,
      after: { name: "Renamed" },
    });
    expect(logged?.before).toMatchObject({ objectiveIds: expect.arrayContaining([a.id, b.id]) });
    expect(logged?.after).toMatchObject({ objectiveIds: [b.id, c.id] });
    await expectIntactLog(ctx);
  });

  it("switches a SOC 2 engagement's categories and dates", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx, { categories: ["privacy"] });

    await updateEngagement(
      ctx,
      id,
      engagementInput({
        name: "Type I now",
        type: "TYPE_I",
        asOfDate: "2026-03-31",
        categories: ["availability"],
      }),
      await versionOf("engagement", id),
    );

    expect(await getEngagement(ctx, id)).toMatchObject({
      type: "TYPE_I",
      asOfDate: "2026-03-31",
      periodStart: null,
      periodEnd: null,
      categories: ["security", "availability"],
    });
  });

  it("refuses another organisation's objectives and leaves the engagement as it was", async () => {
    const ctx = await makeOrg();
    const mine = await makeObjective(ctx);
    const theirs = await makeObjective(await makeOrg());
    const { id, name } = await makeEngagement(ctx, { family: "SOC1", objectiveIds: [mine.id] });

    await expectAppError(
      updateEngagement(
        ctx,
        id,
        engagementInput({ name: "Changed", family: "SOC1", objectiveIds: [theirs.id] }),
        await versionOf("engagement", id),
      ),
      "VALIDATION",
    );

    expect(await getEngagement(ctx, id)).toMatchObject({ name, objectiveIds: [mine.id] });
  });
});

describe("createEngagementsFromRecommendation", () => {
  const soc2 = engagementInput({ name: "SOC 2 Type II 2026", categories: ["availability"] });
  const soc1 = engagementInput({
    name: "SOC 1 Type I 2026",
    family: "SOC1",
    type: "TYPE_I",
    asOfDate: "2026-06-30",
  });

  it("creates every recommended engagement, adopting the starter objectives for SOC 1 when there are none", async () => {
    const ctx = await makeOrg();
    const theirs = await makeOrg();
    await makeObjective(theirs);

    const { ids } = await createEngagementsFromRecommendation(ctx, [soc2, soc1]);

    expect((await listEngagements(ctx)).map((engagement) => engagement.name).sort()).toEqual([
      "SOC 1 Type I 2026",
      "SOC 2 Type II 2026",
    ]);
    const [soc2Id, soc1Id] = ids;
    expect(await getEngagement(ctx, soc2Id ?? "")).toMatchObject({
      categories: ["security", "availability"],
      objectiveIds: [],
    });
    const objectives = await listObjectives(ctx);
    expect(objectives.map((objective) => objective.ref)).toEqual(
      SOC1_STARTER_OBJECTIVES.map((objective) => objective.ref),
    );
    expect([...(await getEngagement(ctx, soc1Id ?? "")).objectiveIds].sort()).toEqual(
      objectives.map((objective) => objective.id).sort(),
    );
    const logged = await actions(ctx.orgId);
    expect(logged.filter((action) => action === "objective.created")).toHaveLength(
      SOC1_STARTER_OBJECTIVES.length,
    );
    expect(logged.filter((action) => action === "engagement.created")).toHaveLength(2);
    await expectIntactLog(ctx);
  });

  it("scopes SOC 1 to the organisation's active objectives and adopts nothing when it has some", async () => {
    const ctx = await makeOrg();
    const active = await makeObjective(ctx);
    const retired = await makeObjective(ctx);
    await setObjectiveRetired(ctx, retired.id, true, await versionOf("objective", retired.id));

    const { ids } = await createEngagementsFromRecommendation(ctx, [
      soc1,
      { ...soc1, name: "ISAE 3402 Type I 2026", family: "ISAE3402" },
    ]);

    for (const id of ids) expect((await getEngagement(ctx, id)).objectiveIds).toEqual([active.id]);
    expect(await listObjectives(ctx, { includeRetired: true })).toHaveLength(2);
  });

  it("never puts a retired objective in scope, even when the starter set is adopted", async () => {
    const ctx = await makeOrg();
    const retired = await makeObjective(ctx, { ref: SOC1_STARTER_OBJECTIVES[0]?.ref });
    await setObjectiveRetired(ctx, retired.id, true, await versionOf("objective", retired.id));

    const { ids } = await createEngagementsFromRecommendation(ctx, [soc1]);

    const scoped = (await getEngagement(ctx, ids[0] ?? "")).objectiveIds;
    expect(scoped).not.toContain(retired.id);
    expect(scoped).toHaveLength(SOC1_STARTER_OBJECTIVES.length - 1);
  });

  it.each(["editor", "viewer"] as const)("refuses a %s and creates nothing", async (role) => {
    const owner = await makeOrg();
    const { ctx: member } = await addMember(owner, role);

    await expectAppError(createEngagementsFromRecommendation(member, [soc2, soc1]), "FORBIDDEN");

    expect(await listEngagements(owner, { includeArchived: true })).toEqual([]);
    expect(await listObjectives(owner, { includeRetired: true })).toEqual([]);
  });

  it("lets an admin create them", async () => {
    const owner = await makeOrg();
    const { ctx: admin } = await addMember(owner, "admin");

    expect((await createEngagementsFromRecommendation(admin, [soc2])).ids).toHaveLength(1);
    expect(await listEngagements(owner)).toHaveLength(1);
  });
});

describe("listEngagements and setEngagementArchived", () => {
  it("hides archived engagements unless asked, lists active ones first, newest first, and restores", async () => {
    const ctx = await makeOrg();
    const oldest = await makeEngagement(ctx, { name: "Oldest" });
    const middle = await makeEngagement(ctx, { name: "Middle" });
    const newest = await makeEngagement(ctx, { name: "Newest" });
    const db = getDb();
    await db.engagement.update({
      where: { id: oldest.id },
      data: { createdAt: new Date("2026-01-01T00:00:00Z") },
    });
    await db.engagement.update({
      where: { id: middle.id },
      data: { createdAt: new Date("2026-02-01T00:00:00Z") },
    });
    await db.engagement.update({
      where: { id: newest.id },
      data: { createdAt: new Date("2026-03-01T00:00:00Z") },
    });

    await setEngagementArchived(ctx, middle.id, true, await versionOf("engagement", middle.id));

    expect((await listEngagements(ctx)).map((engagement) => engagement.name)).toEqual([
      "Newest",
      "Oldest",
    ]);
    expect(
      (await listEngagements(ctx, { includeArchived: true })).map(({ name, archived }) => ({
        name,
        archived,
      })),
    ).toEqual([
      { name: "Newest", archived: false },
      { name: "Oldest", archived: false },
      { name: "Middle", archived: true },
    ]);
    expect((await getEngagement(ctx, middle.id)).archived).toBe(true);

    await setEngagementArchived(ctx, middle.id, false, await versionOf("engagement", middle.id));
    expect((await listEngagements(ctx)).map((engagement) => engagement.name)).toEqual([
      "Newest",
      "Middle",
      "Oldest",
    ]);
    expect((await actions(ctx.orgId)).slice(-2)).toEqual([
      "engagement.archived",
      "engagement.restored",
    ]);
    await expectIntactLog(ctx);
  });

  it("records nothing when the engagement is already in the asked state", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);
    const count = (await entries(ctx.orgId)).length;

    await setEngagementArchived(ctx, id, false, await versionOf("engagement", id));

    expect((await entries(ctx.orgId)).length).toBe(count);
  });

  it("never lists another organisation's engagements", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    const { id } = await makeEngagement(mine);
    await makeEngagement(theirs);
    await setEngagementArchived(
      theirs,
      (await makeEngagement(theirs)).id,
      true,
      await versionOf("engagement", (await makeEngagement(theirs)).id),
    );

    expect(
      (await listEngagements(mine, { includeArchived: true })).map((engagement) => engagement.id),
    ).toEqual([id]);
  });
});

describe("markNotApplicable and clearNotApplicable", () => {
  it("marks a requirement not applicable with its justification and clears it (clearing twice is harmless)", async () => {
    const ctx = await makeOrg();
    const { id } = await makeEngagement(ctx);
    const cc64 = criterion("CC6.4");

    await markNotApplicable(ctx, id, cc64, JUSTIFICATION);
    expect(await statusOf(ctx, id, cc64)).toEqual({
      status: "not_applicable",
      justification: JUSTIFICATION,
    });

    const exclusionId = await exclusionIdOf(id, cc64);
    await clearNotApplicable(ctx, id, cc64, exclusionId);
    await clearNotApplicable(ctx, id, cc64, exclusionId);
    expect(await statusOf(ctx, id, cc64)).toEqual({ status: "unmapped", justification: null });

    expect((await entries(ctx.orgId)).slice(-2)).toMatchObject([
      {
        action: "requirement.marked_not_applicable",
        entityId: id,
        before: null,
        after: { requirementId: cc64, justification: JUSTIFICATION },
      },
      { action: "requirement.applicable_again", entityId: id, after: { requirementId: cc64 } },
    ]);
    await expectIntactLog(ctx);
  });

  it("marks one of a SOC 1 engagement's objectives not applicable", async () => {
    const ctx = await makeOrg();
    const objective = await makeObjective(ctx);
    const { id } = await makeEngagement(ctx, { family: "SOC1", objectiveIds: [objective.id] });

    await markNotApplicable(ctx, id, objective.id, JUSTIFICATION);

    expect(await statusOf(ctx, id, objective.id)).toEqual({
      status: "not_applicable",
      justification: JUSTIFICATION,
    });
  });

  it("refuses a requirement outside the engagement's scope, such as another organisation's objective", async () => {
    const ctx = await makeOrg();
    const soc2 = await makeEngagement(ctx);
    const soc1 = await makeEngagement(ctx, {
      family: "SOC1",
      objectiveIds: [(await makeObjective(ctx)).id],
    });
    const unchosen = await makeObjective(ctx);
    const theirs = await makeObjective(await makeOrg());

    await expectAppError(
      markNotApplicable(ctx, soc2.id, criterion("A1.1"), JUSTIFICATION),
      "NOT_FOUND",
    );
    await expectAppError(markNotApplicable(ctx, soc2.id, "made-up", JUSTIFICATION), "NOT_FOUND");
    await expectAppError(markNotApplicable(ctx, soc1.id, unchosen.id, JUSTIFICATION), "NOT_FOUND");
    await expectAppError(markNotApplicable(ctx, soc1.id, theirs.id, JUSTIFICATION), "NOT_FOUND");

    expect(
      await getDb().requirementExclusion.count({
        where: { engagementId: { in: [soc2.id, soc1.id] } },
      }),
    ).toBe(0);
    expect(await actions(ctx.orgId)).not.toContain("requirement.marked_not_applicable");
  });
});

describe("another organisation's engagement", () => {
  it("is not found for reading, updating, archiving or marking requirements, and stays unchanged", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    const their = await makeEngagement(theirs, { name: "Theirs" });
    await markNotApplicable(theirs, their.id, criterion("CC6.4"), JUSTIFICATION);
    const theirLog = await actions(theirs.orgId);

    await expectAppError(getEngagement(mine, their.id), "NOT_FOUND");
    await expectAppError(
      updateEngagement(
        mine,
        their.id,
        engagementInput({ name: "Hijacked" }),
        await versionOf("engagement", their.id),
      ),
      "NOT_FOUND",
    );
    await expectAppError(
      setEngagementArchived(mine, their.id, true, await versionOf("engagement", their.id)),
      "NOT_FOUND",
    );
    await expectAppError(
      markNotApplicable(mine, their.id, criterion("CC6.5"), JUSTIFICATION),
      "NOT_FOUND",
    );
    await expectAppError(
      clearNotApplicable(
        mine,
        their.id,
        criterion("CC6.4"),
        await exclusionIdOf(their.id, criterion("CC6.4")),
      ),
      "NOT_FOUND",
    );

    expect(await getEngagement(theirs, their.id)).toMatchObject({
      name: "Theirs",
      archived: false,
    });
    expect(await statusOf(theirs, their.id, criterion("CC6.4"))).toMatchObject({
      status: "not_applicable",
    });
    expect(await statusOf(theirs, their.id, criterion("CC6.5"))).toMatchObject({
      status: "unmapped",
    });
    expect(await actions(theirs.orgId)).toEqual(theirLog);
  });
});

describe("createEngagementInTx", () => {
  it("creates in the context's organisation and refuses another organisation's objectives", async () => {
    const mine = await makeOrg();
    const theirs = await makeOrg();
    const theirObjective = await makeObjective(theirs);

    const created = await getDb().$transaction(async (tx) => {
      await expectAppError(
        createEngagementInTx(
          tx,
          mine,
          engagementInput({ family: "SOC1", objectiveIds: [theirObjective.id] }),
        ),
        "VALIDATION",
      );
      return createEngagementInTx(tx, mine, engagementInput({ name: "Inside a transaction" }));
    });

    expect((await getEngagement(mine, created.id)).name).toBe("Inside a transaction");
    await expectAppError(getEngagement(theirs, created.id), "NOT_FOUND");
  });
});

describe("roles", () => {
  it("lets an admin create, edit, archive and mark requirements not applicable", async () => {
    const owner = await makeOrg();
    const { ctx: admin } = await addMember(owner, "admin");

    const { id } = await makeEngagement(admin, { name: "By admin" });
    await updateEngagement(
      admin,
      id,
      engagementInput({ name: "Edited by admin" }),
      await versionOf("engagement", id),
    );
    await markNotApplicable(admin, id, criterion("CC6.4"), JUSTIFICATION);
    await clearNotApplicable(
      admin,
      id,
      criterion("CC6.4"),
      await exclusionIdOf(id, criterion("CC6.4")),
    );
    await setEngagementArchived(admin, id, true, await versionOf("engagement", id));

    expect(await listEngagements(owner, { includeArchived: true })).toEqual([
      expect.objectContaining({ id, name: "Edited by admin", archived: true }),
    ]);
    await expectIntactLog(owner);
  });

  it.each(["editor", "viewer"] as const)(
    "lets a %s read engagements but not create, edit, archive or mark them",
    async (role) => {
      const owner = await makeOrg();
      const { ctx: member } = await addMember(owner, role);
      const { id, name } = await makeEngagement(owner);
      await markNotApplicable(owner, id, criterion("CC6.4"), JUSTIFICATION);

      expect((await listEngagements(member)).map((engagement) => engagement.id)).toEqual([id]);
      expect((await getEngagement(member, id)).name).toBe(name);
      await expectAppError(createEngagement(member, engagementInput()), "FORBIDDEN");
      await expectAppError(
        updateEngagement(
          member,
          id,
          engagementInput({ name: "Changed" }),
          await versionOf("engagement", id),
        ),
        "FORBIDDEN",
      );
      await expectAppError(
        setEngagementArchived(member, id, true, await versionOf("engagement", id)),
        "FORBIDDEN",
      );
      await expectAppError(
        markNotApplicable(member, id, criterion("CC6.5"), JUSTIFICATION),
        "FORBIDDEN",
      );
      await expectAppError(
        clearNotApplicable(
          member,
          id,
          criterion("CC6.4"),
          await exclusionIdOf(id, criterion("CC6.4")),
        ),
        "FORBIDDEN",
      );

      expect(await listEngagements(owner, { includeArchived: true })).toEqual([
        expect.objectContaining({ id, name, archived: false }),
      ]);
      expect(await statusOf(owner, id, criterion("CC6.4"))).toMatchObject({
        status: "not_applicable",
      });
    },
  );
});
