import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { addNoteEvidence, linkEvidenceToControls, listControlEvidence } from "@/lib/db/evidence";
import { deleteEvidence, updateEvidence } from "@/lib/db/evidence-corrections";
import {
  deleteException,
  listControlExceptions,
  recordException,
  updateException,
} from "@/lib/db/exceptions";
import { updateReadinessSettings } from "@/lib/db/organization-settings";
import {
  DeleteEvidenceInput,
  DeleteExceptionInput,
  NoteEvidenceInput,
  UpdateEvidenceInput,
  UpdateExceptionInput,
} from "@/lib/schemas/evidence";
import { ReadinessSettingsInput } from "@/lib/schemas/organization";
import {
  addMember,
  entries,
  exceptionInput,
  expectAppError,
  expectIntactLog,
  makeControl,
  makeException,
  makeOrg,
  makePopulationEvent,
  noteEvidenceInput,
} from "./helpers";
import { versionOf } from "./version-of";

// 2026-04-10 10:30 UTC: still 2026-04-10 in UTC, already 2026-04-11 in Pacific/Kiritimati (UTC+14).
const NOW = new Date("2026-04-10T10:30:00.000Z");

/** The edit form as posted: every field, strings. */
function editForm(
  evidenceId: string,
  version: number,
  controlIds: string[],
  fields: Record<string, string> = {},
) {
  return UpdateEvidenceInput.parse({
    evidenceId,
    version: String(version),
    controlIds,
    title: "Q1 access review",
    purpose: "operating",
    effectiveDate: "2026-04-02",
    coverageEnd: "",
    slotKey: "",
    eventId: "",
    note: "Reviewed every account.",
    ...fields,
  });
}

async function quarterlyWithNote(ctx: OrgContext) {
  const control = await makeControl(ctx, { frequency: "quarterly" });
  const { id } = await addNoteEvidence(
    ctx,
    noteEvidenceInput([control.id], { title: "Access review", effectiveDate: "2026-03-31" }),
  );
  return { control, id };
}

