import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import {
  addFileEvidence,
  addLinkEvidence,
  addNoteEvidence,
  findEvidenceBySha,
  getEvidenceFile,
  linkEvidenceToControls,
  listControlEvidence,
  referencedStorageKeys,
} from "@/lib/db/evidence";
import { deleteEvidence } from "@/lib/db/evidence-corrections";
import {
  actions,
  addMember,
  entries,
  expectAppError,
  expectIntactLog,
  fileEvidenceInput,
  makeControl,
  makeOrg,
  makePopulationEvent,
  noteEvidenceInput,
  storedBlob,
} from "./helpers";
import { versionOf } from "./version-of";

const PDF = { name: "q1-review.pdf", contentType: "application/pdf" };

const titles = async (ctx: OrgContext, controlId: string) =>
  (await listControlEvidence(ctx, controlId)).map((row) => row.title);
const evidenceCount = (orgId: string) =>
  getDb().evidence.count({ where: { organizationId: orgId } });
const storedFileCount = (orgId: string) =>
  getDb().storedFile.count({ where: { organizationId: orgId } });
const controlIdsOf = async (ctx: OrgContext, controlId: string, evidenceId: string) =>
  (await listControlEvidence(ctx, controlId))
    .find((row) => row.id === evidenceId)
    ?.controls.map((control) => control.id)
    .sort();

describe("addNoteEvidence and addLinkEvidence", () => {
  it("adds a note that supports several controls, lists it under each and logs it", async () => {
    const ctx = await makeOrg();
    const [a, b] = [
      await makeControl(ctx, { ref: "AC-01" }),
      await makeControl(ctx, { ref: "AC-02" }),
    ];
    const input = noteEvidenceInput([a.id, b.id, a.id], {
      title: "Q1 access review",
      purpose: "operating",
      effectiveDate: "2026-01-01",
      coverageEnd: "2026-03-31",
      note: "All 42 accounts reviewed.",
    });

    const { id } = await addNoteEvidence(ctx, input);

    for (const control of [a, b]) {
      const [row] = await listControlEvidence(ctx, control.id);
      expect(row).toMatchObject({
        id,
        kind: "note",
        purpose: "operating",
        title: "Q1 access review",
        note: "All 42 accounts reviewed.",
        url: null,
        fileName: null,
        sha256: null,
        effectiveDate: "2026-01-01",
        coverageEnd: "2026-03-31",
        eventId: null,
      });
      expect(row?.controls.map((c) => c.ref).sort()).toEqual(["AC-01", "AC-02"]);
    }
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "evidence.added",
      entityType: "evidence",
      entityId: id,
      actorId: ctx.userId,
      after: {
        kind: "note",
        purpose: "operating",
        title: "Q1 access review",
        effectiveDate: "2026-01-01",
        coverageEnd: "2026-03-31",
        controlIds: [a.id, b.id],
        eventId: null,
        fileId: null,
      },
    });
    await expectIntactLog(ctx);
  });

  it("adds a link the same way", async () => {
    const ctx = await makeOrg();
    const [a, b] = [await makeControl(ctx), await makeControl(ctx)];

    const { id } = await addLinkEvidence(ctx, {
      ...noteEvidenceInput([a.id, b.id]),
      url: "https://ci.example.test/runs/42",
    });

    expect(await listControlEvidence(ctx, b.id)).toEqual([
      expect.objectContaining({
        id,
        kind: "link",
        url: "https://ci.example.test/runs/42",
        note: null,
      }),
    ]);
    expect(await controlIdsOf(ctx, a.id, id)).toEqual([a.id, b.id].sort());
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "evidence.added",
      entityId: id,
      after: { kind: "link", controlIds: [a.id, b.id] },
    });
    await expectIntactLog(ctx);
  });

  it("links evidence to a population event of one of its controls", async () => {
    const ctx = await makeOrg();
    const hires = await makeControl(ctx, { frequency: "event_driven" });
    const other = await makeControl(ctx);
    const event = await makePopulationEvent(ctx, hires.id);

    const { id } = await addNoteEvidence(
      ctx,
      noteEvidenceInput([other.id, hires.id], { eventId: event.id }),
    );

    expect((await listControlEvidence(ctx, hires.id))[0]).toMatchObject({ id, eventId: event.id });
  });

  it("refuses an event of a control the evidence is not linked to, with the error on eventId, and writes nothing", async () => {
    const ctx = await makeOrg();
    const hires = await makeControl(ctx, { frequency: "event_driven" });
    const other = await makeControl(ctx);
    const event = await makePopulationEvent(ctx, hires.id);
    const logged = await actions(ctx.orgId);

    for (const eventId of [event.id, "no-such-event"]) {
      const error = await expectAppError(
        addNoteEvidence(ctx, noteEvidenceInput([other.id], { eventId })),
        "VALIDATION",
      );
      expect(error.fieldErrors?.eventId).toEqual([
        "That event does not belong to the chosen controls.",
      ]);
      await expectAppError(
        addLinkEvidence(ctx, {
          ...noteEvidenceInput([other.id], { eventId }),
          url: "https://example.test",
        }),
        "VALIDATION",
      );
    }
    expect(await evidenceCount(ctx.orgId)).toBe(0);
    expect(await actions(ctx.orgId)).toEqual(logged);
  });
});

