import { describe, expect, it } from "vitest";
import { createAuditorRequest } from "@/lib/db/auditor-requests";
import { getDb } from "@/lib/db/client";
import { addNoteEvidence } from "@/lib/db/evidence";
import { listRequests, requestsWaitingCount } from "@/lib/db/request-views";
import { loadRequestsPage } from "@/lib/db/requests-page";
import {
  acceptRequest,
  replyToRequest,
  requestControlIds,
  scheduleRequest,
  setRequestLinks,
} from "@/lib/db/request-threads";
import { makeAuditedOrg, makeAuditor } from "./auditor-fixture";
import {
  entries,
  expectAppError,
  expectIntactLog,
  makeControl,
  makeOrg,
  noteEvidenceInput,
} from "./helpers";

// Requests as conversations: both sides reply, the team answers with new or existing evidence,
// the auditor accepts or reopens with a reply; assignee and due date; what waits for whom;
// scope (another engagement's auditor and another organisation → NOT_FOUND, a viewer → FORBIDDEN).

const T0 = new Date("2026-05-04T10:00:00.000Z");
const TODAY = "2026-05-04";
const later = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

async function setUp() {
  const world = await makeAuditedOrg();
  const { id } = await createAuditorRequest(
    world.auditor.ctx,
    {
      engagementId: world.engagementA.id,
      controlId: world.controlA.id,
      body: "Send the Q1 payroll reconciliation.",
    },
    T0,
  );
  const version = async () =>
    (await getDb().auditorRequest.findUniqueOrThrow({ where: { id }, select: { version: true } }))
      .version;
  return { ...world, requestId: id, version };
}

const reply = (requestId: string, body: string, extra: Record<string, unknown> = {}) => ({
  requestId,
  intent: "reply" as const,
  body,
  evidenceIds: [] as string[],
  ...extra,
});

describe("a request's thread", () => {
  it("runs open → answered → reopened with a reply → answered → accepted, with evidence from the replies", async () => {
    const { team, editor, auditor, controlA, requestId, version } = await setUp();
    await replyToRequest(auditor.ctx, reply(requestId, "Include the sign-off, please."), later(1));
    const existing = await addNoteEvidence(
      editor.ctx,
      noteEvidenceInput([controlA.id], { title: "Q1 reconciliation" }),
    );
    // A new file is uploaded through the evidence route first, linked to the request's controls.
    expect(await requestControlIds(editor.ctx, requestId)).toEqual([controlA.id]);
    const uploaded = await addNoteEvidence(
      editor.ctx,
      noteEvidenceInput(await requestControlIds(editor.ctx, requestId), { title: "Sign-off" }),
    );
    await replyToRequest(
      editor.ctx,
      reply(requestId, "Both attached.", {
        intent: "answer",
        version: await version(),
        evidenceIds: [existing.id, uploaded.id],
      }),
      later(2),
    );
    expect(await requestsWaitingCount(auditor.ctx)).toBe(1);
    await replyToRequest(
      auditor.ctx,
      reply(requestId, "The sign-off is unsigned.", { intent: "reopen", version: await version() }),
      later(3),
    );
    await replyToRequest(
      editor.ctx,
      reply(requestId, "Signed copy.", { intent: "answer", version: await version() }),
      later(4),
    );
    await acceptRequest(auditor.ctx, { requestId, version: await version() });
    expect(await requestsWaitingCount(auditor.ctx)).toBe(0);

    const [view] = await listRequests(auditor.ctx, {}, TODAY);
    expect(view).toMatchObject({
      state: "accepted",
      answer: "Signed copy.",
      answeredBy: editor.user.name,
      answeredAt: later(4),
    });
    expect(
      view?.messages.map((m) => [m.side, m.body, m.evidence.map((e) => e.title).sort()]),
    ).toEqual([
      ["auditor", "Include the sign-off, please.", []],
      ["team", "Both attached.", ["Q1 reconciliation", "Sign-off"]],
      ["auditor", "The sign-off is unsigned.", []],
      ["team", "Signed copy.", []],
    ]);
    expect(
      (await entries(team.orgId))
        .map((entry) => entry.action)
        .filter((a) => a.startsWith("request.")),
    ).toEqual([
      "request.created",
      "request.replied",
      "request.answered",
      "request.reopened",
      "request.answered",
      "request.accepted",
    ]);
    await expectIntactLog(team);
  });

  it("refuses moves out of order and stale versions, keeping the state", async () => {
    const { editor, auditor, requestId, version } = await setUp();
    await expectAppError(
      acceptRequest(auditor.ctx, { requestId, version: await version() }),
      "CONFLICT",
      /Only an answered/,
    );
    const stale = await version();
    await replyToRequest(
      editor.ctx,
      reply(requestId, "Here.", { intent: "answer", version: stale }),
    );
    await expectAppError(
      acceptRequest(auditor.ctx, { requestId, version: stale }),
      "CONFLICT",
      /changed this request/,
    );
    await expectAppError(
      replyToRequest(
        editor.ctx,
        reply(requestId, "Again.", { intent: "answer", version: await version() }),
      ),
      "CONFLICT",
    );
    // Sides: the auditor neither answers nor attaches; the team does not reopen.
    await expectAppError(
      replyToRequest(auditor.ctx, reply(requestId, "Mine.", { intent: "answer" })),
      "FORBIDDEN",
    );
    await expectAppError(
      replyToRequest(editor.ctx, reply(requestId, "No.", { intent: "reopen" })),
      "FORBIDDEN",
    );
    const [view] = await listRequests(editor.ctx, {}, TODAY);
    expect(view?.state).toBe("answered");
  });

  it("lets a viewer read but not answer; another engagement's auditor and another organisation get NOT_FOUND", async () => {
    const { team, viewer, engagementB, requestId, version } = await setUp();
    await expectAppError(replyToRequest(viewer.ctx, reply(requestId, "Viewer here.")), "FORBIDDEN");
    expect(await listRequests(viewer.ctx, {}, TODAY)).toHaveLength(1);
    const otherAuditor = await makeAuditor(team, [engagementB.id]);
    await expectAppError(replyToRequest(otherAuditor.ctx, reply(requestId, "Peek.")), "NOT_FOUND");
    await expectAppError(
      acceptRequest(otherAuditor.ctx, { requestId, version: await version() }),
      "NOT_FOUND",
    );
    expect(await listRequests(otherAuditor.ctx, {}, TODAY)).toEqual([]);
    const stranger = await makeOrg();
    await expectAppError(replyToRequest(stranger, reply(requestId, "Hello.")), "NOT_FOUND");
    await expectAppError(
      scheduleRequest(stranger, { requestId, version: await version() }),
      "NOT_FOUND",
    );
    expect(await getDb().auditorRequestMessage.count({ where: { requestId } })).toBe(0);
  });

  it("refuses another organisation's evidence in a reply", async () => {
    const { editor, requestId } = await setUp();
    const stranger = await makeOrg();
    const theirControl = await makeControl(stranger, { ref: "X-01" });
    const theirs = await addNoteEvidence(stranger, noteEvidenceInput([theirControl.id]));
    await expectAppError(
      replyToRequest(editor.ctx, reply(requestId, "Theirs.", { evidenceIds: [theirs.id] })),
      "NOT_FOUND",
    );
    expect(await getDb().auditorRequestMessage.count({ where: { requestId } })).toBe(0);
  });
});

