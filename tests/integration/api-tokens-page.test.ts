import { beforeEach, describe, expect, it, vi } from "vitest";
import { createApiToken, resolveApiToken } from "@/lib/db/api-tokens";
import { loadApiTokensPage } from "@/lib/db/api-tokens-page";
import { getDb } from "@/lib/db/client";
import { changeMemberRole } from "@/lib/db/members";
import { addDays } from "@/lib/domain/readiness/calendar";
import { startOfDayIn, todayIn } from "@/lib/domain/time-zone";
import {
  addMember,
  engagementInput,
  expectAppError,
  makeEngagement,
  makeOrg,
  makeUser,
} from "./helpers";
import { signInAs } from "./signed-in";

// The tokens page (/o/<org>/settings/api-tokens): its loader and its two actions, called the way
// a crafted POST would call them, as the signed-in user of our choosing.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { createApiTokenAction, revokeApiTokenAction } =
  await import("@/app/o/[orgSlug]/settings/api-tokens/actions");

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const item of [value].flat()) data.append(name, item);
  return data;
}

async function signedInOwner() {
  const user = await makeUser();
  const owner = await makeOrg(user);
  signInAs(user);
  return { user, owner };
}

const today = () => todayIn("UTC", new Date());

function tokenForm(orgSlug: string, fields: Record<string, string | string[]> = {}) {
  return form({
    orgSlug,
    name: "GitHub Actions: backups",
    role: "editor",
    engagementLimit: "all",
    expiresOn: addDays(today(), 30),
    ...fields,
  });
}

