import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { loadDescription } from "@/lib/db/description";
import {
  attachSectionEvidence,
  changeSectionState,
  detachSectionEvidence,
  saveSection,
  setSectionOwner,
} from "@/lib/db/description-edit";
import {
  compareSectionVersions,
  overrideSection,
  removeOverride,
  sectionVersions,
} from "@/lib/db/description-history";
import { addNoteEvidence } from "@/lib/db/evidence";
import type { OrgContext } from "@/lib/db/context";
import { makeAuditedOrg } from "./auditor-fixture";
import {
  addMember,
  entries,
  expectAppError,
  expectIntactLog,
  makeControl,
  makeEngagement,
  makeOrg,
  noteEvidenceInput,
} from "./helpers";

const save = (
  ctx: OrgContext,
  engagementId: string,
  body: string,
  version: number,
  extra: { key?: string; scope?: "shared" | "engagement" } = {},
) =>
  saveSection(ctx, {
    engagementId,
    key: extra.key ?? "services",
    title: "Services provided",
    body,
    scope: extra.scope ?? "engagement",
    version,
  });

const sectionOf = async (ctx: OrgContext, engagementId: string, key = "services") => {
  const section = (await loadDescription(ctx, engagementId)).sections.find((s) => s.key === key);
  if (!section) throw new Error(`no section ${key}`);
  return section;
};

