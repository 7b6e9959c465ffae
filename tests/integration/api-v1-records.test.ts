import type { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { GET as evidenceRoute } from "@/app/api/v1/engagements/[engagementId]/evidence/route";
import { GET as exceptionsRoute } from "@/app/api/v1/engagements/[engagementId]/exceptions/route";
import { GET as populationRoute } from "@/app/api/v1/engagements/[engagementId]/population-events/route";
import type { OrgContext } from "@/lib/db/context";
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

// Evidence metadata, population events and exceptions of an engagement's controls over /api/v1,
// each response checked against the OpenAPI document.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

const EVIDENCE = "/api/v1/engagements/{engagementId}/evidence";
const POPULATION = "/api/v1/engagements/{engagementId}/population-events";
const EXCEPTIONS = "/api/v1/engagements/{engagementId}/exceptions";

type Page<T> = { data: T[]; nextCursor: string | null };
type Evidence = { id: string; kind: string; effectiveDate: string; controls: { id: string }[] };
type Row = { id: string; controlId: string; date: string; status?: string };

/**
 * Two engagements of one organisation: CC6.1 (in both, SOC 2 security) is covered by `mapped`;
 * `shared` supports both `mapped` and `unmapped`, a control of no requirement.
 */
async function world(ctx: OrgContext) {
  const engagement = await makeEngagement(ctx);
  const mapped = await makeControl(ctx, { frequency: "event_driven" });
  const unmapped = await makeControl(ctx, { frequency: "event_driven" });
  await setControlMappings(ctx, mapped.id, [criterion("CC6.1")], []);
  return { engagement, mapped, unmapped };
}

type EngagementRoute = (
  request: NextRequest,
  context: { params: Promise<{ engagementId: string }> },
) => Promise<Response>;

/** Every page of a list, following nextCursor. */
async function allPages<T>(
  route: EngagementRoute,
  template: string,
  secret: string,
  engagementId: string,
  query: Record<string, string>,
): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const { status, body } = await callApi(route, "GET", template, {
      secret,
      params: { engagementId },
      query: { ...query, ...(cursor ? { cursor } : {}) },
    });
    expect(status).toBe(200);
    const page = body as Page<T>;
    items.push(...page.data);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor !== null);
  return { items, pages };
}

describe("GET /api/v1/engagements/{engagementId}/evidence", () => {
  it("lists the metadata of the engagement's controls' evidence, newest first, with filters and pages", async () => {
    const owner = await makeOrg();
    const { engagement, mapped, unmapped } = await world(owner);
    const dates = ["2026-01-15", "2026-02-15", "2026-02-15", "2026-03-15", "2026-04-15"];
    const made: string[] = [];
    for (const effectiveDate of dates)
      made.push(
        (await addNoteEvidence(owner, noteEvidenceInput([mapped.id], { effectiveDate }))).id,
      );
    const link = await addLinkEvidence(owner, {
      ...noteEvidenceInput([mapped.id, unmapped.id], { effectiveDate: "2026-05-01" }),
      url: "https://ci.example.com/runs/42",
    });
    await addNoteEvidence(owner, noteEvidenceInput([unmapped.id]));
    const { secret } = await apiToken(owner);

    const { items, pages } = await allPages<Evidence>(
      evidenceRoute,
      EVIDENCE,
      secret,
      engagement.id,
      { limit: "2" },
    );
    expect(pages).toBe(3);
    expect(items.map((item) => item.id).sort()).toEqual([...made, link.id].sort());
    expect(items.map((item) => item.effectiveDate)).toEqual([...dates, "2026-05-01"].reverse());
    expect(items[0]).toMatchObject({
      id: link.id,
      kind: "link",
      url: "https://ci.example.com/runs/42",
    });
    expect(items[0]?.controls.map((control) => control.id).sort()).toEqual(
      [mapped.id, unmapped.id].sort(),
    );

    const links = await callApi(evidenceRoute, "GET", EVIDENCE, {
      secret,
      params: { engagementId: engagement.id },
      query: { kind: "link" },
    });
    expect((links.body as Page<Evidence>).data.map((item) => item.id)).toEqual([link.id]);
    const february = await callApi(evidenceRoute, "GET", EVIDENCE, {
      secret,
      params: { engagementId: engagement.id },
      query: { effectiveFrom: "2026-02-01", effectiveTo: "2026-02-28" },
    });
    expect((february.body as Page<Evidence>).data.map((item) => item.id).sort()).toEqual(
      made.slice(1, 3).sort(),
    );
    const bad = await callApi(evidenceRoute, "GET", EVIDENCE, {
      secret,
      params: { engagementId: engagement.id },
      query: { kind: "video", effectiveFrom: "yesterday", controlId: "nope" },
    });
    expect(bad.status).toBe(400);
    expect(
      Object.keys((bad.body as { error: { fieldErrors: object } }).error.fieldErrors).sort(),
    ).toEqual(["controlId", "effectiveFrom", "kind"]);
  });

  it("does not name controls outside a scoped token's engagements", async () => {
    const owner = await makeOrg();
    const { engagement, mapped } = await world(owner);
    const elsewhere = await makeEngagement(owner, { categories: ["availability"] });
    const other = await makeControl(owner);
    await setControlMappings(owner, other.id, [criterion("A1.1")], []);
    await addNoteEvidence(owner, noteEvidenceInput([mapped.id, other.id]));
    const scoped = await apiToken(owner, { engagementIds: [engagement.id] });
    const { body } = await callApi(evidenceRoute, "GET", EVIDENCE, {
      secret: scoped.secret,
      params: { engagementId: engagement.id },
    });
    expect((body as Page<Evidence>).data.map((item) => item.controls)).toEqual([
      [expect.objectContaining({ id: mapped.id })],
    ]);
    const outside = await callApi(evidenceRoute, "GET", EVIDENCE, {
      secret: scoped.secret,
      params: { engagementId: elsewhere.id },
    });
    expect(outside.status).toBe(404);
  });
});