describe("the API tokens page", () => {
  beforeEach(() => signInAs(null));

  it("creates a token, answers its secret once and lists it without the secret", async () => {
    const { user, owner } = await signedInOwner();
    const expiresOn = addDays(today(), 30);
    const result = await createApiTokenAction(null, tokenForm(owner.orgSlug, { expiresOn }));
    if (!result.ok) throw new Error(result.message);
    expect(result.data.secret).toMatch(/^assay_[A-Za-z0-9_-]{43}$/);
    const stored = await getDb().apiToken.findUniqueOrThrow({ where: { id: result.data.id } });
    expect(stored.expiresAt).toEqual(startOfDayIn(expiresOn, "UTC"));
    const page = await loadApiTokensPage(owner);
    expect(JSON.stringify(page)).not.toContain(result.data.secret);
    expect(page.tokens).toEqual([
      expect.objectContaining({
        id: result.data.id,
        name: "GitHub Actions: backups",
        prefix: result.data.secret.slice(0, 12),
        role: "editor",
        engagements: null,
        createdBy: user.name,
        state: "active",
        creatorLeft: false,
        lastUse: null,
      }),
    ]);
    expect(page.expiry).toEqual({
      min: addDays(today(), 1),
      max: addDays(today(), 365),
      default: addDays(today(), 90),
    });
  });

  it("limits a token to chosen engagements and shows their names and its last use", async () => {
    const { owner } = await signedInOwner();
    const chosen = await makeEngagement(owner, engagementInput());
    await makeEngagement(owner, engagementInput());
    const result = await createApiTokenAction(
      null,
      tokenForm(owner.orgSlug, {
        role: "viewer",
        engagementLimit: "some",
        engagementIds: [chosen.id],
      }),
    );
    if (!result.ok) throw new Error(result.message);
    const resolved = await resolveApiToken(result.data.secret, "203.0.113.9");
    expect(resolved?.ctx).toMatchObject({ role: "viewer", engagementIds: [chosen.id] });
    const [token] = (await loadApiTokensPage(owner)).tokens;
    expect(token).toMatchObject({ role: "viewer", engagements: [chosen.name] });
    expect(token?.lastUse).toMatch(/ from 203\.0\.113\.9$/);
  });

  it("says what is wrong with each field and creates nothing", async () => {
    const { owner } = await signedInOwner();
    const foreign = await makeEngagement(await makeOrg(), engagementInput());
    const cases: [Record<string, string | string[]>, string, string][] = [
      [{ name: " " }, "name", "Give the token a name, such as the job that uses it."],
      [{ name: "x".repeat(101) }, "name", "Use at most 100 characters."],
      [{ role: "admin" }, "role", "Choose viewer or editor."],
      [{ role: "owner" }, "role", "Choose viewer or editor."],
      [
        { engagementLimit: "some" },
        "engagementIds",
        "Choose at least one engagement, or every engagement.",
      ],
      [{ expiresOn: "next week" }, "expiresOn", "Enter a date as YYYY-MM-DD."],
      [{ expiresOn: today() }, "expiresOn", "The expiry must be in the future."],
      [{ expiresOn: addDays(today(), 366) }, "expiresOn", "A token expires within 365 days."],
      [
        { engagementLimit: "some", engagementIds: [foreign.id] },
        "engagementIds",
        "Choose engagements of this organisation.",
      ],
    ];
    for (const [fields, field, message] of cases) {
      const result = await createApiTokenAction(null, tokenForm(owner.orgSlug, fields));
      expect(result, JSON.stringify(fields)).toMatchObject({
        ok: false,
        code: "VALIDATION",
        fieldErrors: { [field]: [message] },
      });
    }
    expect(await getDb().apiToken.count({ where: { organizationId: owner.orgId } })).toBe(0);
  });

  it("revokes a token after the confirmation posts, and the token stops working", async () => {
    const { owner } = await signedInOwner();
    const made = await createApiTokenAction(null, tokenForm(owner.orgSlug));
    if (!made.ok) throw new Error(made.message);
    const result = await revokeApiTokenAction(
      null,
      form({ orgSlug: owner.orgSlug, tokenId: made.data.id }),
    );
    expect(result).toEqual({ ok: true, data: null });
    expect(await resolveApiToken(made.data.secret, null)).toBeNull();
    expect((await loadApiTokensPage(owner)).tokens[0]?.state).toBe("revoked");
  });

  it("says when a token is refused because its creator is no longer an owner or admin", async () => {
    const owner = await makeOrg();
    const admin = await addMember(owner, "admin");
    signInAs(admin.user);
    const made = await createApiTokenAction(null, tokenForm(owner.orgSlug));
    if (!made.ok) throw new Error(made.message);
    expect((await loadApiTokensPage(owner)).tokens[0]?.creatorLeft).toBe(false);
    const { version } = await getDb().membership.findUniqueOrThrow({
      where: { id: admin.membershipId },
    });
    await changeMemberRole(owner, admin.membershipId, "viewer", version);
    expect((await loadApiTokensPage(owner)).tokens[0]).toMatchObject({
      state: "active",
      creatorLeft: true,
    });
    expect(await resolveApiToken(made.data.secret, null)).toBeNull();
  });

  it("is for owners and admins only; another organisation's token is not found", async () => {
    const owner = await makeOrg();
    const { id } = await createApiToken(owner, {
      name: "CI",
      role: "viewer",
      engagementIds: null,
      expiresAt: new Date(Date.now() + 86_400_000 * 5),
    });
    const admin = await addMember(owner, "admin");
    signInAs(admin.user);
    const byAdmin = await createApiTokenAction(null, tokenForm(owner.orgSlug));
    expect(byAdmin.ok).toBe(true);
    for (const role of ["editor", "viewer"] as const) {
      const member = await addMember(owner, role);
      signInAs(member.user);
      expect(await createApiTokenAction(null, tokenForm(owner.orgSlug))).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
      });
      expect(
        await revokeApiTokenAction(null, form({ orgSlug: owner.orgSlug, tokenId: id })),
      ).toMatchObject({ ok: false, code: "FORBIDDEN" });
      await expectAppError(loadApiTokensPage(member.ctx), "FORBIDDEN");
    }
    const { owner: stranger } = await signedInOwner();
    expect(await createApiTokenAction(null, tokenForm(owner.orgSlug))).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(
      await revokeApiTokenAction(null, form({ orgSlug: stranger.orgSlug, tokenId: id })),
    ).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await getDb().apiToken.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
    expect((await loadApiTokensPage(stranger)).tokens).toEqual([]);
  });
});