describe("system description", () => {
  it("lists the family's outline with nothing started, first drafts from the engagement's data", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx, {
      cuecs: ["Customers review their own users quarterly"],
    });
    const view = await loadDescription(ctx, engagement.id);
    expect(view.sections).toHaveLength(10);
    expect(view.completenessText).toBe("0 of 10 sections approved");
    const cuecs = view.sections.find((section) => section.key === "cuecs");
    expect(cuecs?.id).toBeNull();
    expect(cuecs?.draft).toBe("- Customers review their own users quarterly");
  });

  it("keeps a version and an activity entry with before and after on every save, refusing a stale one", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const first = await save(ctx, engagement.id, "We run payroll.", 0);
    const second = await save(ctx, engagement.id, "We run payroll for clinics.", first.version);
    expect(second.currentVersion).toBe(2);
    await expectAppError(save(ctx, engagement.id, "Lost edit", first.version), "CONFLICT");
    await expectAppError(save(ctx, engagement.id, "Created twice", 0), "CONFLICT");

    const versions = await sectionVersions(ctx, engagement.id, first.id);
    expect(versions.map((version) => version.number)).toEqual([2, 1]);
    const diff = await compareSectionVersions(ctx, engagement.id, first.id, 1, 2);
    expect(diff.parts.filter((part) => part.kind === "added").map((part) => part.text)).toEqual([
      " for clinics",
    ]);
    const saved = (await entries(ctx.orgId)).filter(
      (entry) => entry.action === "description.section_saved",
    );
    expect(saved.at(-1)?.before).toMatchObject({ body: "We run payroll." });
    expect(saved.at(-1)?.after).toMatchObject({ body: "We run payroll for clinics." });
    await expectIntactLog(ctx);
  });

  it("moves draft → in review → approved, editors cannot approve, an edit goes back to draft", async () => {
    const ctx = await makeOrg();
    const editor = await addMember(ctx, "editor");
    const engagement = await makeEngagement(ctx);
    const saved = await save(editor.ctx, engagement.id, "Text", 0);
    await changeSectionState(editor.ctx, { sectionId: saved.id, to: "in_review", version: 1 });
    await expectAppError(
      changeSectionState(editor.ctx, { sectionId: saved.id, to: "approved", version: 2 }),
      "FORBIDDEN",
    );
    await changeSectionState(ctx, { sectionId: saved.id, to: "approved", version: 2 });
    const approved = await sectionOf(ctx, engagement.id);
    expect(approved.state).toBe("approved");
    expect(approved.stateChangedBy).toBeTruthy();
    expect((await loadDescription(ctx, engagement.id)).completeness.approved).toBe(1);

    await save(editor.ctx, engagement.id, "Text, edited", approved.version);
    expect((await sectionOf(ctx, engagement.id)).state).toBe("draft");
  });

  it("sets an owner from the team and attaches and detaches evidence", async () => {
    const ctx = await makeOrg();
    const editor = await addMember(ctx, "editor");
    const engagement = await makeEngagement(ctx);
    const saved = await save(ctx, engagement.id, "Text", 0);
    await setSectionOwner(ctx, { sectionId: saved.id, ownerId: editor.user.userId, version: 1 });
    const control = await makeControl(ctx, { ref: "AC-01" });
    const evidence = await addNoteEvidence(ctx, noteEvidenceInput([control.id]));
    await attachSectionEvidence(ctx, { sectionId: saved.id, evidenceId: evidence.id });
    let section = await sectionOf(ctx, engagement.id);
    expect(section.owner?.id).toBe(editor.user.userId);
    expect(section.evidence.map((item) => item.id)).toEqual([evidence.id]);
    await detachSectionEvidence(ctx, { sectionId: saved.id, evidenceId: evidence.id });
    section = await sectionOf(ctx, engagement.id);
    expect(section.evidence).toEqual([]);
    const other = await makeOrg();
    await expectAppError(
      setSectionOwner(ctx, { sectionId: saved.id, ownerId: other.userId, version: 2 }),
      "VALIDATION",
    );
  });

  it("shares a section between engagements, overrides it for one and goes back", async () => {
    const ctx = await makeOrg();
    const soc2 = await makeEngagement(ctx);
    const isae = await makeEngagement(ctx, { family: "ISAE3402" });
    const shared = await save(ctx, soc2.id, "Shared services text", 0, { scope: "shared" });
    expect((await sectionOf(ctx, isae.id)).body).toBe("Shared services text");
    expect((await sectionOf(ctx, isae.id)).scope).toBe("shared");

    const own = await overrideSection(ctx, isae.id, shared.id);
    await save(ctx, isae.id, "ISAE wording", 1);
    expect((await sectionOf(ctx, isae.id)).body).toBe("ISAE wording");
    expect((await sectionOf(ctx, soc2.id)).body).toBe("Shared services text");
    await expectAppError(overrideSection(ctx, isae.id, shared.id), "CONFLICT");

    await removeOverride(ctx, isae.id, own.id);
    expect((await sectionOf(ctx, isae.id)).body).toBe("Shared services text");
  });

  it("marks sections changed since the newest export sent to the auditor", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const first = await save(ctx, engagement.id, "One", 0);
    await save(ctx, engagement.id, "Other", 0, { key: "boundaries" });
    await getDb().exportRun.create({
      data: {
        organizationId: ctx.orgId,
        engagementId: engagement.id,
        format: "pack",
        status: "done",
        createdById: ctx.userId,
        sentToAuditorAt: new Date(),
        descriptionVersions: JSON.stringify({ [first.id]: 1 }),
      },
    });
    expect((await sectionOf(ctx, engagement.id)).changedSinceSent).toBe(false);
    expect((await sectionOf(ctx, engagement.id, "boundaries")).changedSinceSent).toBe(true);
    await save(ctx, engagement.id, "One, changed", first.version);
    expect((await sectionOf(ctx, engagement.id)).changedSinceSent).toBe(true);
  });

  it("lets viewers read, not write", async () => {
    const ctx = await makeOrg();
    const viewer = await addMember(ctx, "viewer");
    const engagement = await makeEngagement(ctx);
    const saved = await save(ctx, engagement.id, "Text", 0);
    expect((await sectionOf(viewer.ctx, engagement.id)).body).toBe("Text");
    await expectAppError(save(viewer.ctx, engagement.id, "No", 1), "FORBIDDEN");
    await expectAppError(
      changeSectionState(viewer.ctx, { sectionId: saved.id, to: "in_review", version: 1 }),
      "FORBIDDEN",
    );
  });

  it("lets an auditor read their engagement's description only, and write nothing", async () => {
    const { team, auditor, engagementA, engagementB } = await makeAuditedOrg();
    const saved = await save(team, engagementA.id, "Payroll services", 0);
    expect((await sectionOf(auditor.ctx, engagementA.id)).body).toBe("Payroll services");
    expect((await sectionVersions(auditor.ctx, engagementA.id, saved.id)).length).toBe(1);
    await expectAppError(loadDescription(auditor.ctx, engagementB.id), "NOT_FOUND");
    await expectAppError(sectionVersions(auditor.ctx, engagementB.id, saved.id), "NOT_FOUND");
    await expectAppError(save(auditor.ctx, engagementA.id, "No", 1), "FORBIDDEN");
  });

  it("answers not found for another organisation's engagement or section", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    const saved = await save(ctx, engagement.id, "Text", 0);
    const stranger = await makeOrg();
    await expectAppError(loadDescription(stranger, engagement.id), "NOT_FOUND");
    await expectAppError(save(stranger, engagement.id, "x", 0), "NOT_FOUND");
    await expectAppError(
      changeSectionState(stranger, { sectionId: saved.id, to: "in_review", version: 1 }),
      "NOT_FOUND",
    );
    const theirs = await makeEngagement(stranger);
    await expectAppError(sectionVersions(stranger, theirs.id, saved.id), "NOT_FOUND");
    await expectAppError(
      attachSectionEvidence(stranger, { sectionId: saved.id, evidenceId: "x" }),
      "NOT_FOUND",
    );
  });
});
