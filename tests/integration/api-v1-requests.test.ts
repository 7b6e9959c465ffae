import { describe, expect, it, vi } from "vitest";
import { GET as requestsRoute } from "@/app/api/v1/engagements/[engagementId]/requests/route";
import { closeAuditorRequest, createAuditorRequest } from "@/lib/db/auditor-requests";
import { callApi } from "./api-contract";
import { apiToken } from "./api-token-fixture";
import { makeAuditedOrg } from "./auditor-fixture";
import { makeEngagement, makeOrg } from "./helpers";

// The auditor's requests over /api/v1, each response checked against the OpenAPI document.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

const REQUESTS = "/api/v1/engagements/{engagementId}/requests";

type Page = {
  data: { id: string; status: string; target: { kind: string; id: string } }[];
  nextCursor: string | null;
};

describe("GET /api/v1/engagements/{engagementId}/requests", () => {
  it("lists an engagement's requests open first, filters by status, pages, and keeps other engagements out", async () => {
    const { team, auditor, engagementA, engagementB, objectiveA, controlA } =
      await makeAuditedOrg();
    const onRequirement = await createAuditorRequest(auditor.ctx, {
      engagementId: engagementA.id,
      requirementId: objectiveA.id,
      body: "Please send the payroll reconciliation for March.",
    });
    const onControl = await createAuditorRequest(auditor.ctx, {
      engagementId: engagementA.id,
      controlId: controlA.id,
      body: "Which runs were sampled?",
    });
    await closeAuditorRequest(team, {
      requestId: onRequirement.id,
      answer: "Attached.",
      evidenceIds: [],
    });
    const { secret } = await apiToken(team);
    const params = { engagementId: engagementA.id };

    const all = await callApi(requestsRoute, "GET", REQUESTS, { secret, params });
    expect(all.status).toBe(200);
    expect((all.body as Page).data.map((row) => [row.id, row.status, row.target.kind])).toEqual([
      [onControl.id, "open", "control"],
      [onRequirement.id, "answered", "requirement"],
    ]);
    const open = await callApi(requestsRoute, "GET", REQUESTS, {
      secret,
      params,
      query: { status: "open" },
    });
    expect((open.body as Page).data.map((row) => row.id)).toEqual([onControl.id]);
    const first = await callApi(requestsRoute, "GET", REQUESTS, {
      secret,
      params,
      query: { limit: "1" },
    });
    const page = first.body as Page;
    expect(page.data.map((row) => row.id)).toEqual([onControl.id]);
    const second = await callApi(requestsRoute, "GET", REQUESTS, {
      secret,
      params,
      query: { limit: "1", cursor: page.nextCursor ?? "" },
    });
    expect(second.body).toMatchObject({ data: [{ id: onRequirement.id }], nextCursor: null });

    const elsewhere = await callApi(requestsRoute, "GET", REQUESTS, {
      secret,
      params: { engagementId: engagementB.id },
    });
    expect((elsewhere.body as Page).data).toEqual([]);
  });

  it("answers 404 for another organisation's engagement and one outside a scoped token, 400 for a bad status", async () => {
    const { team, engagementA, engagementB } = await makeAuditedOrg();
    const foreign = await makeEngagement(await makeOrg());
    const scoped = await apiToken(team, { engagementIds: [engagementA.id] });
    for (const engagementId of [engagementB.id, foreign.id, "x"]) {
      const response = await callApi(requestsRoute, "GET", REQUESTS, {
        secret: scoped.secret,
        params: { engagementId },
      });
      expect(response.status, engagementId).toBe(404);
    }
    const bad = await callApi(requestsRoute, "GET", REQUESTS, {
      secret: scoped.secret,
      params: { engagementId: engagementA.id },
      query: { status: "closed" },
    });
    expect(bad.status).toBe(400);
  });
});
