import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { addNoteEvidence, listControlEvidence } from "@/lib/db/evidence";
import {
  addPopulationEvent,
  deletePopulationEvent,
  importPopulation,
  listPopulation,
} from "@/lib/db/population";
import {
  actions,
  addMember,
  entries,
  expectAppError,
  expectIntactLog,
  makeControl,
  makeOrg,
  makePopulationEvent,
  noteEvidenceInput,
} from "./helpers";

const references = async (ctx: OrgContext, controlId: string) =>
  (await listPopulation(ctx, controlId)).map((row) => row.reference);
const eventDriven = (ctx: OrgContext) => makeControl(ctx, { frequency: "event_driven" });

describe("addPopulationEvent and listPopulation", () => {
  it("adds an event to an event-driven control, lists it and logs it against the control", async () => {
    const ctx = await makeOrg();
    const control = await eventDriven(ctx);

    const { id } = await addPopulationEvent(ctx, {
      controlId: control.id,
      date: "2026-02-03",
      reference: "HR-101",
      description: "New hire: Ada",
    });

    expect(await listPopulation(ctx, control.id)).toEqual([
      {
        id,
        date: "2026-02-03",
        reference: "HR-101",
        description: "New hire: Ada",
        evidenceCount: 0,
      },
    ]);
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "population.event_added",
      entityType: "control",
      entityId: control.id,
      actorId: ctx.userId,
      after: { eventId: id, date: "2026-02-03", reference: "HR-101" },
    });
    await expectIntactLog(ctx);
  });

  it.each(["quarterly", "continuous", "annual"] as const)(
    "refuses events for a %s control",
    async (frequency) => {
      const ctx = await makeOrg();
      const control = await makeControl(ctx, { frequency });
      const logged = await actions(ctx.orgId);

      await expectAppError(
        addPopulationEvent(ctx, {
          controlId: control.id,
          date: "2026-02-03",
          reference: "HR-1",
          description: "",
        }),
        "VALIDATION",
      );
      await expectAppError(importPopulation(ctx, control.id, "2026-02-03,HR-1"), "VALIDATION");

      expect(await getDb().populationEvent.count({ where: { controlId: control.id } })).toBe(0);
      expect(await actions(ctx.orgId)).toEqual(logged);
    },
  );

  it("refuses a reference already in the control's population, with the error on reference, but allows it on another control", async () => {
    const ctx = await makeOrg();
    const [control, other] = [await eventDriven(ctx), await eventDriven(ctx)];
    await makePopulationEvent(ctx, control.id, { reference: "CHG-7" });
    const logged = await actions(ctx.orgId);

    const error = await expectAppError(
      makePopulationEvent(ctx, control.id, { reference: "CHG-7", date: "2026-06-01" }),
      "CONFLICT",
      /CHG-7/,
    );

    expect(error.fieldErrors?.reference).toEqual(["This reference is already in the population."]);
    expect(await references(ctx, control.id)).toEqual(["CHG-7"]);
    expect(await actions(ctx.orgId)).toEqual(logged);
    await makePopulationEvent(ctx, other.id, { reference: "CHG-7" });
    expect(await references(ctx, other.id)).toEqual(["CHG-7"]);
  });

  it("lists events by date then reference, with how much evidence each has", async () => {
    const ctx = await makeOrg();
    const control = await eventDriven(ctx);
    for (const [date, reference] of [
      ["2026-03-01", "B"],
      ["2026-01-10", "Z"],
      ["2026-03-01", "A"],
    ] as const)
      await makePopulationEvent(ctx, control.id, { date, reference });
    const [first] = await listPopulation(ctx, control.id);
    await addNoteEvidence(ctx, noteEvidenceInput([control.id], { eventId: first?.id }));
    await addNoteEvidence(ctx, noteEvidenceInput([control.id], { eventId: first?.id }));

    expect(
      (await listPopulation(ctx, control.id)).map((row) => [
        row.date,
        row.reference,
        row.evidenceCount,
      ]),
    ).toEqual([
      ["2026-01-10", "Z", 2],
      ["2026-03-01", "A", 0],
      ["2026-03-01", "B", 0],
    ]);
  });
});

describe("importPopulation", () => {
  it("adds every row in one go with a single log entry", async () => {
    const ctx = await makeOrg();
    const control = await eventDriven(ctx);
    const logged = await actions(ctx.orgId);

    const result = await importPopulation(
      ctx,
      control.id,
      '\uFEFFdate,reference,description\r\n2026-01-05,HR-1,Ada\r\n2026-02-10,HR-2,"Bob, contractor"\r\n',
    );

    expect(result).toEqual({ added: 2, skipped: 0, problems: [] });
    expect(await listPopulation(ctx, control.id)).toEqual([
      expect.objectContaining({ date: "2026-01-05", reference: "HR-1", description: "Ada" }),
      expect.objectContaining({
        date: "2026-02-10",
        reference: "HR-2",
        description: "Bob, contractor",
      }),
    ]);
    expect(await actions(ctx.orgId)).toEqual([...logged, "population.imported"]);
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      entityType: "control",
      entityId: control.id,
      after: { added: 2, skipped: 0 },
    });
    await expectIntactLog(ctx);
  });

  it("skips references already in the population and adds the rest", async () => {
    const ctx = await makeOrg();
    const control = await eventDriven(ctx);
    await makePopulationEvent(ctx, control.id, {
      reference: "HR-1",
      date: "2026-01-05",
      description: "Kept as it was",
    });

    const result = await importPopulation(
      ctx,
      control.id,
      "2026-01-06,HR-1,Changed\n2026-01-07,HR-2,New",
    );

    expect(result).toEqual({ added: 1, skipped: 1, problems: [] });
    expect(
      (await listPopulation(ctx, control.id)).map((row) => [
        row.reference,
        row.date,
        row.description,
      ]),
    ).toEqual([
      ["HR-1", "2026-01-05", "Kept as it was"],
      ["HR-2", "2026-01-07", "New"],
    ]);
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "population.imported",
      after: { added: 1, skipped: 1 },
    });
    await expectIntactLog(ctx);
  });

  it("returns the problems and adds nothing when any row is bad", async () => {
    const ctx = await makeOrg();
    const control = await eventDriven(ctx);
    const logged = await actions(ctx.orgId);

    const result = await importPopulation(
      ctx,
      control.id,
      "date,reference\n2026-01-05,HR-1\n2026-02-30,HR-2\n2026-03-01,HR-1\n2026-03-02,",
    );

    expect(result).toEqual({
      added: 0,
      skipped: 0,
      problems: [
        { row: 3, message: '"2026-02-30" is not a date (YYYY-MM-DD).' },
        { row: 4, message: 'The reference "HR-1" appears twice.' },
        { row: 5, message: "The reference is missing." },
      ],
    });
    expect(await listPopulation(ctx, control.id)).toEqual([]);
    expect(await actions(ctx.orgId)).toEqual(logged);
  });
});