describe("addFileEvidence", () => {
  it("stores a file once: the same SHA-256 again is reused and keeps one StoredFile row", async () => {
    const ctx = await makeOrg();
    const [a, b] = [await makeControl(ctx), await makeControl(ctx)];
    const blob = storedBlob(ctx.orgId, "%PDF-1.7 quarterly review");

    const first = await addFileEvidence(
      ctx,
      fileEvidenceInput([a.id], { title: "Q1 review" }),
      blob,
      PDF,
    );
    const second = await addFileEvidence(
      ctx,
      fileEvidenceInput([b.id], { title: "Q1 review, again" }),
      blob,
      { name: "copy.pdf", contentType: "application/pdf" },
    );

    expect(first.reused).toBe(false);
    expect(second.reused).toBe(true);
    expect(await storedFileCount(ctx.orgId)).toBe(1);
    expect(await listControlEvidence(ctx, a.id)).toEqual([
      expect.objectContaining({
        id: first.id,
        kind: "file",
        fileName: PDF.name,
        contentType: PDF.contentType,
        sha256: blob.sha256,
        size: blob.size,
      }),
    ]);
    expect((await listControlEvidence(ctx, b.id))[0]).toMatchObject({
      id: second.id,
      fileName: "copy.pdf",
      sha256: blob.sha256,
    });
    const added = (await entries(ctx.orgId)).filter((entry) => entry.action === "evidence.added");
    expect(added.map((entry) => entry.entityId)).toEqual([first.id, second.id]);
    expect(added[0]?.after).toMatchObject({ kind: "file", fileId: expect.any(String) });
    expect(added[1]?.after).toMatchObject({
      fileId: (added[0]?.after as { fileId: string }).fileId,
    });
    await expectIntactLog(ctx);
  });

  it("keeps the same bytes in two organisations as two separate files", async () => {
    const [ours, theirs] = [await makeOrg(), await makeOrg()];
    const content = "the same policy PDF";

    const mine = await addFileEvidence(
      ours,
      fileEvidenceInput([(await makeControl(ours)).id]),
      storedBlob(ours.orgId, content),
      PDF,
    );
    const other = await addFileEvidence(
      theirs,
      fileEvidenceInput([(await makeControl(theirs)).id]),
      storedBlob(theirs.orgId, content),
      PDF,
    );

    expect([mine.reused, other.reused]).toEqual([false, false]);
    expect((await getEvidenceFile(ours, mine.id)).storageKey).toBe(
      storedBlob(ours.orgId, content).key,
    );
    expect((await getEvidenceFile(theirs, other.id)).storageKey).toBe(
      storedBlob(theirs.orgId, content).key,
    );
  });
});

describe("listControlEvidence", () => {
  it("lists a control's evidence only, newest effective date first", async () => {
    const ctx = await makeOrg();
    const [control, other] = [await makeControl(ctx), await makeControl(ctx)];
    for (const [title, effectiveDate] of [
      ["February", "2026-02-01"],
      ["May", "2026-05-01"],
      ["March", "2026-03-15"],
    ]) {
      await addNoteEvidence(ctx, noteEvidenceInput([control.id], { title, effectiveDate }));
    }
    await addNoteEvidence(
      ctx,
      noteEvidenceInput([other.id], { title: "Elsewhere", effectiveDate: "2026-04-01" }),
    );

    expect(await titles(ctx, control.id)).toEqual(["May", "March", "February"]);
    expect(await titles(ctx, other.id)).toEqual(["Elsewhere"]);
  });
});

