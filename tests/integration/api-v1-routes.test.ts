import { describe, expect, it, vi } from "vitest";
import { GET as getEngagementRoute } from "@/app/api/v1/engagements/[engagementId]/route";
import { GET as listEngagementsRoute } from "@/app/api/v1/engagements/route";
import { createApiToken, revokeApiToken } from "@/lib/db/api-tokens";
import type { OrgContext } from "@/lib/db/context";
import { setEngagementArchived } from "@/lib/db/engagements";
import { countAttempt } from "@/lib/db/rate-limit";
import { API_TOKEN_RATE_LIMIT } from "@/lib/server/api-route";
import { callApi } from "./api-contract";
import { makeEngagement, makeOrg } from "./helpers";

// /api/v1 route handlers called with real tokens against the real database; every response is
// checked against the OpenAPI document (api-contract.ts).

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

const DAY = 24 * 60 * 60 * 1000;
const LIST = "/api/v1/engagements";
const ONE = "/api/v1/engagements/{engagementId}";

type Page = { data: { id: string; archived: boolean }[]; nextCursor: string | null };
type Failure = { error: { code: string; fieldErrors?: Record<string, string[]> } };

async function token(
  ctx: OrgContext,
  overrides: { role?: "viewer" | "editor"; engagementIds?: string[] | null } = {},
) {
  return createApiToken(ctx, {
    name: "CI",
    role: overrides.role ?? "viewer",
    engagementIds: overrides.engagementIds ?? null,
    expiresAt: new Date(Date.now() + 30 * DAY),
  });
}

describe("GET /api/v1/engagements", () => {
  it("lists the token's organisation's engagements and nothing of another", async () => {
    const owner = await makeOrg();
    const mine = await makeEngagement(owner);
    await makeEngagement(await makeOrg());
    const { secret } = await token(owner);
    const response = await callApi(listEngagementsRoute, "GET", LIST, { secret });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: [expect.objectContaining({ id: mine.id })],
      nextCursor: null,
    });
  });

  it("limits a scoped token to its engagements", async () => {
    const owner = await makeOrg();
    const inside = await makeEngagement(owner);
    await makeEngagement(owner);
    const { secret } = await token(owner, { engagementIds: [inside.id] });
    const { body } = await callApi(listEngagementsRoute, "GET", LIST, { secret });
    expect((body as Page).data.map((e) => e.id)).toEqual([inside.id]);
  });

  it("pages with ?limit= and the opaque nextCursor until null, each engagement once", async () => {
    const owner = await makeOrg();
    const made = [];
    for (let i = 0; i < 5; i += 1) made.push((await makeEngagement(owner)).id);
    const { secret } = await token(owner);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: Record<string, string> = { limit: "2", ...(cursor ? { cursor } : {}) };
      const { body } = await callApi(listEngagementsRoute, "GET", LIST, { secret, query });
      const page = body as Page;
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((e) => e.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect([...seen].sort()).toEqual([...made].sort());
  });

  it("answers 400 with field errors for a bad limit, cursor or filter", async () => {
    const owner = await makeOrg();
    const { secret } = await token(owner);
    for (const [field, query] of [
      ["limit", { limit: "0" }],
      ["limit", { limit: "201" }],
      ["cursor", { cursor: "bm90IG91cnM" }],
      ["cursor", { cursor: Buffer.from('v1:["gone"]').toString("base64url") }],
      ["archived", { archived: "maybe" }],
    ] as const) {
      const response = await callApi(listEngagementsRoute, "GET", LIST, { secret, query });
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect((response.body as Failure).error.fieldErrors).toHaveProperty(field);
    }
  });

  it("leaves archived engagements out unless ?archived=include", async () => {
    const owner = await makeOrg();
    const live = await makeEngagement(owner);
    const old = await makeEngagement(owner);
    await setEngagementArchived(owner, old.id, true, 0);
    const { secret } = await token(owner);
    const plain = await callApi(listEngagementsRoute, "GET", LIST, { secret });
    expect((plain.body as Page).data.map((e) => e.id)).toEqual([live.id]);
    const all = await callApi(listEngagementsRoute, "GET", LIST, {
      secret,
      query: { archived: "include" },
    });
    expect((all.body as Page).data.map((e) => [e.id, e.archived])).toEqual([
      [live.id, false],
      [old.id, true],
    ]);
  });

  it("answers 401 in the error contract without a token, with a wrong one and a revoked one", async () => {
    const owner = await makeOrg();
    const { secret, id } = await token(owner);
    const missing = await callApi(listEngagementsRoute, "GET", LIST);
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    const wrong = await callApi(listEngagementsRoute, "GET", LIST, {
      secret: `${secret.slice(0, -2)}zz`,
    });
    expect(wrong.status).toBe(401);
    await revokeApiToken(owner, id);
    const revoked = await callApi(listEngagementsRoute, "GET", LIST, { secret });
    expect(revoked.status).toBe(401);
  });

  it("answers 429 with Retry-After once the token used up its minute", async () => {
    const owner = await makeOrg();
    const { secret, id } = await token(owner);
    for (let i = 0; i < API_TOKEN_RATE_LIMIT.limit; i += 1) {
      await countAttempt(`api-token:${id}`, API_TOKEN_RATE_LIMIT);
    }
    const response = await callApi(listEngagementsRoute, "GET", LIST, { secret });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(response.body).toMatchObject({ error: { code: "RATE_LIMITED" } });
  });
});

describe("GET /api/v1/engagements/{engagementId}", () => {
  it("answers one engagement with its version as ETag, and 404 for another organisation's or one outside the scope", async () => {
    const owner = await makeOrg();
    const inside = await makeEngagement(owner);
    const outside = await makeEngagement(owner);
    const foreign = await makeEngagement(await makeOrg());
    const { secret } = await token(owner, { engagementIds: [inside.id] });
    const call = (engagementId: string) =>
      callApi(getEngagementRoute, "GET", ONE, { secret, params: { engagementId } });
    const found = await call(inside.id);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ data: { id: inside.id, version: 0 } });
    expect(found.headers.get("etag")).toBe('"0"');
    for (const id of [outside.id, foreign.id, "not an id!"]) {
      const response = await call(id);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
  });
});