describe("deletePopulationEvent", () => {
  it("removes the event, logs it, and keeps the evidence that was linked to it", async () => {
    const ctx = await makeOrg();
    const control = await eventDriven(ctx);
    const event = await makePopulationEvent(ctx, control.id, {
      date: "2026-04-04",
      reference: "INC-9",
    });
    const kept = await makePopulationEvent(ctx, control.id, { reference: "INC-10" });
    const evidence = await addNoteEvidence(
      ctx,
      noteEvidenceInput([control.id], { eventId: event.id, title: "Post-incident review" }),
    );

    await deletePopulationEvent(ctx, event.id);

    expect(await listPopulation(ctx, control.id)).toEqual([
      expect.objectContaining({ id: kept.id }),
    ]);
    expect(await listControlEvidence(ctx, control.id)).toEqual([
      expect.objectContaining({ id: evidence.id, title: "Post-incident review", eventId: null }),
    ]);
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "population.event_removed",
      entityType: "control",
      entityId: control.id,
      before: { eventId: event.id, date: "2026-04-04", reference: "INC-9" },
    });
    await expectAppError(deletePopulationEvent(ctx, event.id), "NOT_FOUND");
    await expectIntactLog(ctx);
  });
});

describe("another organisation's population", () => {
  it("is never listed, added to, imported into or deleted from", async () => {
    const [ours, theirs] = [await makeOrg(), await makeOrg()];
    const ourControl = await eventDriven(ours);
    const theirControl = await eventDriven(theirs);
    const theirEvent = await makePopulationEvent(theirs, theirControl.id, {
      reference: "THEIRS-1",
    });
    await makePopulationEvent(ours, ourControl.id, { reference: "OURS-1" });
    const [ourLog, theirLog] = [await actions(ours.orgId), await actions(theirs.orgId)];

    await expectAppError(listPopulation(ours, theirControl.id), "NOT_FOUND");
    await expectAppError(
      addPopulationEvent(ours, {
        controlId: theirControl.id,
        date: "2026-02-03",
        reference: "X-1",
        description: "",
      }),
      "NOT_FOUND",
    );
    await expectAppError(importPopulation(ours, theirControl.id, "2026-02-03,X-2"), "NOT_FOUND");
    await expectAppError(deletePopulationEvent(ours, theirEvent.id), "NOT_FOUND");

    expect(await references(ours, ourControl.id)).toEqual(["OURS-1"]);
    expect(await references(theirs, theirControl.id)).toEqual(["THEIRS-1"]);
    expect([await actions(ours.orgId), await actions(theirs.orgId)]).toEqual([ourLog, theirLog]);
  });
});

describe("roles", () => {
  it("lets a viewer list the population but not change it", async () => {
    const owner = await makeOrg();
    const { ctx: viewer } = await addMember(owner, "viewer");
    const control = await eventDriven(owner);
    const event = await makePopulationEvent(owner, control.id, { reference: "HR-1" });
    const logged = await actions(owner.orgId);

    expect(await references(viewer, control.id)).toEqual(["HR-1"]);
    await expectAppError(
      addPopulationEvent(viewer, {
        controlId: control.id,
        date: "2026-02-03",
        reference: "HR-2",
        description: "",
      }),
      "FORBIDDEN",
    );
    await expectAppError(importPopulation(viewer, control.id, "2026-02-03,HR-3"), "FORBIDDEN");
    await expectAppError(deletePopulationEvent(viewer, event.id), "FORBIDDEN");

    expect(await references(owner, control.id)).toEqual(["HR-1"]);
    expect(await actions(owner.orgId)).toEqual(logged);
  });

  it("lets an editor add, import and delete events", async () => {
    const owner = await makeOrg();
    const { ctx: editor } = await addMember(owner, "editor");
    const control = await eventDriven(owner);

    const { id } = await addPopulationEvent(editor, {
      controlId: control.id,
      date: "2026-02-03",
      reference: "HR-1",
      description: "",
    });
    expect(await importPopulation(editor, control.id, "2026-02-04,HR-2\n2026-02-05,HR-3")).toEqual({
      added: 2,
      skipped: 0,
      problems: [],
    });
    await deletePopulationEvent(editor, id);

    expect(await references(editor, control.id)).toEqual(["HR-2", "HR-3"]);
    expect(
      (await entries(owner.orgId)).slice(-3).map((entry) => [entry.action, entry.actorId]),
    ).toEqual([
      ["population.event_added", editor.userId],
      ["population.imported", editor.userId],
      ["population.event_removed", editor.userId],
    ]);
    await expectIntactLog(owner);
  });
});
