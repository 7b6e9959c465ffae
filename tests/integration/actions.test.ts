import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import type { UserContext } from "@/lib/db/context";
import { resolveOrgContext } from "@/lib/db/organizations";
import { addMember, makeOrg, makeUser } from "./helpers";

// Server actions are public endpoints: these tests call them the way a crafted POST would, as
// the signed-in user of our choosing, and check the one error contract they answer with.

let currentUser: UserContext | null = null;

vi.mock("@/lib/auth/session", () => ({
  getCurrentUser: async () => currentUser,
  findOrgContext: async (orgSlug: string) => ({ user: currentUser, ctx: currentUser ? await resolveOrgContext(currentUser.userId, orgSlug) : null }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "assay.test" }) }));

const { inviteMemberAction } = await import("@/app/o/[orgSlug]/members/actions");
const { createControlAction } = await import("@/app/o/[orgSlug]/controls/actions");

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe("server actions", () => {
  beforeEach(() => {
    currentUser = null;
  });

  it("refuse a viewer who posts an admin action anyway, clearly and without a change", async () => {
    const ctx = await makeOrg();
    const viewer = await addMember(ctx, "viewer");
    currentUser = viewer.user;
    const result = await inviteMemberAction(null, form({ orgSlug: ctx.orgSlug, email: "someone@example.com", role: "viewer" }));
    expect(result).toEqual({ ok: false, code: "FORBIDDEN", message: "You do not have permission to do that.", fieldErrors: undefined });
    expect(await getDb().invitation.count({ where: { organizationId: ctx.orgId, email: "someone@example.com" } })).toBe(0);
  });

  it("answer not found to someone outside the organisation", async () => {
    const ctx = await makeOrg();
    currentUser = await makeUser();
    const result = await createControlAction(null, form({ orgSlug: ctx.orgSlug, ref: "AC-01", title: "Access review", status: "draft", frequency: "quarterly", nature: "manual" }));
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
    currentUser = owner;
    const result = await createControlAction(null, form({ orgSlug: ctx.orgSlug, ref: "bad ref!", title: "x", status: "sometimes", frequency: "hourly", nature: "manual" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("VALIDATION");
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["frequency", "ref", "status", "title"]);
  });

  it("accept a valid post from an editor", async () => {
    const ctx = await makeOrg();
    currentUser = (await addMember(ctx, "editor")).user;
    const result = await createControlAction(null, form({ orgSlug: ctx.orgSlug, ref: "AC-09", title: "Access review", status: "draft", frequency: "quarterly", nature: "manual" }));
    expect(result).toMatchObject({ ok: true });
  });
});
