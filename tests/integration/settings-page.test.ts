import { afterEach, describe, expect, it, vi } from "vitest";
import { loadSettingsPage } from "@/lib/db/settings-page";
import { makeAuditor } from "./auditor-fixture";
import { addMember, expectAppError, makeEngagement, makeOrg } from "./helpers";

// The settings page's one loader: the forms for owners and admins (single sign-on for owners
// only), the audit key for everyone on the team; nothing for outside auditors.

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("loadSettingsPage", () => {
  it("gives an owner every form, single sign-on included", async () => {
    const ctx = await makeOrg();
    const page = await loadSettingsPage(ctx);
    expect(page.orgSlug).toBe(ctx.orgSlug);
    expect(page.forms).toMatchObject({
      organization: { name: ctx.orgName },
      readiness: { timeZone: "UTC" },
      twoFactor: { required: false },
      sso: { ssoDomain: null, requireSso: false },
    });
    expect(page.forms?.timeZones[0]).toBe("UTC");
    expect(page.forms?.timeZones).toContain("Europe/Paris");
  });

  it("gives an admin the forms without single sign-on, and editors and viewers none", async () => {
    const ctx = await makeOrg();
    const admin = await addMember(ctx, "admin");
    expect((await loadSettingsPage(admin.ctx)).forms).toMatchObject({
      organization: { name: ctx.orgName },
      sso: null,
    });
    for (const role of ["editor", "viewer"] as const) {
      const member = await addMember(ctx, role);
      expect((await loadSettingsPage(member.ctx)).forms).toBeNull();
    }
  });

  it("says what is wrong with the audit key only to those who may change the settings", async () => {
    vi.stubEnv("AUDIT_SIGNING_KEY", "not a key");
    const ctx = await makeOrg();
    const viewer = await addMember(ctx, "viewer");
    const owner = (await loadSettingsPage(ctx)).auditKey;
    expect(owner.state).toBe("invalid");
    expect(owner.state === "invalid" ? owner.message : null).toEqual(expect.any(String));
    expect((await loadSettingsPage(viewer.ctx)).auditKey).toEqual({
      state: "invalid",
      message: null,
    });
  });

  it("is not found for an outside auditor", async () => {
    const ctx = await makeOrg();
    const auditor = await makeAuditor(ctx, [(await makeEngagement(ctx)).id]);
    await expectAppError(loadSettingsPage(auditor.ctx), "NOT_FOUND");
  });
});
