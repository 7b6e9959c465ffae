import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { addMember, makeOrg, makeUser } from "./helpers";
import { signInAs } from "./signed-in";

// The JSON route wrapper (orgRoute) through its one user, the invitations route: called the way
// a script or a crafted cross-site request would, as the signed-in user of our choosing.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "assay.test" }) }));

const { POST } = await import("@/app/api/orgs/[orgSlug]/invitations/route");

const ORIGIN = "http://assay.test";
type ErrorBody = { error: { code: string; message: string } };

function invite(
  orgSlug: string,
  body: BodyInit,
  headers: Record<string, string>,
): Promise<Response> {
  const request = new NextRequest(`${ORIGIN}/api/orgs/${orgSlug}/invitations`, {
    method: "POST",
    body,
    headers,
  });
  return POST(request, { params: Promise.resolve({ orgSlug }) });
}

async function expectError(
  response: Response,
  status: number,
  code: string,
): Promise<ErrorBody["error"]> {
  expect(response.status).toBe(status);
  const { error } = (await response.json()) as ErrorBody;
  expect(error.code).toBe(code);
  return error;
}

const invitationCount = (orgId: string) =>
  getDb().invitation.count({ where: { organizationId: orgId } });

describe("POST /api/orgs/:orgSlug/invitations", () => {
  beforeEach(() => {
    signInAs(null);
  });

  it("creates an invitation from JSON and answers 201 with the link", async () => {
    const owner = await makeUser();
    const ctx = await makeOrg(owner);
    signInAs(owner);
    const response = await invite(
      ctx.orgSlug,
      JSON.stringify({ email: "new@example.test", role: "viewer" }),
      { "content-type": "application/json" },
    );
    expect(response.status).toBe(201);
    const { data } = (await response.json()) as {
      data: { link: string; email: string; role: string };
    };
    expect(data).toMatchObject({ email: "new@example.test", role: "viewer" });
    expect(data.link).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);
  });

  it("answers 400, not 500, to a body that is neither JSON nor a form", async () => {
    const owner = await makeUser();
    const ctx = await makeOrg(owner);
    signInAs(owner);
    const error = await expectError(
      await invite(ctx.orgSlug, "email=new@example.test&role=viewer", {
        "content-type": "text/plain",
      }),
      400,
      "VALIDATION",
    );
    expect(error.message).not.toMatch(/Something went wrong/);
    expect(await invitationCount(ctx.orgId)).toBe(0);
  });

  it("answers 400, not 500, to a malformed multipart body", async () => {
    const owner = await makeUser();
    const ctx = await makeOrg(owner);
    signInAs(owner);
    await expectError(
      await invite(ctx.orgSlug, "not really multipart", {
        "content-type": "multipart/form-data; boundary=xyz",
      }),
      400,
      "VALIDATION",
    );
    expect(await invitationCount(ctx.orgId)).toBe(0);
  });

  it("answers 400 to JSON that does not parse", async () => {
    const owner = await makeUser();
    const ctx = await makeOrg(owner);
    signInAs(owner);
    await expectError(
      await invite(ctx.orgSlug, "{", { "content-type": "application/json" }),
      400,
      "VALIDATION",
    );
  });

  it("refuses a cross-origin post before doing anything", async () => {
    const owner = await makeUser();
    const ctx = await makeOrg(owner);
    signInAs(owner);
    const response = await invite(
      ctx.orgSlug,
      JSON.stringify({ email: "new@example.test", role: "admin" }),
      { "content-type": "application/json", origin: "https://evil.example" },
    );
    await expectError(response, 403, "FORBIDDEN");
    expect(await invitationCount(ctx.orgId)).toBe(0);
  });

  it("answers 404 to a non-member, whatever the body, and 403 to a viewer", async () => {
    const ctx = await makeOrg();
    signInAs(await makeUser());
    await expectError(
      await invite(ctx.orgSlug, JSON.stringify({ email: "new@example.test", role: "viewer" }), {
        "content-type": "application/json",
      }),
      404,
      "NOT_FOUND",
    );
    await expectError(
      await invite(ctx.orgSlug, "garbage", { "content-type": "text/plain" }),
      404,
      "NOT_FOUND",
    );
    signInAs((await addMember(ctx, "viewer")).user);
    await expectError(
      await invite(ctx.orgSlug, JSON.stringify({ email: "new@example.test", role: "viewer" }), {
        "content-type": "application/json",
      }),
      403,
      "FORBIDDEN",
    );
    expect(await invitationCount(ctx.orgId)).toBe(1);
  });
});
