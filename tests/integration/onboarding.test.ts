import { describe, expect, it } from "vitest";
import { addNoteEvidence } from "@/lib/db/evidence";
import { setControlMappings } from "@/lib/db/mappings";
import { loadOnboarding } from "@/lib/db/onboarding";
import { makeAuditor } from "./auditor-fixture";
import {
  addMember,
  criterion,
  expectAppError,
  makeControl,
  makeEngagement,
  makeOrg,
  noteEvidenceInput,
} from "./helpers";

// The overview's first-time guide reads how far the organisation has come: an engagement (from
// the questionnaire), controls, a mapping, evidence; each step links to where it is done.

const state = async (ctx: Parameters<typeof loadOnboarding>[0]) => {
  const progress = await loadOnboarding(ctx);
  return { done: progress.done, steps: progress.steps.map((step) => step.done) };
};

describe("loadOnboarding", () => {
  it("follows a new organisation from nothing to its first evidence", async () => {
    const ctx = await makeOrg();
    expect(await state(ctx)).toEqual({ done: 0, steps: [false, false, false, false] });

    const engagement = await makeEngagement(ctx);
    expect(await state(ctx)).toEqual({ done: 1, steps: [true, false, false, false] });

    const control = await makeControl(ctx, { ref: "AC-01" });
    expect(await state(ctx)).toEqual({ done: 2, steps: [true, true, false, false] });

    await setControlMappings(ctx, control.id, [criterion("CC6.1")], []);
    const mapped = await loadOnboarding(ctx);
    expect(mapped.done).toBe(3);
    expect(mapped.steps.map((step) => step.href)).toEqual([
      `/o/${ctx.orgSlug}/questionnaire`,
      `/o/${ctx.orgSlug}/controls/starter`,
      `/o/${ctx.orgSlug}/engagements/${engagement.id}`,
      `/o/${ctx.orgSlug}/controls/${control.id}#add-evidence`,
    ]);

    await addNoteEvidence(ctx, noteEvidenceInput([control.id]));
    expect(await state(ctx)).toEqual({ done: 4, steps: [true, true, true, true] });
  });

  it("counts only the organisation's own records", async () => {
    const other = await makeOrg();
    const theirs = await makeControl(other);
    await makeEngagement(other);
    await setControlMappings(other, theirs.id, [criterion("CC6.1")], []);
    await addNoteEvidence(other, noteEvidenceInput([theirs.id]));
    expect((await loadOnboarding(await makeOrg())).done).toBe(0);
  });

  it("is for the team: a viewer reads it, an outside auditor is refused", async () => {
    const ctx = await makeOrg();
    const viewer = await addMember(ctx, "viewer");
    expect((await loadOnboarding(viewer.ctx)).total).toBe(4);
    const auditor = await makeAuditor(ctx, [(await makeEngagement(ctx)).id]);
    await expectAppError(loadOnboarding(auditor.ctx), "FORBIDDEN");
  });
});
