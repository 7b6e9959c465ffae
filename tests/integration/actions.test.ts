import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { addNoteEvidence } from "@/lib/db/evidence";
import { criterionId as criterionIdOf, CURRENT_CRITERIA_EDITION } from "@/lib/domain/catalog";
import { addMember, makeControl, makeOrg, makeUser, noteEvidenceInput } from "./helpers";
import { signInAs } from "./signed-in";

// Server actions are public endpoints: these tests call them the way a crafted POST would, as
// the signed-in user of our choosing, and check the one error contract they answer with.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "assay.test" }) }));

const { inviteMemberAction } = await import("@/app/o/[orgSlug]/members/actions");
const { bulkUpdateControlsAction, createControlAction, setControlMappingsAction } =
  await import("@/app/o/[orgSlug]/controls/actions");
const { linkEvidenceAction } = await import("@/app/o/[orgSlug]/controls/[controlId]/actions");
const { createEngagementAction, setRequirementControlsAction } =
  await import("@/app/o/[orgSlug]/engagements/actions");

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const item of [value].flat()) data.append(name, item);
  return data;
}

/** `count` made-up ids, as a crafted post (or a script gone wrong) would send them. */
const manyIds = (count: number): string[] =>
  Array.from({ length: count }, (_, index) => `made-up-${index}`);

describe("server actions", () => {
  beforeEach(() => {
    signInAs(null);
  });

  it("refuse a viewer who posts an admin action anyway, clearly and without a change", async () => {
    const ctx = await makeOrg();
    const viewer = await addMember(ctx, "viewer");
    signInAs(viewer.user);
    const result = await inviteMemberAction(
      null,
      form({ orgSlug: ctx.orgSlug, email: "someone@example.com", role: "viewer" }),
    );
    expect(result).toEqual({
      ok: false,
      code: "FORBIDDEN",
      message: "You do not have permission to do that.",
      fieldErrors: undefined,
    });
    expect(
      await getDb().invitation.count({
        where: { organizationId: ctx.orgId, email: "someone@example.com" },
      }),
    ).toBe(0);
  });

  it("answer not found to someone outside the organisation", async () => {
    const ctx = await makeOrg();
    signInAs(await makeUser());
    const result = await createControlAction(
      null,
      form({
        orgSlug: ctx.orgSlug,
        ref: "AC-01",
        title: "Access review",
        status: "draft",
        frequency: "quarterly",
        nature: "manual",
      }),
    );
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it("ask a signed-out caller to sign in", async () => {
    const ctx = await makeOrg();
    const result = await createControlAction(null, form({ orgSlug: ctx.orgSlug }));
    expect(result).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });

  it("return field-level messages for bad input, never a crash", async () => {
    const owner = await makeUser();
    const ctx = await makeOrg(owner);
    signInAs(owner);
    const result = await createControlAction(
      null,
      form({
        orgSlug: ctx.orgSlug,
        ref: "bad ref!",
        title: "x",
        status: "sometimes",
        frequency: "hourly",
        nature: "manual",
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("VALIDATION");
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual([
      "frequency",
      "ref",
      "status",
      "title",
    ]);
  });

  it("accept a valid post from an editor", async () => {
    const ctx = await makeOrg();
    signInAs((await addMember(ctx, "editor")).user);
    const result = await createControlAction(
      null,
      form({
        orgSlug: ctx.orgSlug,
        ref: "AC-09",
        title: "Access review",
        status: "draft",
        frequency: "quarterly",
        nature: "manual",
      }),
    );
    expect(result).toMatchObject({ ok: true });
  });

  // SQLite binds at most 999 parameters per query: an unbounded id list would reach the
  // database and fail there (Prisma P2029), answering "Something went wrong" instead.
  it("answer a clear VALIDATION, never a crash, to id lists longer than any form sends", async () => {
    const owner = await makeUser();
    const ctx = await makeOrg(owner);
    signInAs(owner);
    const control = await makeControl(ctx);
    const evidence = await addNoteEvidence(ctx, noteEvidenceInput([control.id]));
    const criterionId = criterionIdOf(CURRENT_CRITERIA_EDITION, "CC6.1");
    const results = {
      link: await linkEvidenceAction(
        null,
        form({ orgSlug: ctx.orgSlug, evidenceId: evidence.id, controlIds: manyIds(1500) }),
      ),
      mappings: await setControlMappingsAction(
        null,
        form({ orgSlug: ctx.orgSlug, controlId: control.id, objectiveIds: manyIds(1500) }),
      ),
      requirement: await setRequirementControlsAction(
        null,
        form({
          orgSlug: ctx.orgSlug,
          engagementId: "any",
          kind: "criterion",
          requirementId: criterionId,
          controlIds: manyIds(1500),
        }),
      ),
      bulk: await bulkUpdateControlsAction(
        null,
        form({ orgSlug: ctx.orgSlug, controlIds: manyIds(1000), status: "draft" }),
      ),
      engagement: await createEngagementAction(
        null,
        form({
          orgSlug: ctx.orgSlug,
          name: "SOC 1 Type I",
          family: "SOC1",
          type: "TYPE_I",
          asOfDate: "2026-06-30",
          objectiveIds: manyIds(1500),
        }),
      ),
    };
    for (const [name, result] of Object.entries(results)) {
      expect(result, name).toMatchObject({ ok: false, code: "VALIDATION" });
    }
  });
});