describe("updateEvidence", () => {
  it("corrects dates, occurrence and title, logging only the changed fields before and after", async () => {
    const ctx = await makeOrg();
    const { control, id } = await quarterlyWithNote(ctx);
    await updateEvidence(ctx, editForm(id, 0, [control.id], { slotKey: "2026-Q1" }), NOW);
    const [item] = await listControlEvidence(ctx, control.id);
    expect(item).toMatchObject({
      title: "Q1 access review",
      effectiveDate: "2026-04-02",
      slotKey: "2026-Q1",
      version: 1,
    });
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "evidence.updated",
      entityType: "evidence",
      entityId: id,
      actorId: ctx.userId,
      before: {
        kind: "note",
        title: "Access review",
        effectiveDate: "2026-03-31",
        slotKey: null,
      },
      after: {
        kind: "note",
        title: "Q1 access review",
        effectiveDate: "2026-04-02",
        slotKey: "2026-Q1",
      },
    });
    await expectIntactLog(ctx);
  });

  it("changes nothing, version included, when nothing changed", async () => {
    const ctx = await makeOrg();
    const { control, id } = await quarterlyWithNote(ctx);
    const logged = (await entries(ctx.orgId)).length;
    await updateEvidence(
      ctx,
      editForm(id, 0, [control.id], { title: "Access review", effectiveDate: "2026-03-31" }),
      NOW,
    );
    expect(await versionOf("evidence", id)).toBe(0);
    expect((await entries(ctx.orgId)).length).toBe(logged);
  });

  it("moves the evidence to other controls, logging the sets", async () => {
    const ctx = await makeOrg();
    const { control, id } = await quarterlyWithNote(ctx);
    const other = await makeControl(ctx, { frequency: "quarterly" });
    await updateEvidence(ctx, editForm(id, 0, [other.id]), NOW);
    expect(await listControlEvidence(ctx, control.id)).toEqual([]);
    expect((await listControlEvidence(ctx, other.id)).map((item) => item.id)).toEqual([id]);
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      before: { controlIds: [control.id] },
      after: { controlIds: [other.id] },
    });
  });

  it("refuses a stale version with CONFLICT and keeps the item", async () => {
    const ctx = await makeOrg();
    const { control, id } = await quarterlyWithNote(ctx);
    const extra = await makeControl(ctx, { frequency: "quarterly" });
    await linkEvidenceToControls(ctx, id, [extra.id], 0);
    const error = await expectAppError(
      updateEvidence(ctx, editForm(id, 0, [control.id]), NOW),
      "CONFLICT",
    );
    expect(error.fieldErrors?.version).toHaveLength(1);
    expect((await listControlEvidence(ctx, control.id))[0]?.title).toBe("Access review");
  });

  it("is forbidden to a viewer and not found from another organisation", async () => {
    const ctx = await makeOrg();
    const { control, id } = await quarterlyWithNote(ctx);
    const viewer = await addMember(ctx, "viewer");
    await expectAppError(
      updateEvidence(viewer.ctx, editForm(id, 0, [control.id]), NOW),
      "FORBIDDEN",
    );
    const stranger = await makeOrg();
    const theirs = await makeControl(stranger, { frequency: "quarterly" });
    await expectAppError(updateEvidence(stranger, editForm(id, 0, [theirs.id]), NOW), "NOT_FOUND");
    // Nor can evidence be moved onto another organisation's control.
    await expectAppError(updateEvidence(ctx, editForm(id, 0, [theirs.id]), NOW), "NOT_FOUND");
  });

  it("refuses an effective date after today in the organisation's time zone", async () => {
    const ctx = await makeOrg();
    const { control, id } = await quarterlyWithNote(ctx);
    const error = await expectAppError(
      updateEvidence(ctx, editForm(id, 0, [control.id], { effectiveDate: "2026-04-11" }), NOW),
      "VALIDATION",
    );
    expect(error.fieldErrors?.effectiveDate?.[0]).toMatch(/after today \(2026-04-10\)/);
    // Where it is already the 11th, the 11th is today.
    await updateReadinessSettings(
      ctx,
      ReadinessSettingsInput.parse({
        timeZone: "Pacific/Kiritimati",
        defaultGraceDays: "0",
        freshnessDays: "365",
        version: "0",
      }),
    );
    await updateEvidence(ctx, editForm(id, 0, [control.id], { effectiveDate: "2026-04-11" }), NOW);
  });

  it("refuses a range ending before the effective date, on the field", () => {
    const parsed = UpdateEvidenceInput.safeParse({
      ...editForm("e", 0, ["c"]),
      version: "0",
      coverageEnd: "2026-04-01",
    });
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["coverageEnd"]);
  });

  it("accepts only occurrences the controls can have", async () => {
    const ctx = await makeOrg();
    const { control, id } = await quarterlyWithNote(ctx);
    for (const slotKey of ["2026-03", "2026-Q5", "period"]) {
      const error = await expectAppError(
        updateEvidence(ctx, editForm(id, 0, [control.id], { slotKey }), NOW),
        "VALIDATION",
      );
      expect(error.fieldErrors?.slotKey?.[0]).toMatch(/is not an occurrence of/);
    }
    const events = await makeControl(ctx, { frequency: "event_driven" });
    const event = await makePopulationEvent(ctx, events.id);
    await updateEvidence(ctx, editForm(id, 0, [events.id], { slotKey: event.id }), NOW);
    expect((await listControlEvidence(ctx, events.id))[0]?.slotKey).toBe(event.id);
    await expectAppError(
      updateEvidence(ctx, editForm(id, 1, [events.id], { slotKey: "2026-Q1" }), NOW),
      "VALIDATION",
    );
  });

  it("drops an occurrence from design evidence, as the contract ignores it there", () => {
    expect(editForm("e", 0, ["c"], { purpose: "design", slotKey: "2026-Q1" }).slotKey).toBe(
      undefined,
    );
    expect(
      NoteEvidenceInput.parse({
        ...noteEvidenceInput(["c"]),
        purpose: "design",
        slotKey: "2026-Q1",
      }).slotKey,
    ).toBe(undefined);
  });
});

describe("adding evidence and recording exceptions", () => {
  it("refuses dates after today, and stores the occurrence named", async () => {
    const ctx = await makeOrg();
    const control = await makeControl(ctx, { frequency: "quarterly" });
    const error = await expectAppError(
      addNoteEvidence(ctx, noteEvidenceInput([control.id], { effectiveDate: "2099-01-01" })),
      "VALIDATION",
    );
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["effectiveDate"]);
    await expectAppError(
      recordException(ctx, exceptionInput(control.id, { date: "2026-04-11" }), NOW),
      "VALIDATION",
    );
    await addNoteEvidence(ctx, noteEvidenceInput([control.id], { slotKey: "2026-Q1" }));
    expect((await listControlEvidence(ctx, control.id))[0]?.slotKey).toBe("2026-Q1");
    expect((await entries(ctx.orgId)).at(-1)?.after).toMatchObject({ slotKey: "2026-Q1" });
  });
});