describe("assignee, due date, filters and links", () => {
  it("assigns a team member with a due date, counts it as waiting for them and filters by state, assignee and due", async () => {
    const { editor, viewer, auditor, engagementA, engagementB, requestId, version } = await setUp();
    await expectAppError(
      scheduleRequest(editor.ctx, {
        requestId,
        version: await version(),
        assigneeId: auditor.user.userId,
      }),
      "VALIDATION",
    );
    await expectAppError(
      scheduleRequest(editor.ctx, {
        requestId,
        version: await version(),
        assigneeId: viewer.user.userId,
      }),
      "VALIDATION",
    );
    await scheduleRequest(editor.ctx, {
      requestId,
      version: await version(),
      assigneeId: editor.user.userId,
      dueDate: "2026-05-01",
    });
    expect(await requestsWaitingCount(editor.ctx)).toBe(1);
    const ids = async (filter: Parameters<typeof listRequests>[1]) =>
      (await listRequests(editor.ctx, filter, TODAY)).map((row) => row.id);
    expect(
      await ids({
        state: "open",
        assigneeId: editor.user.userId,
        due: "overdue",
        engagementId: engagementA.id,
      }),
    ).toEqual([requestId]);
    expect(await ids({ due: "this-week" })).toEqual([]);
    expect(await ids({ state: "answered" })).toEqual([]);
    expect(await ids({ engagementId: engagementB.id })).toEqual([]);
    await replyToRequest(
      editor.ctx,
      reply(requestId, "Done.", { intent: "answer", version: await version() }),
    );
    expect(await requestsWaitingCount(editor.ctx)).toBe(0);
  });

  it("edits the links to requirements and controls of the engagement", async () => {
    const { editor, auditor, controlBoth, controlA, requestId, version } = await setUp();
    await expectAppError(
      setRequestLinks(editor.ctx, {
        requestId,
        version: await version(),
        requirementCodes: ["CC9.9"],
        controlIds: [],
      }),
      "VALIDATION",
    );
    await setRequestLinks(auditor.ctx, {
      requestId,
      version: await version(),
      requirementCodes: ["OA-1"],
      controlIds: [controlBoth.id],
    });
    expect((await requestControlIds(editor.ctx, requestId)).sort()).toEqual(
      [controlA.id, controlBoth.id].sort(),
    );
    const [view] = await listRequests(editor.ctx, {}, TODAY);
    expect(view).toMatchObject({ requirementCodes: ["OA-1"] });
    expect(view?.controls.map((control) => control.id).sort()).toEqual(
      [controlA.id, controlBoth.id].sort(),
    );
  });
});

