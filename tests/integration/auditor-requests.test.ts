import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  answerableEvidence,
  closeAuditorRequest,
  createAuditorRequest,
  engagementsServingControl,
  listAuditorRequests,
  reopenAuditorRequest,
  type RequestRow,
} from "@/lib/db/auditor-requests";
import { getDb } from "@/lib/db/client";
import { addNoteEvidence } from "@/lib/db/evidence";
import { makeAuditedOrg, makeAuditor } from "./auditor-fixture";
import {
  criterion,
  entries,
  expectAppError,
  expectIntactLog,
  makeControl,
  makeEngagement,
  makeOrg,
  noteEvidenceInput,
} from "./helpers";
import { signInAs } from "./signed-in";

// Auditor requests: an auditor asks on a requirement or a control of their engagement, the team
// answers (with evidence) and closes, the auditor may reopen. Never outside the auditor's scope.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { closeRequestAction, createRequestAction, reopenRequestAction } =
  await import("@/app/o/[orgSlug]/requests/actions");

beforeEach(() => {
  signInAs(null);
});

const T0 = new Date("2026-05-04T10:00:00.000Z");
const hoursLater = (hours: number): Date => new Date(T0.getTime() + hours * 3_600_000);
const BODY = "Please provide the payroll reconciliations for Q1.";

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const item of [value].flat()) data.append(name, item);
  return data;
}

const summary = (rows: RequestRow[]) => rows.map((row) => ({ id: row.id, status: row.status }));
const requestCount = (orgId: string) =>
  getDb().auditorRequest.count({ where: { organizationId: orgId } });

describe("createAuditorRequest", () => {
  it("lets the auditor ask about a requirement and about a control of their engagement, and logs it", async () => {
    const { team, auditor, engagementA, objectiveA, controlA, controlBoth } =
      await makeAuditedOrg();

    const onRequirement = await createAuditorRequest(
      auditor.ctx,
      { engagementId: engagementA.id, requirementId: objectiveA.id, body: BODY },
      T0,
    );
    const onControl = await createAuditorRequest(
      auditor.ctx,
      { engagementId: engagementA.id, controlId: controlA.id, body: "Which runs were sampled?" },
      hoursLater(1),
    );
    const onShared = await createAuditorRequest(
      auditor.ctx,
      {
        engagementId: engagementA.id,
        controlId: controlBoth.id,
        body: "Please send the Q1 access review.",
      },
      hoursLater(2),
    );

    expect(await listAuditorRequests(auditor.ctx)).toEqual([
      expect.objectContaining({
        id: onShared.id,
        target: { kind: "control", id: controlBoth.id, label: "ACC-01 Access review" },
      }),
      expect.objectContaining({
        id: onControl.id,
        engagementId: engagementA.id,
        engagementName: engagementA.name,
        target: { kind: "control", id: controlA.id, label: "PAY-01 Payroll reconciliation" },
        body: "Which runs were sampled?",
      }),
      expect.objectContaining({
        id: onRequirement.id,
        target: {
          kind: "requirement",
          id: objectiveA.id,
          label: "OA-1 Payroll is processed accurately",
        },
        body: BODY,
        status: "open",
        answer: null,
        createdBy: auditor.user.name,
        createdAt: T0,
        closedBy: null,
        closedAt: null,
        evidence: [],
      }),
    ]);
    const created = (await entries(team.orgId)).filter(
      (entry) => entry.action === "request.created",
    );
    expect(created.map((entry) => entry.entityId)).toEqual([
      onRequirement.id,
      onControl.id,
      onShared.id,
    ]);
    expect(created[0]).toMatchObject({
      actorId: auditor.user.userId,
      entityType: "auditor_request",
      after: {
        engagementId: engagementA.id,
        target: "OA-1 Payroll is processed accurately",
        body: BODY,
      },
    });
    await expectIntactLog(team);
  });

  it("answers NOT_FOUND for a requirement or control outside the auditor's engagement, and stores nothing", async () => {
    const {
      team,
      auditor,
      engagementA,
      engagementB,
      objectiveA,
      criterionB,
      controlB,
      controlBoth,
    } = await makeAuditedOrg();
    const theirs = await makeOrg();
    const theirEngagement = await makeEngagement(theirs);
    const theirControl = await makeControl(theirs);

    for (const input of [
      { engagementId: engagementA.id, requirementId: criterionB },
      { engagementId: engagementB.id, requirementId: criterionB },
      { engagementId: engagementB.id, requirementId: objectiveA.id },
      { engagementId: engagementA.id, controlId: controlB.id },
      { engagementId: engagementB.id, controlId: controlB.id },
      { engagementId: engagementB.id, controlId: controlBoth.id },
      { engagementId: engagementA.id, controlId: theirControl.id },
      { engagementId: theirEngagement.id, requirementId: criterion("CC6.1") },
    ]) {
      await expectAppError(
        createAuditorRequest(auditor.ctx, { ...input, body: BODY }),
        "NOT_FOUND",
      );
    }
    expect(await requestCount(team.orgId)).toBe(0);
    expect(await requestCount(theirs.orgId)).toBe(0);
  });

  it("refuses the team: only auditors ask", async () => {
    const { team, editor, viewer, engagementA, objectiveA } = await makeAuditedOrg();

    for (const ctx of [viewer.ctx, editor.ctx, team]) {
      await expectAppError(
        createAuditorRequest(ctx, {
          engagementId: engagementA.id,
          requirementId: objectiveA.id,
          body: BODY,
        }),
        "FORBIDDEN",
      );
    }
    expect(await requestCount(team.orgId)).toBe(0);
  });
});

