import { describe, expect, it } from "vitest";
import type { OrgContext } from "@/lib/db/context";
import { getDb } from "@/lib/db/client";
import { getEngagement } from "@/lib/db/engagements";
import { addNoteEvidence } from "@/lib/db/evidence";
import { setControlMappings } from "@/lib/db/mappings";
import { engagementEvidence } from "@/lib/db/readiness-evidence";
import type { ReadinessEvidence } from "@/lib/domain/readiness/engine";
import type { ControlInput } from "@/lib/schemas/control";
import {
  addMember,
  criterion,
  makeControl,
  makeEngagement,
  makeObjective,
  makeOrg,
  makePopulationEvent,
  noteEvidenceInput,
} from "./helpers";

// engagementEvidence: the evidence of an engagement's controls, restricted in SQL to the controls
// mapped to its requirements and read as one packed row per control.

const CC61 = criterion("CC6.1");
const A11 = criterion("A1.1");

async function mappedControl(
  ctx: OrgContext,
  criteria: string[],
  objectives: string[] = [],
  overrides: Partial<ControlInput> = {},
): Promise<string> {
  const { id } = await makeControl(ctx, overrides);
  await setControlMappings(ctx, id, criteria, objectives);
  return id;
}

describe("engagementEvidence", () => {
  it("reads every field of the evidence of the engagement's controls, one item per link", async () => {
    const ctx = await makeOrg();
    const engagement = await getEngagement(ctx, (await makeEngagement(ctx)).id);
    const first = await mappedControl(ctx, [CC61], [], { frequency: "event_driven" });
    const second = await mappedControl(ctx, [CC61]);
    const event = await makePopulationEvent(ctx, first, { date: "2026-02-01" });
    await addNoteEvidence(
      ctx,
      noteEvidenceInput([first], { purpose: "design", effectiveDate: "2026-01-15" }),
    );
    await addNoteEvidence(
      ctx,
      noteEvidenceInput([first, second], {
        effectiveDate: "2026-02-01",
        coverageEnd: "2026-02-28",
        eventId: event.id,
      }),
    );

    const expected: ReadinessEvidence[] = [
      {
        purpose: "design",
        effectiveDate: "2026-01-15",
        coverageEnd: null,
        eventId: null,
        slotKey: null,
        controlIds: [first],
      },
      {
        purpose: "operating",
        effectiveDate: "2026-02-01",
        coverageEnd: "2026-02-28",
        eventId: event.id,
        slotKey: null,
        controlIds: [first],
      },
      {
        purpose: "operating",
        effectiveDate: "2026-02-01",
        coverageEnd: "2026-02-28",
        eventId: event.id,
        slotKey: null,
        controlIds: [second],
      },
    ];
    const evidence = await engagementEvidence(ctx, engagement);
    expect(evidence).toHaveLength(expected.length);
    expect(evidence).toEqual(expect.arrayContaining(expected));
  });

  it("reads the slot key evidence names, with the evidence's id; an empty key is none", async () => {
    const ctx = await makeOrg();
    const engagement = await getEngagement(ctx, (await makeEngagement(ctx)).id);
    const control = await mappedControl(ctx, [CC61]);
    const named = await addNoteEvidence(
      ctx,
      noteEvidenceInput([control], { effectiveDate: "2026-04-05" }),
    );
    const blank = await addNoteEvidence(
      ctx,
      noteEvidenceInput([control], { effectiveDate: "2026-04-06" }),
    );
    await getDb().evidence.update({ where: { id: named.id }, data: { slotKey: "2026-Q1" } });
    await getDb().evidence.update({ where: { id: blank.id }, data: { slotKey: "" } });

    const byDate = new Map(
      (await engagementEvidence(ctx, engagement)).map((item) => [item.effectiveDate, item]),
    );
    expect(byDate.get("2026-04-05")).toMatchObject({ id: named.id, slotKey: "2026-Q1" });
    expect(byDate.get("2026-04-06")).toMatchObject({ slotKey: null });
    expect(byDate.get("2026-04-06")?.id).toBeUndefined();
  });

  it("leaves out controls mapped only to criteria outside a SOC 2 engagement's categories, and unmapped ones", async () => {
    const ctx = await makeOrg();
    const securityOnly = await getEngagement(ctx, (await makeEngagement(ctx)).id);
    const withAvailability = await getEngagement(
      ctx,
      (await makeEngagement(ctx, { categories: ["availability"] })).id,
    );
    const security = await mappedControl(ctx, [CC61]);
    const availability = await mappedControl(ctx, [A11]);
    const { id: unmapped } = await makeControl(ctx);
    for (const controlId of [security, availability, unmapped])
      await addNoteEvidence(ctx, noteEvidenceInput([controlId]));

    const controlsOf = async (engagement: typeof securityOnly) =>
      (await engagementEvidence(ctx, engagement)).flatMap((item) => item.controlIds).sort();
    expect(await controlsOf(securityOnly)).toEqual([security]);
    expect(await controlsOf(withAvailability)).toEqual([security, availability].sort());
  });

  it("keeps to the objectives a SOC 1 engagement chose", async () => {
    const ctx = await makeOrg();
    const chosen = await makeObjective(ctx);
    const other = await makeObjective(ctx);
    const engagement = await getEngagement(
      ctx,
      (await makeEngagement(ctx, { family: "SOC1", objectiveIds: [chosen.id] })).id,
    );
    const inScope = await mappedControl(ctx, [], [chosen.id]);
    const outOfScope = await mappedControl(ctx, [CC61], [other.id]);
    await addNoteEvidence(ctx, noteEvidenceInput([inScope, outOfScope]));

    expect((await engagementEvidence(ctx, engagement)).map((item) => item.controlIds)).toEqual([
      [inScope],
    ]);
    const none = await getEngagement(
      ctx,
      (await makeEngagement(ctx, { family: "SOC1", objectiveIds: [] })).id,
    );
    expect(await engagementEvidence(ctx, none)).toEqual([]);
  });

  it("reads only the asking organisation's evidence, and serves a viewer", async () => {
    const ctx = await makeOrg();
    const engagement = await getEngagement(ctx, (await makeEngagement(ctx)).id);
    const mine = await mappedControl(ctx, [CC61]);
    await addNoteEvidence(ctx, noteEvidenceInput([mine]));
    const stranger = await makeOrg();
    const theirs = await mappedControl(stranger, [CC61]);
    await addNoteEvidence(stranger, noteEvidenceInput([theirs]));
    const { ctx: viewer } = await addMember(ctx, "viewer");

    expect((await engagementEvidence(stranger, engagement)).map((item) => item.controlIds)).toEqual(
      [[theirs]],
    );
    expect((await engagementEvidence(viewer, engagement)).map((item) => item.controlIds)).toEqual([
      [mine],
    ]);
  });
});
