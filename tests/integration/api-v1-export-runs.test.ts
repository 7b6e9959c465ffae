import { describe, expect, it, vi } from "vitest";
import { GET as listRoute } from "@/app/api/v1/engagements/[engagementId]/exports/route";
import { startExport } from "@/lib/db/exports";
import { callApi } from "./api-contract";
import { apiToken } from "./api-token-fixture";
import { makeEngagement, makeOrg } from "./helpers";

// An engagement's export runs over /api/v1, each response checked against the OpenAPI document.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

const EXPORTS = "/api/v1/engagements/{engagementId}/exports";
const HOUR = 60 * 60 * 1000;

type Page = { data: { id: string; state: string }[]; nextCursor: string | null };

describe("GET /api/v1/engagements/{engagementId}/exports", () => {
  it("lists the engagement's runs newest first, by state, in pages", async () => {
    const owner = await makeOrg();
    const engagement = await makeEngagement(owner);
    const other = await makeEngagement(owner);
    const stale = await startExport(owner, engagement.id, "json", new Date(Date.now() - 3 * HOUR));
    const older = await startExport(owner, engagement.id, "pdf", new Date(Date.now() - 60_000));
    const newest = await startExport(owner, engagement.id, "xlsx");
    await startExport(owner, other.id, "json");
    const { secret } = await apiToken(owner);
    const params = { engagementId: engagement.id };

    const first = await callApi(listRoute, "GET", EXPORTS, {
      secret,
      params,
      query: { limit: "2" },
    });
    const page = first.body as Page;
    expect(page.data.map((run) => run.id)).toEqual([newest.id, older.id]);
    const second = await callApi(listRoute, "GET", EXPORTS, {
      secret,
      params,
      query: { limit: "2", cursor: page.nextCursor ?? "" },
    });
    expect(second.body).toMatchObject({ data: [{ id: stale.id }], nextCursor: null });

    const interrupted = await callApi(listRoute, "GET", EXPORTS, {
      secret,
      params,
      query: { state: "interrupted" },
    });
    expect((interrupted.body as Page).data.map((run) => run.id)).toEqual([stale.id]);
    const bad = await callApi(listRoute, "GET", EXPORTS, {
      secret,
      params,
      query: { state: "queued" },
    });
    expect(bad.status).toBe(400);
  });

  it("answers 404 for another organisation's engagement and one outside a scoped token", async () => {
    const owner = await makeOrg();
    const inside = await makeEngagement(owner);
    const outside = await makeEngagement(owner);
    const foreign = await makeEngagement(await makeOrg());
    const scoped = await apiToken(owner, { engagementIds: [inside.id] });
    const ok = await callApi(listRoute, "GET", EXPORTS, {
      secret: scoped.secret,
      params: { engagementId: inside.id },
    });
    expect(ok.body).toEqual({ data: [], nextCursor: null });
    for (const engagementId of [outside.id, foreign.id, "x"]) {
      const response = await callApi(listRoute, "GET", EXPORTS, {
        secret: scoped.secret,
        params: { engagementId },
      });
      expect(response.status, engagementId).toBe(404);
    }
  });
});
