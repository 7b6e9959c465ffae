import { describe, expect, it } from "vitest";
import type { OrgContext } from "@/lib/db/context";
import { saveSection } from "@/lib/db/description-edit";
import { loadDescriptionPage, loadSectionPage } from "@/lib/db/description-page";
import { addNoteEvidence } from "@/lib/db/evidence";
import { NOT_WRITTEN } from "@/lib/db/request-sections";
import { makeAuditedOrg } from "./auditor-fixture";
import {
  addMember,
  expectAppError,
  makeControl,
  makeEngagement,
  makeOrg,
  noteEvidenceInput,
} from "./helpers";

// The system description's two page loaders: the list of sections, and one section with what
// the viewer may do to it, per role.

const save = (ctx: OrgContext, engagementId: string, body: string, version: number) =>
  saveSection(ctx, {
    engagementId,
    key: "services",
    title: "Services provided",
    body,
    scope: "engagement",
    version,
  });

describe("loadDescriptionPage", () => {
  it("gives the outline's sections with the completeness and the organisation's slug", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    await save(ctx, engagement.id, "We run payroll.", 0);
    const page = await loadDescriptionPage(ctx, engagement.id);
    expect(page.orgSlug).toBe(ctx.orgSlug);
    expect(page.engagement.id).toBe(engagement.id);
    expect(page.sections).toHaveLength(10);
    expect(page.sections.find((section) => section.key === "services")?.body).toBe(
      "We run payroll.",
    );
    expect(page.completeness).toMatchObject({ total: 10, empty: 9 });
  });

  it("is not found for another organisation's engagement, or one outside an auditor's", async () => {
    const { auditor, engagementB } = await makeAuditedOrg();
    await expectAppError(loadDescriptionPage(auditor.ctx, engagementB.id), "NOT_FOUND");
    const theirs = await makeEngagement(await makeOrg());
    await expectAppError(loadDescriptionPage(await makeOrg(), theirs.id), "NOT_FOUND");
  });
});

describe("loadSectionPage", () => {
  it("gives a writer the versions, the comparison asked for, the team to own it and the evidence to attach", async () => {
    const { team, auditor, engagementA } = await makeAuditedOrg();
    const first = await save(team, engagementA.id, "We run payroll.", 0);
    await save(team, engagementA.id, "We run payroll for clinics.", first.version);
    const control = await makeControl(team, { ref: "AC-01" });
    const evidence = await addNoteEvidence(team, noteEvidenceInput([control.id]));

    const page = await loadSectionPage(team, engagementA.id, "services", { from: 1, to: 2 });

    expect(page.orgSlug).toBe(team.orgSlug);
    expect(page.engagementId).toBe(engagementA.id);
    expect(page.section.body).toBe("We run payroll for clinics.");
    expect(page.permissions).toEqual({ write: true, requests: "team" });
    expect(page.moves).toEqual(["in_review"]);
    expect(page.versions.map((version) => version.number)).toEqual([2, 1]);
    expect(page.diff).toMatchObject({ from: 1, to: 2, complete: true });
    expect(page.diff?.parts.filter((part) => part.kind === "added").map((p) => p.text)).toEqual([
      " for clinics",
    ]);
    expect(page.owners.map((owner) => owner.value)).toContain(team.userId);
    expect(page.owners.map((owner) => owner.value)).not.toContain(auditor.user.userId);
    expect(page.attachable.map((option) => option.value)).toContain(evidence.id);
    expect(page.controlRefs.get("AC-01")).toBe(control.id);
    expect(page.requestBlocked).toBeNull();
  });

  it("gives a viewer the section to read: no moves, no owners, no evidence to attach", async () => {
    const ctx = await makeOrg();
    const viewer = await addMember(ctx, "viewer");
    const engagement = await makeEngagement(ctx);
    await save(ctx, engagement.id, "Text", 0);
    const page = await loadSectionPage(viewer.ctx, engagement.id, "services", null);
    expect(page.permissions).toEqual({ write: false, requests: "reader" });
    expect(page.moves).toEqual([]);
    expect(page.owners).toEqual([]);
    expect(page.attachable).toEqual([]);
    expect(page.versions).toHaveLength(1);
    expect(page.diff).toBeNull();
  });

  it("lets an auditor ask about a written section of their engagement only", async () => {
    const { team, auditor, engagementA, engagementB } = await makeAuditedOrg();
    const unwritten = await loadSectionPage(auditor.ctx, engagementA.id, "services", null);
    expect(unwritten.permissions).toEqual({ write: false, requests: "auditor" });
    expect(unwritten.requestBlocked).toBe(NOT_WRITTEN);
    expect(unwritten.versions).toEqual([]);
    await save(team, engagementA.id, "Payroll services", 0);
    const written = await loadSectionPage(auditor.ctx, engagementA.id, "services", null);
    expect(written.requestBlocked).toBeNull();
    await expectAppError(
      loadSectionPage(auditor.ctx, engagementB.id, "services", null),
      "NOT_FOUND",
    );
  });

  it("is not found for a key outside the outline, versions the section lacks, or another organisation", async () => {
    const ctx = await makeOrg();
    const engagement = await makeEngagement(ctx);
    await save(ctx, engagement.id, "Text", 0);
    await expectAppError(loadSectionPage(ctx, engagement.id, "no-such-key", null), "NOT_FOUND");
    await expectAppError(
      loadSectionPage(ctx, engagement.id, "services", { from: 1, to: 7 }),
      "NOT_FOUND",
    );
    await expectAppError(
      loadSectionPage(await makeOrg(), engagement.id, "services", null),
      "NOT_FOUND",
    );
  });
});
