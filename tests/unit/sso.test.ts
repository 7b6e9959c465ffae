import { describe, expect, it } from "vitest";
import {
  checkSsoDomain,
  decideSsoCallback,
  emailDomain,
  passwordSignInPolicy,
  type SsoCallbackFacts,
} from "@/lib/domain/sso";
import { oidcSettings } from "@/lib/oidc-settings";
import { SsoSettingsFormInput } from "@/lib/schemas/sso";

describe("checkSsoDomain", () => {
  it.each([
    ["example.com", "example.com"],
    ["  Example.COM ", "example.com"],
    ["@corp.example.co.uk", "corp.example.co.uk"],
    ["xn--bcher-kva.de", "xn--bcher-kva.de"],
    ["example.com.", "example.com"],
  ])("accepts %j as %s", (input, domain) => {
    expect(checkSsoDomain(input)).toEqual({ ok: true, domain });
  });

  it.each([
    ["", /Enter an email domain/],
    ["localhost", /such as example.com/],
    ["exa mple.com", /such as example.com/],
    ["-bad.com", /such as example.com/],
    ["a..b.com", /such as example.com/],
    ["ann@example.com", /such as example.com/],
    ["https://example.com", /such as example.com/],
    ["10.0.0.1", /not an IP address/],
    [`${"a".repeat(250)}.com`, /at most 253/],
    ["gmail.com", /public mail service/],
    ["Outlook.com", /public mail service/],
  ])("refuses %j", (input, message) => {
    const checked = checkSsoDomain(input);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.message).toMatch(message);
  });

  it("takes the domain of an email, lower case", () => {
    expect(emailDomain("Ann@Example.COM")).toBe("example.com");
    expect(emailDomain("no-at-sign")).toBe("");
  });
});

describe("decideSsoCallback", () => {
  const facts = (over: Partial<SsoCallbackFacts>): SsoCallbackFacts => ({
    emailVerified: true,
    email: "ann@example.com",
    identityUserId: null,
    emailUserId: null,
    domainOrg: null,
    ...over,
  });
  const org = (joinRole: string | null) => ({ id: "o1", name: "Acme", joinRole });

  it("signs a linked identity's user in", () => {
    expect(decideSsoCallback(facts({ identityUserId: "u1", emailUserId: "u2" }))).toEqual({
      kind: "sign_in",
      userId: "u1",
    });
  });
  it("links an account with the verified email", () => {
    expect(decideSsoCallback(facts({ emailUserId: "u2", domainOrg: org("viewer") }))).toEqual({
      kind: "link",
      userId: "u2",
    });
  });
  it("creates a member of the organisation that claimed the domain with its join role", () => {
    expect(decideSsoCallback(facts({ domainOrg: org("editor") }))).toEqual({
      kind: "create",
      orgId: "o1",
      role: "editor",
    });
  });
  it("refuses a stranger when the domain is unclaimed, has no join role or a bad one", () => {
    for (const domainOrg of [null, org(null), org("owner")])
      expect(decideSsoCallback(facts({ domainOrg }))).toEqual({
        kind: "refuse",
        reason: "no_account",
      });
  });
  it("refuses an unverified email whatever else is known", () => {
    for (const over of [
      {},
      { identityUserId: "u1" },
      { emailUserId: "u2" },
      { domainOrg: org("viewer") },
    ])
      expect(decideSsoCallback(facts({ ...over, emailVerified: false }))).toEqual({
        kind: "refuse",
        reason: "email_unverified",
      });
  });
});

describe("passwordSignInPolicy", () => {
  const m = (orgId: string, role: "owner" | "editor" | "viewer", requireSso: boolean) => ({
    orgId,
    orgName: `Org ${orgId}`,
    role,
    requireSso,
  });
  it("allows anyone whose organisations do not require SSO", () => {
    expect(passwordSignInPolicy([])).toEqual({ kind: "allow" });
    expect(passwordSignInPolicy([m("a", "editor", false)])).toEqual({ kind: "allow" });
  });
  it("refuses a member who is not owner of an organisation requiring SSO", () => {
    expect(passwordSignInPolicy([m("a", "owner", true), m("b", "viewer", true)])).toEqual({
      kind: "refuse",
      orgName: "Org b",
    });
  });
  it("lets an owner in as break-glass, logged in each organisation requiring SSO", () => {
    expect(
      passwordSignInPolicy([m("a", "owner", true), m("b", "editor", false), m("c", "owner", true)]),
    ).toEqual({ kind: "break_glass", orgIds: ["a", "c"] });
  });
});

describe("oidcSettings", () => {
  const full = {
    OIDC_ISSUER: "https://id.example.com",
    OIDC_CLIENT_ID: "assay",
    OIDC_CLIENT_SECRET: "s3cret",
    OIDC_NAME: "Example ID",
  };
  it("is null when nothing is set and the settings when everything is", () => {
    expect(oidcSettings({})).toBeNull();
    expect(oidcSettings(full)).toEqual({
      issuer: "https://id.example.com",
      clientId: "assay",
      clientSecret: "s3cret",
      name: "Example ID",
    });
  });
  it("names what is missing when half configured", () => {
    expect(() => oidcSettings({ ...full, OIDC_CLIENT_SECRET: " " })).toThrow(
      /OIDC_CLIENT_SECRET is not set/,
    );
  });
  it("wants https, plain http only on loopback", () => {
    expect(() => oidcSettings({ ...full, OIDC_ISSUER: "http://id.example.com" })).toThrow(/https/);
    expect(() => oidcSettings({ ...full, OIDC_ISSUER: "not a url" })).toThrow(/URL/);
    expect(oidcSettings({ ...full, OIDC_ISSUER: "http://127.0.0.1:4000" })?.issuer).toBe(
      "http://127.0.0.1:4000",
    );
  });
});

describe("SsoSettingsFormInput", () => {
  const form = { ssoDomain: "Example.com", ssoJoinRole: "viewer", requireSso: "on", version: "3" };
  it("normalises the domain and reads the role and switch", () => {
    expect(SsoSettingsFormInput.parse(form)).toEqual({
      ssoDomain: "example.com",
      ssoJoinRole: "viewer",
      requireSso: true,
      version: 3,
    });
    expect(
      SsoSettingsFormInput.parse({ ssoDomain: " ", ssoJoinRole: "none", version: "0" }),
    ).toEqual({ ssoDomain: null, ssoJoinRole: null, requireSso: false, version: 0 });
  });
  it("refuses a public domain, an owner role and requiring SSO without a domain", () => {
    const issues = (input: object) =>
      SsoSettingsFormInput.safeParse(input).error?.issues.map((issue) => issue.path.join("."));
    expect(issues({ ...form, ssoDomain: "gmail.com" })).toEqual(["ssoDomain"]);
    expect(issues({ ...form, ssoJoinRole: "owner" })).toEqual(["ssoJoinRole"]);
    expect(issues({ ...form, ssoDomain: "" })).toEqual(["requireSso"]);
  });
});