describe("GET /api/v1/engagements/{engagementId}/population-events", () => {
  it("lists the engagement's controls' events oldest first, by control and date range, in pages", async () => {
    const owner = await makeOrg();
    const { engagement, mapped, unmapped } = await world(owner);
    const days = ["2026-02-01", "2026-02-01", "2026-03-01", "2026-04-01"];
    const made: string[] = [];
    for (const date of days) made.push((await makePopulationEvent(owner, mapped.id, { date })).id);
    await makePopulationEvent(owner, unmapped.id);
    const { secret } = await apiToken(owner);
    const { items, pages } = await allPages<Row>(
      populationRoute,
      POPULATION,
      secret,
      engagement.id,
      { limit: "3" },
    );
    expect(pages).toBe(2);
    expect(items.map((item) => item.date)).toEqual(days);
    expect(items.map((item) => item.id).sort()).toEqual([...made].sort());
    const march = await callApi(populationRoute, "GET", POPULATION, {
      secret,
      params: { engagementId: engagement.id },
      query: { from: "2026-02-15", to: "2026-03-31", controlId: mapped.id },
    });
    expect((march.body as Page<Row>).data.map((item) => item.id)).toEqual([made[2]]);
    const notInEngagement = await callApi(populationRoute, "GET", POPULATION, {
      secret,
      params: { engagementId: engagement.id },
      query: { controlId: unmapped.id },
    });
    expect((notInEngagement.body as Page<Row>).data).toEqual([]);
  });
});

describe("GET /api/v1/engagements/{engagementId}/exceptions", () => {
  it("lists the engagement's controls' exceptions newest first, filtered by status", async () => {
    const owner = await makeOrg();
    const { engagement, mapped, unmapped } = await world(owner);
    const older = await makeException(owner, mapped.id, { date: "2026-02-10" });
    const newer = await makeException(owner, mapped.id, { date: "2026-03-10" });
    await makeException(owner, unmapped.id);
    await remediateException(owner, older.id, "Reviewed late, signed off.", 0);
    const { secret } = await apiToken(owner);
    const all = await callApi(exceptionsRoute, "GET", EXCEPTIONS, {
      secret,
      params: { engagementId: engagement.id },
    });
    expect((all.body as Page<Row>).data.map((item) => [item.id, item.status])).toEqual([
      [newer.id, "open"],
      [older.id, "remediated"],
    ]);
    const open = await callApi(exceptionsRoute, "GET", EXCEPTIONS, {
      secret,
      params: { engagementId: engagement.id },
      query: { status: "open" },
    });
    expect((open.body as Page<Row>).data.map((item) => item.id)).toEqual([newer.id]);
  });
});

describe("engagement records outside the token's reach", () => {
  it("answers 404 for another organisation's engagement, one outside a scoped token, and a bad id", async () => {
    const owner = await makeOrg();
    const { engagement } = await world(owner);
    const other = await makeEngagement(owner);
    const foreign = await makeEngagement(await makeOrg());
    const scoped = await apiToken(owner, { engagementIds: [engagement.id] });
    const routes = [
      [evidenceRoute, EVIDENCE],
      [populationRoute, POPULATION],
      [exceptionsRoute, EXCEPTIONS],
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
      }
      const cursor = await callApi(route, "GET", template, {
        secret: scoped.secret,
        params: { engagementId: engagement.id },
        query: { cursor: "garbage" },
      });
      expect(cursor.status).toBe(400);
    }
  });
});