describe("linkEvidenceToControls", () => {
  it("reuses evidence for more controls and logs the links before and after", async () => {
    const ctx = await makeOrg();
    const [a, b, c] = [await makeControl(ctx), await makeControl(ctx), await makeControl(ctx)];
    const { id } = await addNoteEvidence(ctx, noteEvidenceInput([a.id]));

    await linkEvidenceToControls(
      ctx,
      id,
      [a.id, b.id, c.id, b.id],
      await versionOf("evidence", id),
    );

    expect(await controlIdsOf(ctx, c.id, id)).toEqual([a.id, b.id, c.id].sort());
    expect((await entries(ctx.orgId)).at(-1)).toMatchObject({
      action: "evidence.linked",
      entityType: "evidence",
      entityId: id,
      before: { controlIds: [a.id] },
      after: { controlIds: [a.id, b.id, c.id].sort() },
    });
    await expectIntactLog(ctx);
  });

  it("changes and logs nothing when every control is already linked", async () => {
    const ctx = await makeOrg();
    const a = await makeControl(ctx);
    const { id } = await addNoteEvidence(ctx, noteEvidenceInput([a.id]));
    const logged = await actions(ctx.orgId);

    await linkEvidenceToControls(ctx, id, [a.id], await versionOf("evidence", id));

    expect(await actions(ctx.orgId)).toEqual(logged);
  });
});

describe("deleteEvidence", () => {
  it("removes the evidence from every control and logs what it was", async () => {
    const ctx = await makeOrg();
    const [a, b] = [await makeControl(ctx), await makeControl(ctx)];
    const { id } = await addNoteEvidence(
      ctx,
      noteEvidenceInput([a.id, b.id], { title: "Gone soon", effectiveDate: "2026-02-02" }),
    );

    await deleteEvidence(ctx, id, await versionOf("evidence", id), "Recorded in error");

    expect([await titles(ctx, a.id), await titles(ctx, b.id)]).toEqual([[], []]);
    const last = (await entries(ctx.orgId)).at(-1);
    expect(last).toMatchObject({
      action: "evidence.deleted",
      entityType: "evidence",
      entityId: id,
      before: { title: "Gone soon", kind: "note", effectiveDate: "2026-02-02" },
    });
    expect((last?.before as { controlIds: string[] }).controlIds.sort()).toEqual(
      [a.id, b.id].sort(),
    );
    await expectIntactLog(ctx);
  });

  it("keeps a stored file while other evidence uses it and removes it with the last one", async () => {
    const ctx = await makeOrg();
    const control = await makeControl(ctx);
    const blob = storedBlob(ctx.orgId, "shared export");
    const first = await addFileEvidence(ctx, fileEvidenceInput([control.id]), blob, PDF);
    const second = await addFileEvidence(ctx, fileEvidenceInput([control.id]), blob, PDF);

    await deleteEvidence(ctx, first.id, await versionOf("evidence", first.id), "Recorded in error");
    expect(await storedFileCount(ctx.orgId)).toBe(1);
    expect((await getEvidenceFile(ctx, second.id)).storageKey).toBe(blob.key);
    expect(await referencedStorageKeys([blob.key])).toEqual(new Set([blob.key]));

    await deleteEvidence(
      ctx,
      second.id,
      await versionOf("evidence", second.id),
      "Recorded in error",
    );
    expect(await storedFileCount(ctx.orgId)).toBe(0);
    expect(await referencedStorageKeys([blob.key])).toEqual(new Set());
    expect(
      (await actions(ctx.orgId)).filter((action) => action === "evidence.deleted"),
    ).toHaveLength(2);
    await expectIntactLog(ctx);
  });
});

