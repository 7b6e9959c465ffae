import { describe, expect, it, vi } from "vitest";
import type { OrgContext } from "@/lib/db/context";
import { setControlMappings } from "@/lib/db/mappings";
import { resolveOrgContext } from "@/lib/db/organizations";
import {
  assertControlVisible,
  assertEvidenceVisible,
  visibleControlIds,
  visibleRequirementIds,
} from "@/lib/db/scope";
import { criteriaInScope } from "@/lib/domain/catalog";
import { addNoteEvidence } from "@/lib/db/evidence";
import { makeAuditedOrg, makeAuditor } from "./auditor-fixture";
import {
  criterion,
  expectAppError,
  makeControl,
  makeEngagement,
  makeObjective,
  noteEvidenceInput,
} from "./helpers";

// The auditor boundary: what an auditor may see follows from their engagements, and finding it
// out costs the same few queries however many engagements and controls there are.

const queries = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/db/client", async (importOriginal) => {
  const { countingDbModule } = await import("./query-counter");
  return countingDbModule(await importOriginal(), queries);
});

/** A fresh context (the visible set is cached per context), as a new request would have. */
async function freshContext(ctx: OrgContext): Promise<OrgContext> {
  const fresh = await resolveOrgContext(ctx.userId, ctx.orgSlug);
  if (!fresh) throw new Error("freshContext: no access");
  return fresh;
}

/** The queries one request's boundary check runs, with the visible controls it found. */
async function boundaryQueries(ctx: OrgContext): Promise<{ count: number; controls: number }> {
  const fresh = await freshContext(ctx);
  queries.count = 0;
  const controls = await visibleControlIds(fresh);
  await visibleRequirementIds(fresh);
  await assertControlVisible(fresh, [...(controls ?? [])][0] ?? "none").catch(() => undefined);
  return { count: queries.count, controls: controls?.size ?? -1 };
}

describe("the auditor boundary", () => {
  it("shows an auditor the controls and requirements of their engagements only", async () => {
    const org = await makeAuditedOrg();
    const ctx = await freshContext(org.auditor.ctx);
    expect(await visibleControlIds(ctx)).toEqual(new Set([org.controlA.id, org.controlBoth.id]));
    expect(await visibleRequirementIds(ctx)).toEqual(new Set([org.objectiveA.id]));
    await expectAppError(assertControlVisible(ctx, org.controlB.id), "NOT_FOUND");
    await assertControlVisible(ctx, org.controlBoth.id);
  });

  it("covers a SOC 2 engagement's criteria, its controls, and evidence through any of them", async () => {
    const org = await makeAuditedOrg();
    const both = await makeAuditor(org.team, [org.engagementA.id, org.engagementB.id]);
    const onlyB = await makeAuditor(org.team, [org.engagementB.id]);
    expect(await visibleControlIds(both.ctx)).toEqual(
      new Set([org.controlA.id, org.controlB.id, org.controlBoth.id]),
    );
    const requirements = await visibleRequirementIds(onlyB.ctx);
    expect(requirements?.size).toBe(criteriaInScope([]).length);
    expect(requirements?.has(org.criterionB)).toBe(true);
    expect(requirements?.has(org.objectiveA.id)).toBe(false);

    const evidenceA = await addNoteEvidence(org.team, noteEvidenceInput([org.controlA.id]));
    const evidenceBoth = await addNoteEvidence(
      org.team,
      noteEvidenceInput([org.controlA.id, org.controlB.id]),
    );
    await expectAppError(assertEvidenceVisible(onlyB.ctx, evidenceA.id), "NOT_FOUND");
    await assertEvidenceVisible(onlyB.ctx, evidenceBoth.id);
  });

  it("gives team members the whole organisation without a query", async () => {
    const org = await makeAuditedOrg();
    queries.count = 0;
    expect(await visibleControlIds(org.team)).toBeNull();
    expect(await visibleRequirementIds(org.editor.ctx)).toBeNull();
    expect(queries.count).toBe(0);
  });

  it("reads what is visible in a fixed number of queries, however many engagements and controls", async () => {
    const org = await makeAuditedOrg();
    const small = await boundaryQueries(org.auditor.ctx);

    const engagementIds = [org.engagementA.id, org.engagementB.id];
    for (let index = 0; index < 4; index += 1) {
      const objective = await makeObjective(org.team);
      const soc1 = await makeEngagement(org.team, { family: "SOC1", objectiveIds: [objective.id] });
      const soc2 = await makeEngagement(org.team, { categories: ["availability"] });
      engagementIds.push(soc1.id, soc2.id);
      for (let count = 0; count < 3; count += 1) {
        const control = await makeControl(org.team);
        await setControlMappings(org.team, control.id, [criterion("A1.1")], [objective.id]);
      }
    }
    const auditor = await makeAuditor(org.team, engagementIds);
    const large = await boundaryQueries(auditor.ctx);

    expect(large.controls).toBe(3 + 4 * 3);
    expect(large.count).toBe(small.count);
    expect(small.count).toBeLessThanOrEqual(2);
  });
});
