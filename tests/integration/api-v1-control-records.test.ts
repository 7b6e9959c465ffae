import { describe, expect, it, vi } from "vitest";
import { GET as evidenceRoute } from "@/app/api/v1/controls/[controlId]/evidence/route";
import { GET as exceptionsRoute } from "@/app/api/v1/controls/[controlId]/exceptions/route";
import { GET as populationRoute } from "@/app/api/v1/controls/[controlId]/population-events/route";
import { addLinkEvidence, addNoteEvidence } from "@/lib/db/evidence";
import { remediateException } from "@/lib/db/exceptions";
import { setControlMappings } from "@/lib/db/mappings";
import { callApi } from "./api-contract";
import { apiToken } from "./api-token-fixture";
import {
  criterion,
  makeControl,
  makeEngagement,
  makeException,
  makeOrg,
  makePopulationEvent,
  noteEvidenceInput,
} from "./helpers";

// One control's evidence metadata, population and exceptions over /api/v1 (the control page's
// own data-access functions), each response checked against the OpenAPI document.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

const EVIDENCE = "/api/v1/controls/{controlId}/evidence";
const POPULATION = "/api/v1/controls/{controlId}/population-events";
const EXCEPTIONS = "/api/v1/controls/{controlId}/exceptions";

type Page = { data: Record<string, unknown>[]; nextCursor: string | null };
const ids = (body: unknown) => (body as Page).data.map((row) => row.id);

describe("a control's records over /api/v1", () => {
  it("lists its evidence metadata (no note text) with filters and pages", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner);
    const march = await addNoteEvidence(owner, noteEvidenceInput([control.id]));
    const april = await addNoteEvidence(
      owner,
      noteEvidenceInput([control.id], { effectiveDate: "2026-04-30" }),
    );
    const link = await addLinkEvidence(owner, {
      ...noteEvidenceInput([control.id], { effectiveDate: "2026-01-31" }),
      url: "https://ci.example.com/runs/7",
    });
    const { secret } = await apiToken(owner);
    const params = { controlId: control.id };
    const all = await callApi(evidenceRoute, "GET", EVIDENCE, { secret, params });
    expect(ids(all.body)).toEqual([april.id, march.id, link.id]);
    expect(JSON.stringify(all.body)).not.toContain("Reviewed every account.");
    const first = await callApi(evidenceRoute, "GET", EVIDENCE, {
      secret,
      params,
      query: { limit: "2" },
    });
    const rest = await callApi(evidenceRoute, "GET", EVIDENCE, {
      secret,
      params,
      query: { limit: "2", cursor: (first.body as Page).nextCursor ?? "" },
    });
    expect(ids(rest.body)).toEqual([link.id]);
    const notes = await callApi(evidenceRoute, "GET", EVIDENCE, {
      secret,
      params,
      query: { kind: "note", effectiveTo: "2026-03-31" },
    });
    expect(ids(notes.body)).toEqual([march.id]);
  });

  it("lists its population oldest first within a date range", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner, { frequency: "event_driven" });
    const late = await makePopulationEvent(owner, control.id, { date: "2026-05-01" });
    const early = await makePopulationEvent(owner, control.id, { date: "2026-02-01" });
    const { secret } = await apiToken(owner);
    const params = { controlId: control.id };
    const all = await callApi(populationRoute, "GET", POPULATION, { secret, params });
    expect(ids(all.body)).toEqual([early.id, late.id]);
    expect((all.body as Page).data[0]).toMatchObject({ controlId: control.id, evidenceCount: 0 });
    const spring = await callApi(populationRoute, "GET", POPULATION, {
      secret,
      params,
      query: { from: "2026-04-01" },
    });
    expect(ids(spring.body)).toEqual([late.id]);
  });

  it("lists its exceptions open first, by status", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner);
    const closed = await makeException(owner, control.id, { date: "2026-03-20" });
    const open = await makeException(owner, control.id, { date: "2026-01-20" });
    await remediateException(owner, closed.id, "Fixed the rota.", 0);
    const { secret } = await apiToken(owner);
    const params = { controlId: control.id };
    const all = await callApi(exceptionsRoute, "GET", EXCEPTIONS, { secret, params });
    expect(ids(all.body)).toEqual([open.id, closed.id]);
    const remediated = await callApi(exceptionsRoute, "GET", EXCEPTIONS, {
      secret,
      params,
      query: { status: "remediated" },
    });
    expect((remediated.body as Page).data).toEqual([
      expect.objectContaining({ id: closed.id, remediationNote: "Fixed the rota." }),
    ]);
  });

  it("answers 404 for another organisation's control and one outside a scoped token's engagements", async () => {
    const owner = await makeOrg();
    const engagement = await makeEngagement(owner);
    const inside = await makeControl(owner, { frequency: "event_driven" });
    await setControlMappings(owner, inside.id, [criterion("CC6.1")], []);
    const outside = await makeControl(owner, { frequency: "event_driven" });
    const foreign = await makeControl(await makeOrg(), { frequency: "event_driven" });
    const scoped = await apiToken(owner, { engagementIds: [engagement.id] });
    const routes = [
      [evidenceRoute, EVIDENCE],
      [populationRoute, POPULATION],
      [exceptionsRoute, EXCEPTIONS],
    ] as const;
    for (const [route, template] of routes) {
      const ok = await callApi(route, "GET", template, {
        secret: scoped.secret,
        params: { controlId: inside.id },
      });
      expect(ok.status, template).toBe(200);
      for (const controlId of [outside.id, foreign.id, "x"]) {
        const response = await callApi(route, "GET", template, {
          secret: scoped.secret,
          params: { controlId },
        });
        expect(response.status, `${template} ${controlId}`).toBe(404);
      }
    }
  });
});
