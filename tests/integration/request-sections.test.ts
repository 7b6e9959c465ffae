import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { attachSectionEvidence, saveSection } from "@/lib/db/description-edit";
import { addNoteEvidence } from "@/lib/db/evidence";
import { overrideSection, removeOverride } from "@/lib/db/description-history";
import { createSectionRequest, sectionRequests } from "@/lib/db/request-sections";
import { replyToRequest } from "@/lib/db/request-threads";
import { listRequests, requestsWaitingCount } from "@/lib/db/request-views";
import { loadRequestsPage } from "@/lib/db/requests-page";
import { makeAuditedOrg } from "./auditor-fixture";
import {
  entries,
  expectAppError,
  expectIntactLog,
  makeEngagement,
  makeOrg,
  noteEvidenceInput,
} from "./helpers";

// The auditor reads the description and asks about a section: the request is about that
// section (the requests page links to it), the team sees it beside the section's editor, and
// it follows the section when the team overrides a shared section or goes back to it. Scope:
// another engagement's auditor or another organisation → NOT_FOUND; the team cannot ask.

const T0 = new Date("2026-05-04T10:00:00.000Z");
const TODAY = "2026-05-04";

const save = (
  ctx: OrgContext,
  engagementId: string,
  scope: "shared" | "engagement" = "engagement",
  key = "services",
) =>
  saveSection(ctx, {
    engagementId,
    key,
    title: "Services provided",
    body: "We run payroll for clinics.",
    scope,
    version: 0,
  });

const ask = (ctx: OrgContext, engagementId: string, sectionKey = "services") =>
  createSectionRequest(
    ctx,
    { engagementId, sectionKey, body: "Which payroll runs does the report cover?" },
    T0,
  );

const sectionIdOf = async (requestId: string) =>
  (
    await getDb().auditorRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { sectionId: true },
    })
  ).sectionId;

describe("a request on a description section", () => {
  it("is about the section: the team sees it beside the section and on the requests page with the section to link to", async () => {
    const { team, editor, auditor, engagementA } = await makeAuditedOrg();
    const section = await save(team, engagementA.id);

    const { id } = await ask(auditor.ctx, engagementA.id);

    expect(await sectionIdOf(id)).toBe(section.id);
    const [onSection] = await sectionRequests(team, engagementA.id, "services");
    expect(onSection).toMatchObject({
      id,
      state: "open",
      body: "Which payroll runs does the report cover?",
      createdBy: expect.any(String),
    });
    expect(await sectionRequests(auditor.ctx, engagementA.id, "services")).toHaveLength(1);
    expect(await sectionRequests(team, engagementA.id, "boundaries")).toEqual([]);
    const [listed] = await listRequests(editor.ctx, {}, TODAY);
    expect(listed?.section).toEqual({
      id: section.id,
      key: "services",
      title: "Services provided",
    });
    const created = (await entries(team.orgId)).find((entry) => entry.entityId === id);
    expect(created).toMatchObject({
      action: "request.created",
      actorId: auditor.user.userId,
      after: {
        engagementId: engagementA.id,
        target: "System description: Services provided",
        body: "Which payroll runs does the report cover?",
      },
    });

    // Answered like any other request; then it waits for the auditor.
    await replyToRequest(editor.ctx, {
      requestId: id,
      intent: "answer",
      body: "The monthly runs, January to June.",
      evidenceIds: [],
    });
    expect((await sectionRequests(team, engagementA.id, "services"))[0]?.state).toBe("answered");
    expect(await requestsWaitingCount(auditor.ctx)).toBe(1);
    await expectIntactLog(team);
  });

  it("can be answered with the evidence attached to the section", async () => {
    const { team, editor, auditor, engagementA, controlA } = await makeAuditedOrg();
    const section = await save(team, engagementA.id);
    const diagram = await addNoteEvidence(
      editor.ctx,
      noteEvidenceInput([controlA.id], { title: "Network diagram" }),
    );
    await attachSectionEvidence(team, { sectionId: section.id, evidenceId: diagram.id });
    const { id } = await ask(auditor.ctx, engagementA.id);

    const page = await loadRequestsPage(editor.ctx, {}, TODAY);
    const row = page.requests.find((request) => request.id === id);
    expect(row?.evidenceOptions.map((item) => item.title)).toEqual(["Network diagram"]);
    expect((await loadRequestsPage(auditor.ctx, {}, TODAY)).requests[0]?.evidenceOptions).toEqual(
      [],
    );
  });

  it("cannot be left on a section nobody has written, nor on one outside the family's outline", async () => {
    const { team, auditor, engagementA } = await makeAuditedOrg();
    await expectAppError(ask(auditor.ctx, engagementA.id), "VALIDATION", /Nothing is written/);
    await save(team, engagementA.id);
    await expectAppError(ask(auditor.ctx, engagementA.id, "no_such_section"), "NOT_FOUND");
    expect(await getDb().auditorRequest.count({ where: { organizationId: team.orgId } })).toBe(0);
  });

  it("is the auditor's to ask, on their own engagements only; another organisation's is not found", async () => {
    const { team, editor, viewer, auditor, engagementA, engagementB } = await makeAuditedOrg();
    await save(team, engagementA.id);
    await save(team, engagementB.id);
    await expectAppError(ask(auditor.ctx, engagementB.id), "NOT_FOUND");
    await expectAppError(sectionRequests(auditor.ctx, engagementB.id, "services"), "NOT_FOUND");
    await expectAppError(ask(editor.ctx, engagementA.id), "FORBIDDEN");
    await expectAppError(ask(viewer.ctx, engagementA.id), "FORBIDDEN");

    const other = await makeOrg();
    const theirs = await makeEngagement(other);
    await save(other, theirs.id);
    await expectAppError(ask(auditor.ctx, theirs.id), "NOT_FOUND");
    await expectAppError(sectionRequests(team, theirs.id, "services"), "NOT_FOUND");
    expect(await getDb().auditorRequest.count({ where: { organizationId: team.orgId } })).toBe(0);
    expect(await getDb().auditorRequest.count({ where: { organizationId: other.orgId } })).toBe(0);
  });

  it("follows a shared section into this engagement's own version and back, and stays with its engagement", async () => {
    const { team, auditor, engagementA, engagementB } = await makeAuditedOrg();
    const shared = await save(team, engagementA.id, "shared");
    const { id } = await ask(auditor.ctx, engagementA.id);
    expect(await sectionIdOf(id)).toBe(shared.id);
    // The same shared text in engagement B: the request is engagement A's, not B's.
    expect(await sectionRequests(team, engagementB.id, "services")).toEqual([]);

    const own = await overrideSection(team, engagementA.id, shared.id);
    expect(await sectionIdOf(id)).toBe(own.id);
    expect((await sectionRequests(team, engagementA.id, "services")).map((r) => r.id)).toEqual([
      id,
    ]);

    await removeOverride(team, engagementA.id, own.id);
    expect(await sectionIdOf(id)).toBe(shared.id);
    expect((await sectionRequests(team, engagementA.id, "services")).map((r) => r.id)).toEqual([
      id,
    ]);
  });
});
