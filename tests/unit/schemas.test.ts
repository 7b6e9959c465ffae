import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SignUpInput } from "@/lib/schemas/auth";
import { CreateInvitationInput, OrgSlugParam } from "@/lib/schemas/organization";

const GOOD_PASSWORD = "correct horse battery";

function makeSignUp(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: "Ada Lovelace", email: "ada@example.com", password: GOOD_PASSWORD, ...overrides };
}

/** The messages shown next to each field, or a failure when the input was accepted. */
function fieldErrors(result: z.ZodSafeParseResult<unknown>): Record<string, string[] | undefined> {
  if (result.success) throw new Error(`expected a failure, got ${JSON.stringify(result.data)}`);
  return z.flattenError(result.error).fieldErrors;
}

describe("SignUpInput", () => {
  it("accepts a valid sign-up, trimming the name and lowercasing and trimming the email", () => {
    const result = SignUpInput.safeParse(
      makeSignUp({ name: "  Ada Lovelace ", email: "  Ada@Example.COM \n" }),
    );
    expect(result.success && result.data).toEqual({
      name: "Ada Lovelace",
      email: "ada@example.com",
      password: GOOD_PASSWORD,
    });
  });

  it("keeps the password exactly as typed", () => {
    const password = "  Spaces Count  ";
    const result = SignUpInput.safeParse(makeSignUp({ password }));
    expect(result.success && result.data.password).toBe(password);
  });

  it("asks for at least 12 characters in the password", () => {
    expect(fieldErrors(SignUpInput.safeParse(makeSignUp({ password: "a".repeat(11) })))).toEqual({
      password: ["Use at least 12 characters."],
    });
  });

  it("accepts a password of exactly 12 characters", () => {
    expect(SignUpInput.safeParse(makeSignUp({ password: "a".repeat(12) })).success).toBe(true);
  });

  it("refuses a password over 200 characters", () => {
    expect(fieldErrors(SignUpInput.safeParse(makeSignUp({ password: "a".repeat(201) })))).toEqual({
      password: ["Use at most 200 characters."],
    });
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["blank", "   "],
  ])("asks for a name when it is %s", (_label, name) => {
    expect(fieldErrors(SignUpInput.safeParse(makeSignUp({ name })))).toEqual({
      name: ["Enter your name."],
    });
  });

  it.each([
    ["missing", undefined, "Enter your email address."],
    ["blank", "  ", "Enter your email address."],
    ["not an address", "ada.example.com", "Enter a valid email address."],
    ["too long", `${"a".repeat(64)}@${"b".repeat(186)}.com`, "That email address is too long."],
  ])("explains an email that is %s", (_label, email, message) => {
    expect(fieldErrors(SignUpInput.safeParse(makeSignUp({ email })))).toEqual({ email: [message] });
  });

  it("reports every bad field at once", () => {
    expect(
      Object.keys(fieldErrors(SignUpInput.safeParse({ email: "nope", password: "short" }))).sort(),
    ).toEqual(["email", "name", "password"]);
  });
});

describe("CreateInvitationInput", () => {
  it.each(["owner", "admin", "editor", "viewer"])("accepts the member role %s", (role) => {
    const result = CreateInvitationInput.safeParse({ email: " Bob@Example.com", role });
    expect(result.success && result.data).toEqual({ email: "bob@example.com", role });
  });

  it.each(["auditor", "superadmin", "Owner", "", undefined])("refuses the role %j", (role) => {
    expect(
      fieldErrors(CreateInvitationInput.safeParse({ email: "bob@example.com", role })),
    ).toEqual({
      role: ["Choose a role."],
    });
  });

  it.each(["bob", "bob@", "@example.com", "bob@example", "bob example@x.com"])(
    "refuses the email %j",
    (email) => {
      expect(fieldErrors(CreateInvitationInput.safeParse({ email, role: "viewer" }))).toEqual({
        email: ["Enter a valid email address."],
      });
    },
  );
});

describe("OrgSlugParam", () => {
  it.each(["acme", "acme-payments", "acme-2"])("accepts %j", (slug) => {
    expect(OrgSlugParam.safeParse(slug)).toEqual({ success: true, data: slug });
  });

  it.each(["Acme", "ac", "acme--x", "-acme", "new", "settings", "a".repeat(49), "../etc"])(
    "rejects %j",
    (slug) => {
      const result = OrgSlugParam.safeParse(slug);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message)).toEqual([
        "Not a valid organisation address.",
      ]);
    },
  );
});