describe("getEvidenceFile, findEvidenceBySha and referencedStorageKeys", () => {
  it("gives a member what a download needs, and NOT_FOUND for notes and links", async () => {
    const ctx = await makeOrg();
    const { ctx: viewer } = await addMember(ctx, "viewer");
    const control = await makeControl(ctx);
    const blob = storedBlob(ctx.orgId, "download me");
    const file = await addFileEvidence(ctx, fileEvidenceInput([control.id]), blob, PDF);
    const note = await addNoteEvidence(ctx, noteEvidenceInput([control.id]));
    const link = await addLinkEvidence(ctx, {
      ...noteEvidenceInput([control.id]),
      url: "https://example.test",
    });

    expect(await getEvidenceFile(viewer, file.id)).toEqual({
      storageKey: blob.key,
      fileName: PDF.name,
      contentType: PDF.contentType,
      sha256: blob.sha256,
      size: blob.size,
    });
    await expectAppError(getEvidenceFile(ctx, note.id), "NOT_FOUND");
    await expectAppError(getEvidenceFile(ctx, link.id), "NOT_FOUND");
    await expectAppError(getEvidenceFile(ctx, "no-such-evidence"), "NOT_FOUND");
  });

  it("finds evidence holding a file by its SHA-256, with the refs of its controls", async () => {
    const ctx = await makeOrg();
    const [a, b] = [
      await makeControl(ctx, { ref: "AC-01" }),
      await makeControl(ctx, { ref: "AC-02" }),
    ];
    const blob = storedBlob(ctx.orgId, "find me");
    const { id } = await addFileEvidence(
      ctx,
      fileEvidenceInput([a.id, b.id], { title: "Firewall export" }),
      blob,
      PDF,
    );
    await addFileEvidence(
      ctx,
      fileEvidenceInput([a.id]),
      storedBlob(ctx.orgId, "something else"),
      PDF,
    );

    const found = await findEvidenceBySha(ctx, blob.sha256);

    expect(found).toEqual([
      {
        id,
        title: "Firewall export",
        fileName: PDF.name,
        controls: expect.arrayContaining(["AC-01", "AC-02"]),
        version: 0,
      },
    ]);
    expect(found[0]?.controls).toHaveLength(2);
    expect(await findEvidenceBySha(ctx, storedBlob(ctx.orgId, "never uploaded").sha256)).toEqual(
      [],
    );
  });

  it("reports which of the given storage keys a file row still references, in any organisation", async () => {
    const [ours, theirs] = [await makeOrg(), await makeOrg()];
    const mine = storedBlob(ours.orgId, "kept");
    const other = storedBlob(theirs.orgId, "kept");
    await addFileEvidence(ours, fileEvidenceInput([(await makeControl(ours)).id]), mine, PDF);
    await addFileEvidence(theirs, fileEvidenceInput([(await makeControl(theirs)).id]), other, PDF);
    const orphan = storedBlob(ours.orgId, "orphan").key;

    expect(await referencedStorageKeys([mine.key, other.key, orphan])).toEqual(
      new Set([mine.key, other.key]),
    );
    expect(await referencedStorageKeys([])).toEqual(new Set());
  });
});

describe("another organisation's evidence", () => {
  async function twoOrgs() {
    const [ours, theirs] = [await makeOrg(), await makeOrg()];
    const ourControl = await makeControl(ours);
    const theirControl = await makeControl(theirs, { frequency: "event_driven" });
    const theirEvent = await makePopulationEvent(theirs, theirControl.id);
    const theirBlob = storedBlob(theirs.orgId, "their secret");
    const theirFile = await addFileEvidence(
      theirs,
      fileEvidenceInput([theirControl.id], { eventId: theirEvent.id }),
      theirBlob,
      PDF,
    );
    const ourNote = await addNoteEvidence(ours, noteEvidenceInput([ourControl.id]));
    return { ours, theirs, ourControl, theirControl, theirEvent, theirBlob, theirFile, ourNote };
  }

  it("is never found, linked, changed or deleted, whatever the function", async () => {
    const { ours, theirs, ourControl, theirControl, theirEvent, theirBlob, theirFile, ourNote } =
      await twoOrgs();
    const [ourLog, theirLog] = [await actions(ours.orgId), await actions(theirs.orgId)];

    for (const controlIds of [[theirControl.id], [ourControl.id, theirControl.id]]) {
      await expectAppError(addNoteEvidence(ours, noteEvidenceInput(controlIds)), "NOT_FOUND");
      await expectAppError(
        addLinkEvidence(ours, { ...noteEvidenceInput(controlIds), url: "https://example.test" }),
        "NOT_FOUND",
      );
      await expectAppError(
        addFileEvidence(ours, fileEvidenceInput(controlIds), storedBlob(ours.orgId, "new"), PDF),
        "NOT_FOUND",
      );
      await expectAppError(
        linkEvidenceToControls(
          ours,
          ourNote.id,
          controlIds,
          await versionOf("evidence", ourNote.id),
        ),
        "NOT_FOUND",
      );
    }
    // Their event is as unknown as an event that does not exist.
    await expectAppError(
      addNoteEvidence(ours, noteEvidenceInput([ourControl.id], { eventId: theirEvent.id })),
      "VALIDATION",
    );
    await expectAppError(listControlEvidence(ours, theirControl.id), "NOT_FOUND");
    await expectAppError(
      linkEvidenceToControls(
        ours,
        theirFile.id,
        [ourControl.id],
        await versionOf("evidence", theirFile.id),
      ),
      "NOT_FOUND",
    );
    await expectAppError(
      deleteEvidence(
        ours,
        theirFile.id,
        await versionOf("evidence", theirFile.id),
        "Recorded in error",
      ),
      "NOT_FOUND",
    );
    await expectAppError(getEvidenceFile(ours, theirFile.id), "NOT_FOUND");
    expect(await findEvidenceBySha(ours, theirBlob.sha256)).toEqual([]);

    expect(await titles(ours, ourControl.id)).toHaveLength(1);
    expect(await controlIdsOf(ours, ourControl.id, ourNote.id)).toEqual([ourControl.id]);
    expect([await evidenceCount(ours.orgId), await storedFileCount(ours.orgId)]).toEqual([1, 0]);
    expect(
      (await listControlEvidence(theirs, theirControl.id)).map((row) => [
        row.id,
        row.controls.length,
      ]),
    ).toEqual([[theirFile.id, 1]]);
    expect([await actions(ours.orgId), await actions(theirs.orgId)]).toEqual([ourLog, theirLog]);
  });
});

