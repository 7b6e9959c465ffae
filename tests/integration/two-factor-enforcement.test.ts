import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { setRequireTwoFactor } from "@/lib/db/two-factor-policy";
import { actions, addMember, makeOrg, makeUser } from "./helpers";
import { enrolledUser } from "./two-factor-fixture";
import { signInAs } from "./signed-in";

// "Members must use two-factor": an unenrolled member's actions and routes are refused with a
// message that says what to do, called the way a crafted POST would, as the user of our choosing.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "assay.test" }) }));

const { createControlAction } = await import("@/app/o/[orgSlug]/controls/actions");
const { setRequireTwoFactorAction } = await import("@/app/o/[orgSlug]/settings/actions");
const { POST: inviteRoute } = await import("@/app/api/orgs/[orgSlug]/invitations/route");

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const control = (orgSlug: string, ref: string) =>
  form({
    orgSlug,
    ref,
    title: "Access review",
    status: "draft",
    frequency: "quarterly",
    nature: "manual",
  });

/** An organisation requiring two-factor, its enrolled owner, and an editor who has not enrolled. */
async function requiringOrg() {
  const owner = await makeUser();
  const ctx = await makeOrg(owner);
  await enrolledUser(owner);
  const editor = await addMember(ctx, "editor");
  await setRequireTwoFactor(ctx, true);
  return { ctx, owner, editor };
}

describe("an organisation requiring two-factor", () => {
  beforeEach(() => {
    signInAs(null);
  });

  it("refuses the actions of a member who has not enrolled, saying where to turn it on, and writes nothing", async () => {
    const { ctx, editor } = await requiringOrg();
    signInAs(editor.user);
    const result = await createControlAction(null, control(ctx.orgSlug, "AC-01"));
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(result.ok ? "" : result.message).toBe(
      `${ctx.orgName} requires two-factor sign-in. Turn it on under Account → Two-factor sign-in (/account/two-factor) first.`,
    );
    expect(await getDb().control.count({ where: { organizationId: ctx.orgId } })).toBe(0);

    await enrolledUser(editor.user);
    expect(await createControlAction(null, control(ctx.orgSlug, "AC-01"))).toMatchObject({
      ok: true,
    });
  });

  it("refuses the member in their other organisations too, which do not require it themselves", async () => {
    const { editor } = await requiringOrg();
    const own = await makeOrg(editor.user);
    signInAs(editor.user);
    expect(await createControlAction(null, control(own.orgSlug, "AC-02"))).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
  });

  it("refuses their route calls with 403 and the same message", async () => {
    const { ctx, editor } = await requiringOrg();
    await getDb().membership.updateMany({
      where: { userId: editor.user.userId },
      data: { role: "admin" },
    });
    signInAs(editor.user);
    const request = new NextRequest(`http://assay.test/api/orgs/${ctx.orgSlug}/invitations`, {
      method: "POST",
      body: JSON.stringify({ email: "new@example.test", role: "viewer" }),
      headers: { "content-type": "application/json" },
    });
    const response = await inviteRoute(request, {
      params: Promise.resolve({ orgSlug: ctx.orgSlug }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /requires two-factor sign-in/,
    );
    expect(
      await getDb().invitation.count({
        where: { organizationId: ctx.orgId, email: "new@example.test" },
      }),
    ).toBe(0);
  });

  it("still answers not found to someone outside it", async () => {
    const { ctx } = await requiringOrg();
    signInAs(await makeUser());
    expect(await createControlAction(null, control(ctx.orgSlug, "AC-03"))).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
  });
});

describe("setRequireTwoFactorAction", () => {
  beforeEach(() => {
    signInAs(null);
  });

  it("turns the requirement on and off for an enrolled admin, logging each change", async () => {
    const ctx = await makeOrg();
    const admin = await addMember(ctx, "admin");
    await enrolledUser(admin.user);
    signInAs(admin.user);
    expect(
      await setRequireTwoFactorAction(null, form({ orgSlug: ctx.orgSlug, requireTwoFactor: "on" })),
    ).toMatchObject({ ok: true });
    expect(
      (await getDb().organization.findUniqueOrThrow({ where: { id: ctx.orgId } })).requireTwoFactor,
    ).toBe(true);
    expect(
      await setRequireTwoFactorAction(null, form({ orgSlug: ctx.orgSlug, requireTwoFactor: "" })),
    ).toMatchObject({ ok: true });
    expect(
      (await getDb().organization.findUniqueOrThrow({ where: { id: ctx.orgId } })).requireTwoFactor,
    ).toBe(false);
    expect(
      (await actions(ctx.orgId)).filter(
        (action) => action === "organization.two_factor_requirement_changed",
      ),
    ).toHaveLength(2);
  });

  it("is refused to an editor, and not found for an outsider", async () => {
    const ctx = await makeOrg();
    const editor = await addMember(ctx, "editor");
    await enrolledUser(editor.user);
    signInAs(editor.user);
    expect(
      await setRequireTwoFactorAction(null, form({ orgSlug: ctx.orgSlug, requireTwoFactor: "on" })),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signInAs((await enrolledUser()).user);
    expect(
      await setRequireTwoFactorAction(null, form({ orgSlug: ctx.orgSlug, requireTwoFactor: "on" })),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(
      (await getDb().organization.findUniqueOrThrow({ where: { id: ctx.orgId } })).requireTwoFactor,
    ).toBe(false);
  });
});