describe("editing a request's links", () => {
  it("carries the version it was loaded at, logs before and after, and offers the engagement's requirements to pick", async () => {
    const { team, editor, controlA, controlBoth, engagementA, requestId, version } = await setUp();
    const loaded = await version();
    await setRequestLinks(
      editor.ctx,
      { requestId, version: loaded, requirementCodes: ["OA-1"], controlIds: [controlBoth.id] },
      later(1),
    );
    await expectAppError(
      setRequestLinks(editor.ctx, {
        requestId,
        version: loaded,
        requirementCodes: [],
        controlIds: [controlA.id],
      }),
      "CONFLICT",
    );
    const logged = (await entries(team.orgId)).filter(
      (entry) => entry.action === "request.links_changed",
    );
    expect(logged).toEqual([
      expect.objectContaining({
        entityId: requestId,
        actorId: editor.user.userId,
        before: { requirementCodes: [], controlIds: [] },
        after: { requirementCodes: ["OA-1"], controlIds: [controlBoth.id] },
      }),
    ]);
    const page = await loadRequestsPage(editor.ctx, {}, TODAY);
    expect(page.requirements[engagementA.id]?.map((requirement) => requirement.code)).toEqual([
      "OA-1",
    ]);
    // The controls picked by hand, apart from the one the request was asked on.
    expect(page.requests[0]?.linkedControlIds).toEqual([controlBoth.id]);
    expect(page.requests[0]?.controls.map((control) => control.id).sort()).toEqual(
      [controlA.id, controlBoth.id].sort(),
    );
    expect((await loadRequestsPage(editor.ctx, {}, TODAY)).requests[0]?.version).toBe(loaded + 1);
  });

  it("refuses a viewer, another engagement's auditor, another organisation and its controls", async () => {
    const { team, viewer, engagementB, requestId, version } = await setUp();
    const links = async (controlIds: string[] = []) => ({
      requestId,
      version: await version(),
      requirementCodes: [],
      controlIds,
    });
    await expectAppError(setRequestLinks(viewer.ctx, await links()), "FORBIDDEN");
    const otherAuditor = await makeAuditor(team, [engagementB.id]);
    await expectAppError(setRequestLinks(otherAuditor.ctx, await links()), "NOT_FOUND");
    const other = await makeOrg();
    await expectAppError(setRequestLinks(other, await links()), "NOT_FOUND");
    const theirControl = await makeControl(other, { ref: "THEIRS-1" });
    await expectAppError(setRequestLinks(team, await links([theirControl.id])), "NOT_FOUND");
    expect(await getDb().auditorRequestTarget.count({ where: { requestId } })).toBe(0);
    expect(await version()).toBe(0);
  });
});

describe("the requests page's loader", () => {
  it("gives the team members, controls and the evidence each request may carry; the auditor none of it", async () => {
    const { editor, auditor, controlA, controlBoth, engagementA, objectiveA, requestId } =
      await setUp();
    const evidence = await addNoteEvidence(editor.ctx, noteEvidenceInput([controlA.id]));
    const team = await loadRequestsPage(editor.ctx, {}, TODAY);
    expect(team.requests.map((request) => request.id)).toEqual([requestId]);
    expect(team.requests[0]?.evidenceOptions.map((item) => item.id)).toEqual([evidence.id]);
    expect(team.members.map((member) => member.id)).toContain(editor.user.userId);
    expect(team.controls.map((control) => control.id)).toContain(controlA.id);
    expect(team.engagements.find((row) => row.id === engagementA.id)).toMatchObject({
      hasList: false,
    });
    // A request left on a requirement is about the controls mapped to it.
    const onObjective = await createAuditorRequest(auditor.ctx, {
      engagementId: engagementA.id,
      requirementId: objectiveA.id,
      body: "The payroll objective's evidence, please.",
    });
    const withObjective = await loadRequestsPage(editor.ctx, {}, TODAY);
    const row = withObjective.requests.find((request) => request.id === onObjective.id);
    expect(row?.controls.map((control) => control.id).sort()).toEqual(
      [controlA.id, controlBoth.id].sort(),
    );
    expect(row?.evidenceOptions.map((item) => item.id)).toEqual([evidence.id]);
    const theirs = await loadRequestsPage(auditor.ctx, {}, TODAY);
    expect(theirs).toMatchObject({ members: [], controls: [] });
    expect(theirs.engagements.map((row) => row.id)).toEqual([engagementA.id]);
  });
});