describe("roles", () => {
  it("lets a viewer read evidence and download files but change nothing", async () => {
    const owner = await makeOrg();
    const { ctx: viewer } = await addMember(owner, "viewer");
    const control = await makeControl(owner);
    const blob = storedBlob(owner.orgId, "viewer can read");
    const file = await addFileEvidence(owner, fileEvidenceInput([control.id]), blob, PDF);
    const logged = await actions(owner.orgId);

    expect(await titles(viewer, control.id)).toHaveLength(1);
    expect((await getEvidenceFile(viewer, file.id)).storageKey).toBe(blob.key);
    expect(await findEvidenceBySha(viewer, blob.sha256)).toHaveLength(1);
    await expectAppError(addNoteEvidence(viewer, noteEvidenceInput([control.id])), "FORBIDDEN");
    await expectAppError(
      addLinkEvidence(viewer, { ...noteEvidenceInput([control.id]), url: "https://example.test" }),
      "FORBIDDEN",
    );
    await expectAppError(
      addFileEvidence(
        viewer,
        fileEvidenceInput([control.id]),
        storedBlob(owner.orgId, "other"),
        PDF,
      ),
      "FORBIDDEN",
    );
    await expectAppError(
      linkEvidenceToControls(
        viewer,
        file.id,
        [(await makeControl(owner)).id],
        await versionOf("evidence", file.id),
      ),
      "FORBIDDEN",
    );
    await expectAppError(
      deleteEvidence(viewer, file.id, await versionOf("evidence", file.id), "Recorded in error"),
      "FORBIDDEN",
    );

    expect([await evidenceCount(owner.orgId), await storedFileCount(owner.orgId)]).toEqual([1, 1]);
    expect((await actions(owner.orgId)).filter((action) => action.startsWith("evidence."))).toEqual(
      logged.filter((action) => action.startsWith("evidence.")),
    );
  });

  it("lets an editor add, link and delete evidence", async () => {
    const owner = await makeOrg();
    const { ctx: editor } = await addMember(owner, "editor");
    const [a, b] = [await makeControl(owner), await makeControl(owner)];

    const note = await addNoteEvidence(editor, noteEvidenceInput([a.id]));
    const link = await addLinkEvidence(editor, {
      ...noteEvidenceInput([a.id]),
      url: "https://example.test",
    });
    const file = await addFileEvidence(
      editor,
      fileEvidenceInput([a.id]),
      storedBlob(owner.orgId, "editor upload"),
      PDF,
    );
    await linkEvidenceToControls(editor, note.id, [b.id], await versionOf("evidence", note.id));
    await deleteEvidence(
      editor,
      link.id,
      await versionOf("evidence", link.id),
      "Recorded in error",
    );

    expect((await listControlEvidence(editor, a.id)).map((row) => row.id).sort()).toEqual(
      [note.id, file.id].sort(),
    );
    expect(await titles(editor, b.id)).toHaveLength(1);
    expect(
      (await entries(owner.orgId))
        .filter((entry) => entry.action.startsWith("evidence."))
        .map((entry) => [entry.action, entry.actorId]),
    ).toEqual([
      ["evidence.added", editor.userId],
      ["evidence.added", editor.userId],
      ["evidence.added", editor.userId],
      ["evidence.linked", editor.userId],
      ["evidence.deleted", editor.userId],
    ]);
    await expectIntactLog(owner);
  });
});
