import { describe, expect, it, vi } from "vitest";
import { GET as controlsRoute } from "@/app/api/v1/engagements/[engagementId]/controls/route";
import { GET as readinessRoute } from "@/app/api/v1/engagements/[engagementId]/readiness/route";
import { GET as requirementsRoute } from "@/app/api/v1/engagements/[engagementId]/requirements/route";
import type { OrgContext } from "@/lib/db/context";
import { addNoteEvidence } from "@/lib/db/evidence";
import { setControlMappings } from "@/lib/db/mappings";
import { callApi } from "./api-contract";
import { apiToken } from "./api-token-fixture";
import { criterion, makeControl, makeEngagement, makeOrg, noteEvidenceInput } from "./helpers";

// An engagement's readiness over /api/v1: the figures, requirements and controls the dashboard
// shows (engagementReadiness), each response checked against the OpenAPI document.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

const READINESS = "/api/v1/engagements/{engagementId}/readiness";
const REQUIREMENTS = "/api/v1/engagements/{engagementId}/requirements";
const CONTROLS = "/api/v1/engagements/{engagementId}/controls";

type Requirement = { id: string; code: string; status: string; controls: { id: string }[] };
type Control = { id: string; ref: string; ready: boolean; reasons: { code: string }[] };
type Page<T> = { data: T[]; nextCursor: string | null };

/** A Type I engagement with CC6.1 covered by a ready control and CC6.2 by one that is not. */
async function world(ctx: OrgContext) {
  const engagement = await makeEngagement(ctx, {
    type: "TYPE_I",
    asOfDate: "2026-06-30",
    periodStart: undefined,
    periodEnd: undefined,
  });
  const ready = await makeControl(ctx, {
    status: "implemented",
    ownerId: ctx.userId,
    description: "Access is reviewed quarterly.",
  });
  const draft = await makeControl(ctx);
  await setControlMappings(ctx, ready.id, [criterion("CC6.1")], []);
  await setControlMappings(ctx, draft.id, [criterion("CC6.2")], []);
  await addNoteEvidence(ctx, noteEvidenceInput([ready.id], { purpose: "design" }));
  return { engagement, ready, draft };
}

describe("GET /api/v1/engagements/{engagementId}/readiness", () => {
  it("answers the dashboard's figures", async () => {
    const owner = await makeOrg();
    const { engagement } = await world(owner);
    const { secret } = await apiToken(owner);
    const { status, body } = await callApi(readinessRoute, "GET", READINESS, {
      secret,
      params: { engagementId: engagement.id },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      data: {
        engagementId: engagement.id,
        designDate: "2026-06-30",
        asOf: null,
        requirements: { ready: 1, in_progress: 1 },
        controls: { ready: 1, notReady: 1, total: 2 },
      },
    });
  });
});

describe("GET /api/v1/engagements/{engagementId}/requirements", () => {
  it("lists requirements with their status, filters by status and pages", async () => {
    const owner = await makeOrg();
    const { engagement, ready, draft } = await world(owner);
    const { secret } = await apiToken(owner);
    const params = { engagementId: engagement.id };
    const all = await callApi(requirementsRoute, "GET", REQUIREMENTS, {
      secret,
      params,
      query: { limit: "200" },
    });
    const requirements = (all.body as Page<Requirement>).data;
    const byCode = new Map(requirements.map((requirement) => [requirement.code, requirement]));
    expect(byCode.get("CC6.1")).toMatchObject({ status: "ready", controls: [{ id: ready.id }] });
    expect(byCode.get("CC6.2")).toMatchObject({
      status: "in_progress",
      controls: [{ id: draft.id }],
    });
    expect(requirements.filter((r) => r.status === "unmapped").length).toBeGreaterThan(10);

    const inProgress = await callApi(requirementsRoute, "GET", REQUIREMENTS, {
      secret,
      params,
      query: { status: "in_progress" },
    });
    expect((inProgress.body as Page<Requirement>).data.map((r) => r.code)).toEqual(["CC6.2"]);

    const first = await callApi(requirementsRoute, "GET", REQUIREMENTS, {
      secret,
      params,
      query: { limit: "3" },
    });
    const page = first.body as Page<Requirement>;
    expect(page.data.map((r) => r.id)).toEqual(requirements.slice(0, 3).map((r) => r.id));
    const next = await callApi(requirementsRoute, "GET", REQUIREMENTS, {
      secret,
      params,
      query: { limit: "3", cursor: page.nextCursor ?? "" },
    });
    expect((next.body as Page<Requirement>).data.map((r) => r.id)).toEqual(
      requirements.slice(3, 6).map((r) => r.id),
    );

    const bad = await callApi(requirementsRoute, "GET", REQUIREMENTS, {
      secret,
      params,
      query: { status: "done" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { code: "VALIDATION", fieldErrors: { status: [expect.any(String)] } },
    });
  });
});

describe("GET /api/v1/engagements/{engagementId}/controls", () => {
  it("lists in-scope controls with readiness and reasons, filtered by ready", async () => {
    const owner = await makeOrg();
    const { engagement, ready, draft } = await world(owner);
    await makeControl(owner, { status: "implemented" });
    const { secret } = await apiToken(owner);
    const params = { engagementId: engagement.id };
    const all = await callApi(controlsRoute, "GET", CONTROLS, { secret, params });
    const controls = (all.body as Page<Control>).data;
    expect(controls.map((c) => [c.id, c.ready]).sort()).toEqual(
      [
        [ready.id, true],
        [draft.id, false],
      ].sort(),
    );
    expect(controls.find((c) => c.id === draft.id)?.reasons.map((r) => r.code)).toContain(
      "not_implemented",
    );
    const notReady = await callApi(controlsRoute, "GET", CONTROLS, {
      secret,
      params,
      query: { ready: "false" },
    });
    expect((notReady.body as Page<Control>).data.map((c) => c.id)).toEqual([draft.id]);
  });
});

describe("readiness over /api/v1 outside the token's reach", () => {
  it("answers 404 for another organisation's engagement, one outside a scoped token, and a bad id", async () => {
    const owner = await makeOrg();
    const { engagement } = await world(owner);
    const other = await makeEngagement(owner);
    const foreign = await makeEngagement(await makeOrg());
    const scoped = await apiToken(owner, { engagementIds: [engagement.id] });
    const routes = [
      [readinessRoute, READINESS],
      [requirementsRoute, REQUIREMENTS],
      [controlsRoute, CONTROLS],
    ] as const;
    for (const [route, template] of routes) {
      const inside = await callApi(route, "GET", template, {
        secret: scoped.secret,
        params: { engagementId: engagement.id },
      });
      expect(inside.status, template).toBe(200);
      for (const engagementId of [other.id, foreign.id, "x"]) {
        const response = await callApi(route, "GET", template, {
          secret: scoped.secret,
          params: { engagementId },
        });
        expect(response.status, `${template} ${engagementId}`).toBe(404);
        expect(response.body).toMatchObject({ error: { code: "NOT_FOUND" } });
      }
    }
    const anonymous = await callApi(readinessRoute, "GET", READINESS, {
      params: { engagementId: engagement.id },
    });
    expect(anonymous.status).toBe(401);
  });
});