describe("listing, answering and reopening requests", () => {
  it("lists open requests first, newest first, to the team, with filters", async () => {
    const { team, viewer, auditor, engagementA, objectiveA, controlA } = await makeAuditedOrg();
    const first = await createAuditorRequest(
      auditor.ctx,
      { engagementId: engagementA.id, requirementId: objectiveA.id, body: BODY },
      T0,
    );
    const second = await createAuditorRequest(
      auditor.ctx,
      { engagementId: engagementA.id, controlId: controlA.id, body: "Second question." },
      hoursLater(1),
    );
    const third = await createAuditorRequest(
      auditor.ctx,
      { engagementId: engagementA.id, controlId: controlA.id, body: "Third question." },
      hoursLater(2),
    );
    await closeAuditorRequest(
      team,
      { requestId: third.id, answer: "Done.", evidenceIds: [] },
      hoursLater(3),
    );

    const expected = [
      { id: second.id, status: "open" },
      { id: first.id, status: "open" },
      { id: third.id, status: "answered" },
    ];
    expect(summary(await listAuditorRequests(team))).toEqual(expected);
    expect(summary(await listAuditorRequests(viewer.ctx))).toEqual(expected);
    expect(summary(await listAuditorRequests(team, { status: "open" }))).toEqual(
      expected.slice(0, 2),
    );
    expect(
      summary(
        await listAuditorRequests(team, { status: "answered", engagementId: engagementA.id }),
      ),
    ).toEqual(expected.slice(2));
  });

  it("lets an editor close a request with an answer and evidence; the auditor sees it and may reopen", async () => {
    const { team, editor, auditor, engagementA, controlA } = await makeAuditedOrg();
    const request = await createAuditorRequest(
      auditor.ctx,
      { engagementId: engagementA.id, controlId: controlA.id, body: BODY },
      T0,
    );
    const evidence = await addNoteEvidence(
      team,
      noteEvidenceInput([controlA.id], { title: "March reconciliation" }),
    );

    await closeAuditorRequest(
      editor.ctx,
      {
        requestId: request.id,
        answer: "Attached the March reconciliation.",
        evidenceIds: [evidence.id, evidence.id],
      },
      hoursLater(1),
    );

    const [closed] = await listAuditorRequests(auditor.ctx);
    expect(closed).toMatchObject({
      id: request.id,
      status: "answered",
      answer: "Attached the March reconciliation.",
      closedBy: editor.user.name,
      closedAt: hoursLater(1),
      evidence: [{ id: evidence.id, title: "March reconciliation" }],
    });
    expect((await entries(team.orgId)).at(-1)).toMatchObject({
      action: "request.closed",
      actorId: editor.user.userId,
      entityId: request.id,
      after: { answer: "Attached the March reconciliation.", evidenceIds: [evidence.id] },
    });
    await expectAppError(
      closeAuditorRequest(editor.ctx, { requestId: request.id, answer: "Again.", evidenceIds: [] }),
      "CONFLICT",
      /already answered/,
    );

    await reopenAuditorRequest(auditor.ctx, request.id, hoursLater(2));

    expect((await listAuditorRequests(team))[0]).toMatchObject({
      id: request.id,
      status: "open",
      closedBy: null,
      closedAt: null,
      answer: "Attached the March reconciliation.",
    });
    // Closing again with the same evidence plus more attaches only what is new.
    const more = await addNoteEvidence(
      team,
      noteEvidenceInput([controlA.id], { title: "April reconciliation" }),
    );
    await closeAuditorRequest(
      editor.ctx,
      {
        requestId: request.id,
        answer: "Both months attached.",
        evidenceIds: [evidence.id, more.id],
      },
      hoursLater(3),
    );
    expect((await listAuditorRequests(team))[0]?.evidence.map((item) => item.id).sort()).toEqual(
      [evidence.id, more.id].sort(),
    );
    await reopenAuditorRequest(auditor.ctx, request.id, hoursLater(4));
    expect((await entries(team.orgId)).at(-1)).toMatchObject({
      action: "request.reopened",
      actorId: auditor.user.userId,
      entityType: "auditor_request",
      entityId: request.id,
    });
    await expectIntactLog(team);
  });

  it("refuses evidence of another organisation (NOT_FOUND) and leaves the request open with nothing attached", async () => {
    const { team, editor, auditor, engagementA, controlA } = await makeAuditedOrg();
    const request = await createAuditorRequest(auditor.ctx, {
      engagementId: engagementA.id,
      controlId: controlA.id,
      body: BODY,
    });
    const ours = await addNoteEvidence(team, noteEvidenceInput([controlA.id]));
    const theirs = await makeOrg();
    const theirEvidence = await addNoteEvidence(
      theirs,
      noteEvidenceInput([(await makeControl(theirs)).id]),
    );

    await expectAppError(
      closeAuditorRequest(editor.ctx, {
        requestId: request.id,
        answer: "Here.",
        evidenceIds: [ours.id, theirEvidence.id],
      }),
      "NOT_FOUND",
    );
    await expectAppError(
      closeAuditorRequest(editor.ctx, {
        requestId: request.id,
        answer: "Here.",
        evidenceIds: ["no-such-evidence"],
      }),
      "NOT_FOUND",
    );

    expect((await listAuditorRequests(team))[0]).toMatchObject({
      status: "open",
      answer: null,
      evidence: [],
    });
    expect(await getDb().auditorRequestEvidence.count({ where: { requestId: request.id } })).toBe(
      0,
    );
  });

  it("lets only owners, admins and editors close, and only auditors reopen, within their scope", async () => {
    const { team, viewer, auditor, engagementA, engagementB, controlA, criterionB } =
      await makeAuditedOrg();
    const request = await createAuditorRequest(auditor.ctx, {
      engagementId: engagementA.id,
      controlId: controlA.id,
      body: BODY,
    });
    const auditorOfB = await makeAuditor(team, [engagementB.id]);
    const requestB = await createAuditorRequest(auditorOfB.ctx, {
      engagementId: engagementB.id,
      requirementId: criterionB,
      body: "Firewall review, please.",
    });
    const theirs = await makeOrg();

    await expectAppError(
      closeAuditorRequest(viewer.ctx, { requestId: request.id, answer: "", evidenceIds: [] }),
      "FORBIDDEN",
    );
    await expectAppError(
      closeAuditorRequest(auditor.ctx, { requestId: request.id, answer: "", evidenceIds: [] }),
      "FORBIDDEN",
    );
    await expectAppError(
      closeAuditorRequest(theirs, { requestId: request.id, answer: "", evidenceIds: [] }),
      "NOT_FOUND",
    );
    await closeAuditorRequest(team, { requestId: requestB.id, answer: "Sent.", evidenceIds: [] });
    await closeAuditorRequest(team, { requestId: request.id, answer: "Sent.", evidenceIds: [] });

    await expectAppError(reopenAuditorRequest(team, request.id), "FORBIDDEN");
    await expectAppError(reopenAuditorRequest(auditor.ctx, requestB.id), "NOT_FOUND");
    await expectAppError(reopenAuditorRequest(auditorOfB.ctx, request.id), "NOT_FOUND");
    expect(summary(await listAuditorRequests(team, { status: "open" }))).toEqual([]);
  });

  it("never shows an auditor the requests of an engagement they were not given", async () => {
    const { team, auditor, engagementA, engagementB, objectiveA, criterionB } =
      await makeAuditedOrg();
    const mine = await createAuditorRequest(auditor.ctx, {
      engagementId: engagementA.id,
      requirementId: objectiveA.id,
      body: BODY,
    });
    const auditorOfB = await makeAuditor(team, [engagementB.id]);
    const other = await createAuditorRequest(auditorOfB.ctx, {
      engagementId: engagementB.id,
      requirementId: criterionB,
      body: "Firewall review, please.",
    });

    expect(summary(await listAuditorRequests(auditor.ctx))).toEqual([
      { id: mine.id, status: "open" },
    ]);
    expect(await listAuditorRequests(auditor.ctx, { engagementId: engagementB.id })).toEqual([]);
    expect(
      await listAuditorRequests(auditor.ctx, { status: "open", engagementId: engagementB.id }),
    ).toEqual([]);
    expect(summary(await listAuditorRequests(auditorOfB.ctx))).toEqual([
      { id: other.id, status: "open" },
    ]);
    expect((await listAuditorRequests(auditorOfB.ctx))[0]?.target).toEqual({
      kind: "requirement",
      id: criterionB,
      label: expect.stringMatching(/^CC6\.1 \w/),
    });
    expect((await listAuditorRequests(team)).map((row) => row.id).sort()).toEqual(
      [mine.id, other.id].sort(),
    );
  });

  it("offers the team the evidence of the request's controls, and the auditor the engagements a control serves", async () => {
    const { team, editor, auditor, engagementA, objectiveA, controlA, controlB, controlBoth } =
      await makeAuditedOrg();
    const onA = await addNoteEvidence(
      team,
      noteEvidenceInput([controlA.id], { title: "Payroll evidence", effectiveDate: "2026-02-01" }),
    );
    const onBoth = await addNoteEvidence(
      team,
      noteEvidenceInput([controlBoth.id], {
        title: "Access evidence",
        effectiveDate: "2026-03-01",
      }),
    );
    await addNoteEvidence(team, noteEvidenceInput([controlB.id], { title: "Firewall evidence" }));
    await createAuditorRequest(auditor.ctx, {
      engagementId: engagementA.id,
      requirementId: objectiveA.id,
      body: BODY,
    });
    const [row] = await listAuditorRequests(editor.ctx);

    expect(
      (await answerableEvidence(editor.ctx, row as RequestRow)).map((item) => item.id),
    ).toEqual([onBoth.id, onA.id]);
    await expectAppError(answerableEvidence(auditor.ctx, row as RequestRow), "FORBIDDEN");
    expect(await engagementsServingControl(auditor.ctx, controlBoth.id)).toEqual([
      { id: engagementA.id, name: engagementA.name },
    ]);
    expect(await engagementsServingControl(auditor.ctx, controlB.id)).toEqual([]);
    await expectAppError(engagementsServingControl(editor.ctx, controlA.id), "FORBIDDEN");
  });
});

