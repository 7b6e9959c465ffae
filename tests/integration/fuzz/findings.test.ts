import "./mocks";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { startSession } from "@/lib/db/sessions";
import { request } from "./harness";
import { makeEngagement, makeOrg, makeUser } from "../helpers";

// What the fuzz suite found, each pinned by a focused test so it stays fixed even on a seed
// that does not happen to generate it.

const { GET: exportRun } = await import("@/app/api/orgs/[orgSlug]/exports/[runId]/route");

const ORIGIN = "http://assay.test";
let slug = "";

beforeAll(async () => {
  const owner = await makeUser();
  const ctx = await makeOrg(owner);
  await makeEngagement(ctx);
  request.session = { user: { id: owner.userId }, sessionId: await startSession(owner.userId, { userAgent: null, address: null }, new Date()) };
  slug = ctx.orgSlug;
});

describe("query parameters named after Object.prototype members", () => {
  it("answer VALIDATION under their name, not INTERNAL", async () => {
    const runId = "c" + "a".repeat(24);
    const response = await exportRun(new NextRequest(`${ORIGIN}/api/orgs/${slug}/exports/${runId}?constructor=%01&toString=%00`), { params: Promise.resolve({ orgSlug: slug, runId }) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; fieldErrors: Record<string, string[]> } };
    expect(body.error.code).toBe("VALIDATION");
    expect(Object.keys(body.error.fieldErrors).sort()).toEqual(["constructor", "toString"]);
  });
});
