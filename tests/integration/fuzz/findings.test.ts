import "./mocks";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { UserContext } from "@/lib/db/context";
import { startSession } from "@/lib/db/sessions";
import { installHeadersForRequire, request } from "./harness";
import { makeEngagement, makeOrg, makeUser, TEST_PASSWORD } from "../helpers";

// What the fuzz suite found, each pinned by a focused test so it stays fixed even on a seed
// that does not happen to generate it.

installHeadersForRequire();
const { GET: exportRun } = await import("@/app/api/orgs/[orgSlug]/exports/[runId]/route");
const auth = await import("@/app/api/auth/[...nextauth]/route");

const ORIGIN = "http://assay.test";
let owner: UserContext;
let slug = "";

beforeAll(async () => {
  owner = await makeUser();
  const ctx = await makeOrg(owner);
  await makeEngagement(ctx);
  slug = ctx.orgSlug;
});

describe("query parameters named after Object.prototype members", () => {
  it("answer VALIDATION under their name, not INTERNAL", async () => {
    request.session = {
      user: { id: owner.userId },
      sessionId: await startSession(owner.userId, { userAgent: null, address: null }, new Date()),
    };
    const runId = "c" + "a".repeat(24);
    const response = await exportRun(
      new NextRequest(`${ORIGIN}/api/orgs/${slug}/exports/${runId}?constructor=%01&toString=%00`),
      { params: Promise.resolve({ orgSlug: slug, runId }) },
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; fieldErrors: Record<string, string[]> };
    };
    expect(body.error.code).toBe("VALIDATION");
    expect(Object.keys(body.error.fieldErrors).sort()).toEqual(["constructor", "toString"]);
  });
});

/** Calls next-auth's route the way the browser does, with the request's headers and cookies. */
async function callAuth(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Response> {
  const url = new URL(path, ORIGIN);
  const segments = url.pathname
    .replace(/^\/api\/auth\/?/, "")
    .split("/")
    .filter(Boolean)
    .map(decodeURIComponent);
  const next = new NextRequest(url, {
    method: init.method ?? "GET",
    headers: { host: "assay.test", ...init.headers },
    body: init.body,
  });
  request.headers = new Headers(next.headers);
  const handler = next.method === "POST" ? auth.POST : auth.GET;
  return handler(next, { params: Promise.resolve({ nextauth: segments }) });
}

const form = { "content-type": "application/x-www-form-urlencoded" };

describe("next-auth's route", () => {
  it("still signs in with the credentials the sign-in form posts, and starts a session", async () => {
    const csrf = await callAuth("/api/auth/csrf");
    expect(csrf.status).toBe(200);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const cookie = csrf.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    const before = await getDb().authSession.count({ where: { userId: owner.userId } });
    const body = new URLSearchParams({
      csrfToken,
      email: owner.email,
      password: TEST_PASSWORD,
      callbackUrl: "/",
      json: "true",
    }).toString();
    const response = await callAuth("/api/auth/callback/credentials", {
      method: "POST",
      headers: { ...form, cookie },
      body,
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { url: string }).url).not.toMatch(/error=/);
    expect(response.headers.getSetCookie().some((line) => line.includes("session-token"))).toBe(
      true,
    );
    expect(await getDb().authSession.count({ where: { userId: owner.userId } })).toBe(before + 1);
  });

  // Each of these answered 500 or threw (a 500 from Next) before the route checked its requests.
  it.each([
    ["no endpoint", "GET", "/api/auth", undefined, 404],
    ["an unknown endpoint", "GET", "/api/auth/nope", undefined, 404],
    ["the credentials callback by GET", "GET", "/api/auth/callback/credentials", undefined, 404],
    [
      "a sign-in POST for the credentials provider",
      "POST",
      "/api/auth/signin/credentials",
      "",
      404,
    ],
    ["a line break in the error parameter", "GET", "/api/auth/error?error=%0A", undefined, 400],
    [
      "a callback URL that is not one",
      "GET",
      "/api/auth/signin?callbackUrl=%F0%9F%98%80",
      undefined,
      400,
    ],
    ["a relative callback URL in a form", "POST", "/api/auth/signout", "callbackUrl=..%2f..", 400],
  ] as const)(
    "answers %s with a 4xx, not a 500 (%s %s)",
    async (_label, method, path, body, status) => {
      const response = await callAuth(path, {
        method,
        headers: body === undefined ? {} : form,
        body,
      });
      expect(response.status).toBe(status);
    },
  );

  it("refuses JSON it cannot read and bodies of other types with 400", async () => {
    const json = { "content-type": "application/json" };
    expect(
      (
        await callAuth("/api/auth/session", {
          method: "POST",
          headers: json,
          body: '{"csrfToken":',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await callAuth("/api/auth/callback/credentials", {
          method: "POST",
          headers: json,
          body: "{}",
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await callAuth("/api/auth/signout", {
          method: "POST",
          headers: { "content-type": "multipart/form-data; boundary=x" },
          body: "--x",
        })
      ).status,
    ).toBe(400);
  });

  it("refuses a body larger than any sign-in form with 413", async () => {
    const response = await callAuth("/api/auth/callback/credentials", {
      method: "POST",
      headers: form,
      body: `password=${"x".repeat(70_000)}`,
    });
    expect(response.status).toBe(413);
  });
});
