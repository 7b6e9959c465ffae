import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { GET as getEngagementRoute } from "@/app/api/v1/engagements/[engagementId]/route";
import { GET as listEngagementsRoute } from "@/app/api/v1/engagements/route";
import { createApiToken, revokeApiToken } from "@/lib/db/api-tokens";
import type { OrgContext } from "@/lib/db/context";
import { countAttempt } from "@/lib/db/rate-limit";
import { API_TOKEN_RATE_LIMIT } from "@/lib/server/api-route";
import { engagementInput, makeEngagement, makeOrg } from "./helpers";

// /api/v1 route handlers called with real tokens against the real database.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

const DAY = 24 * 60 * 60 * 1000;
const noParams = { params: Promise.resolve({}) };

function get(path: string, secret?: string): NextRequest {
  const headers = secret ? { authorization: `Bearer ${secret}` } : undefined;
  return new NextRequest(`http://localhost${path}`, { headers });
}

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
    const mine = await makeEngagement(owner, engagementInput());
    await makeEngagement(await makeOrg(), engagementInput());
    const { secret } = await token(owner);
    const response = await listEngagementsRoute(get("/api/v1/engagements", secret), noParams);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { id: string }[] };
    expect(body.data.map((e) => e.id)).toEqual([mine.id]);
  });

  it("limits a scoped token to its engagements", async () => {
    const owner = await makeOrg();
    const inside = await makeEngagement(owner, engagementInput());
    await makeEngagement(owner, engagementInput());
    const { secret } = await token(owner, { engagementIds: [inside.id] });
    const response = await listEngagementsRoute(get("/api/v1/engagements", secret), noParams);
    const body = (await response.json()) as { data: { id: string }[] };
    expect(body.data.map((e) => e.id)).toEqual([inside.id]);
  });

  it("answers 401 in the error contract without a token, with a wrong one and a revoked one", async () => {
    const owner = await makeOrg();
    const { secret, id } = await token(owner);
    const missing = await listEngagementsRoute(get("/api/v1/engagements"), noParams);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    const wrong = await listEngagementsRoute(
      get("/api/v1/engagements", `${secret.slice(0, -2)}zz`),
      noParams,
    );
    expect(wrong.status).toBe(401);
    await revokeApiToken(owner, id);
    const revoked = await listEngagementsRoute(get("/api/v1/engagements", secret), noParams);
    expect(revoked.status).toBe(401);
  });

  it("answers 429 with Retry-After once the token used up its minute", async () => {
    const owner = await makeOrg();
    const { secret, id } = await token(owner);
    for (let i = 0; i < API_TOKEN_RATE_LIMIT.limit; i += 1) {
      await countAttempt(`api-token:${id}`, API_TOKEN_RATE_LIMIT);
    }
    const response = await listEngagementsRoute(get("/api/v1/engagements", secret), noParams);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
  });
});

describe("GET /api/v1/engagements/{engagementId}", () => {
  it("answers one engagement, and 404 for another organisation's or one outside the scope", async () => {
    const owner = await makeOrg();
    const inside = await makeEngagement(owner, engagementInput());
    const outside = await makeEngagement(owner, engagementInput());
    const foreign = await makeEngagement(await makeOrg(), engagementInput());
    const { secret } = await token(owner, { engagementIds: [inside.id] });
    const call = (engagementId: string) =>
      getEngagementRoute(get(`/api/v1/engagements/${engagementId}`, secret), {
        params: Promise.resolve({ engagementId }),
      });
    const found = await call(inside.id);
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ data: { id: inside.id } });
    for (const id of [outside.id, foreign.id, "not an id!"]) {
      const response = await call(id);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    }
  });
});