describe("deleteEvidence", () => {
  it("needs a reason, and logs it with what was deleted", async () => {
    const ctx = await makeOrg();
    const { control, id } = await quarterlyWithNote(ctx);
    expect(
      DeleteEvidenceInput.safeParse({ evidenceId: id, version: "0", reason: "  " }).error?.issues[0]
        ?.path,
    ).toEqual(["reason"]);
    expect(DeleteEvidenceInput.safeParse({ evidenceId: id, version: "0" }).success).toBe(false);
    await expectAppError(deleteEvidence(ctx, id, 0, " "), "VALIDATION");
    await deleteEvidence(ctx, id, 0, "Uploaded to the wrong control");
    expect(await listControlEvidence(ctx, control.id)).toEqual([]);
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "evidence.deleted",
      entityId: id,
      before: {
        title: "Access review",
        kind: "note",
        purpose: "operating",
        effectiveDate: "2026-03-31",
        controlIds: [control.id],
        reason: "Uploaded to the wrong control",
      },
    });
  });

  it("is forbidden to a viewer, not found elsewhere, and refused when stale", async () => {
    const ctx = await makeOrg();
    const { id } = await quarterlyWithNote(ctx);
    const viewer = await addMember(ctx, "viewer");
    await expectAppError(deleteEvidence(viewer.ctx, id, 0, "No reason"), "FORBIDDEN");
    await expectAppError(deleteEvidence(await makeOrg(), id, 0, "No reason"), "NOT_FOUND");
    await expectAppError(deleteEvidence(ctx, id, 5, "Stale"), "CONFLICT");
  });
});

/** The exception correction form as posted. */
const exceptionForm = (exceptionId: string, version: number, fields: Record<string, string> = {}) =>
  UpdateExceptionInput.parse({
    exceptionId,
    version: String(version),
    date: "2026-03-09",
    description: "The March review was skipped.",
    severity: "high",
    status: "open",
    remediationNote: "",
    ...fields,
  });

describe("updateException and deleteException", () => {
  it("correct every field from the version loaded, logging before and after", async () => {
    const ctx = await makeOrg();
    const control = await makeControl(ctx);
    const { id } = await makeException(ctx, control.id);
    await updateException(
      ctx,
      exceptionForm(id, 0, { status: "remediated", remediationNote: "Review done late." }),
      NOW,
    );
    expect((await listControlExceptions(ctx, control.id))[0]).toMatchObject({
      date: "2026-03-09",
      severity: "high",
      status: "remediated",
      remediationNote: "Review done late.",
      remediatedAt: NOW,
      version: 1,
    });
    const entry = (await entries(ctx.orgId)).at(-1);
    expect(entry).toMatchObject({
      action: "exception.updated",
      entityId: id,
      before: { controlId: control.id, status: "open", remediationNote: null },
      after: { controlId: control.id, status: "remediated", remediationNote: "Review done late." },
    });
    await expectIntactLog(ctx);
  });

  it("need a remediation note for a remediated exception", () => {
    expect(
      UpdateExceptionInput.safeParse({
        ...exceptionForm("x", 0),
        status: "remediated",
        version: "0",
      }).error?.issues[0]?.path,
    ).toEqual(["remediationNote"]);
  });

  it("refuse a future date, a stale version, a viewer and another organisation", async () => {
    const ctx = await makeOrg();
    const control = await makeControl(ctx);
    const { id } = await makeException(ctx, control.id);
    const future = await expectAppError(
      updateException(ctx, exceptionForm(id, 0, { date: "2026-04-11" }), NOW),
      "VALIDATION",
    );
    expect(future.fieldErrors?.date).toHaveLength(1);
    await expectAppError(updateException(ctx, exceptionForm(id, 3), NOW), "CONFLICT");
    const viewer = await addMember(ctx, "viewer");
    await expectAppError(updateException(viewer.ctx, exceptionForm(id, 0), NOW), "FORBIDDEN");
    await expectAppError(deleteException(viewer.ctx, id, 0, "Wrong"), "FORBIDDEN");
    const stranger = await makeOrg();
    await expectAppError(updateException(stranger, exceptionForm(id, 0), NOW), "NOT_FOUND");
    await expectAppError(deleteException(stranger, id, 0, "Wrong"), "NOT_FOUND");
  });

  it("delete with a reason, logged with what was deleted", async () => {
    const ctx = await makeOrg();
    const control = await makeControl(ctx);
    const { id } = await makeException(ctx, control.id);
    expect(DeleteExceptionInput.safeParse({ exceptionId: id, version: "0" }).success).toBe(false);
    await expectAppError(deleteException(ctx, id, 0, ""), "VALIDATION");
    await deleteException(ctx, id, 0, "Recorded on the wrong control");
    expect(await getDb().controlException.count({ where: { id } })).toBe(0);
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "exception.deleted",
      entityId: id,
      before: { controlId: control.id, reason: "Recorded on the wrong control" },
    });
  });
});