describe("the request server actions", () => {
  it("let the auditor ask and reopen and the editor close, each refused to the other", async () => {
    const { team, editor, auditor, engagementA, engagementB, controlA, criterionB } =
      await makeAuditedOrg();
    const evidence = await addNoteEvidence(team, noteEvidenceInput([controlA.id]));
    const ask = (fields: Record<string, string>) =>
      createRequestAction(null, form({ orgSlug: team.orgSlug, body: BODY, ...fields }));

    signInAs(auditor.user);
    const created = await ask({ engagementId: engagementA.id, controlId: controlA.id });
    expect(created).toEqual({ ok: true, data: { id: expect.any(String) } });
    const requestId = created.ok ? created.data.id : "";
    expect(await ask({ engagementId: engagementB.id, requirementId: criterionB })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    const both = await ask({
      engagementId: engagementA.id,
      controlId: controlA.id,
      requirementId: criterionB,
    });
    expect(both).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { body: ["A request is about one requirement or one control."] },
    });
    expect(
      await closeRequestAction(
        null,
        form({ orgSlug: team.orgSlug, requestId, answer: "Closing my own." }),
      ),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });

    signInAs(editor.user);
    expect(await ask({ engagementId: engagementA.id, controlId: controlA.id })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(
      await closeRequestAction(
        null,
        form({
          orgSlug: team.orgSlug,
          requestId,
          answer: "See the attached.",
          evidenceIds: evidence.id,
        }),
      ),
    ).toEqual({ ok: true, data: null });
    expect(
      await reopenRequestAction(null, form({ orgSlug: team.orgSlug, requestId })),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });

    signInAs(auditor.user);
    expect(await reopenRequestAction(null, form({ orgSlug: team.orgSlug, requestId }))).toEqual({
      ok: true,
      data: null,
    });

    expect(await listAuditorRequests(auditor.ctx)).toEqual([
      expect.objectContaining({
        id: requestId,
        status: "open",
        answer: "See the attached.",
        evidence: [expect.objectContaining({ id: evidence.id })],
      }),
    ]);
    expect(
      (await entries(team.orgId))
        .filter((entry) => entry.entityType === "auditor_request")
        .map((entry) => [entry.action, entry.actorId]),
    ).toEqual([
      ["request.created", auditor.user.userId],
      ["request.closed", editor.user.userId],
      ["request.reopened", auditor.user.userId],
    ]);
    await expectIntactLog(team);
  });
});
