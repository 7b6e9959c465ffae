import { describe, expect, it, vi } from "vitest";
import { POST as recordRoute } from "@/app/api/v1/controls/[controlId]/exceptions/route";
import { POST as addEventRoute } from "@/app/api/v1/controls/[controlId]/population-events/route";
import { PATCH as correctRoute } from "@/app/api/v1/exceptions/[exceptionId]/route";
import { DELETE as removeEventRoute } from "@/app/api/v1/population-events/[eventId]/route";
import { getDb } from "@/lib/db/client";
import { getException, remediateException } from "@/lib/db/exceptions";
import { setControlMappings } from "@/lib/db/mappings";
import { listPopulation } from "@/lib/db/population";
import { callApi } from "./api-contract";
import { apiToken } from "./api-token-fixture";
import {
  criterion,
  makeControl,
  makeEngagement,
  makeException,
  makeOrg,
  makePopulationEvent,
} from "./helpers";

// Population events and exceptions written through /api/v1 with real tokens: the control page's
// data-access functions, so the same permissions, scope, versions and log. Every response is
// checked against the OpenAPI document.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

type Body = {
  data: { id: string; version?: number; status?: string; reference?: string };
  error: { code: string; fieldErrors?: Record<string, string[]>; currentVersion?: number };
};
type Ctx = Parameters<typeof apiToken>[0];

const editor = async (ctx: Ctx, engagementIds?: string[]) =>
  (await apiToken(ctx, { role: "editor", engagementIds })).secret;
const viewer = async (ctx: Ctx) => (await apiToken(ctx, { role: "viewer" })).secret;

async function addEvent(secret: string, controlId: string, json: unknown) {
  const response = await callApi(
    addEventRoute,
    "POST",
    "/api/v1/controls/{controlId}/population-events",
    { secret, params: { controlId }, json },
  );
  return { status: response.status, body: response.body as Body };
}

async function removeEvent(secret: string, eventId: string) {
  const response = await callApi(
    removeEventRoute,
    "DELETE",
    "/api/v1/population-events/{eventId}",
    { secret, params: { eventId } },
  );
  return { status: response.status, body: response.body as Body | null };
}

async function recordException(secret: string, controlId: string, json: unknown) {
  const response = await callApi(recordRoute, "POST", "/api/v1/controls/{controlId}/exceptions", {
    secret,
    params: { controlId },
    json,
  });
  return {
    status: response.status,
    etag: response.headers.get("etag"),
    body: response.body as Body,
  };
}

async function correct(secret: string, exceptionId: string, json: unknown, ifMatch?: string) {
  const response = await callApi(correctRoute, "PATCH", "/api/v1/exceptions/{exceptionId}", {
    secret,
    params: { exceptionId },
    json,
    headers: ifMatch === undefined ? undefined : { "if-match": ifMatch },
  });
  return {
    status: response.status,
    etag: response.headers.get("etag"),
    body: response.body as Body,
  };
}

const event = { date: "2026-02-03", reference: "CHG-1042", description: "Firewall change" };

describe("POST /api/v1/controls/{controlId}/population-events", () => {
  it("adds an event to an event-driven control's population", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner, { frequency: "event_driven" });
    const { status, body } = await addEvent(await editor(owner), control.id, event);
    expect(status).toBe(201);
    expect(body.data).toMatchObject({ ...event, controlId: control.id });
    expect(await listPopulation(owner, control.id)).toMatchObject([
      { id: body.data.id, reference: "CHG-1042" },
    ]);
  });

  it("answers 400 with fieldErrors, 409 for a reference already there, 400 for a control that is not event-driven", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner, { frequency: "event_driven" });
    const secret = await editor(owner);
    const invalid = await addEvent(secret, control.id, { date: "3 Feb", reference: "" });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.error.fieldErrors ?? {}).sort()).toEqual(["date", "reference"]);
    await addEvent(secret, control.id, event);
    const duplicate = await addEvent(secret, control.id, event);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.fieldErrors).toHaveProperty("reference");
    const quarterly = await makeControl(owner, { frequency: "quarterly" });
    expect((await addEvent(secret, quarterly.id, event)).status).toBe(400);
  });

  it("answers 403 to a viewer, 404 to another organisation and outside the token's engagements", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner, { frequency: "event_driven" });
    expect((await addEvent(await viewer(owner), control.id, event)).status).toBe(403);
    expect((await addEvent(await editor(await makeOrg()), control.id, event)).status).toBe(404);
    const engagement = await makeEngagement(owner);
    expect((await addEvent(await editor(owner, [engagement.id]), control.id, event)).status).toBe(
      404,
    );
    expect(await listPopulation(owner, control.id)).toEqual([]);
  });
});

describe("DELETE /api/v1/population-events/{eventId}", () => {
  it("removes an event (204); then it is not found", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner, { frequency: "event_driven" });
    const { id } = await makePopulationEvent(owner, control.id);
    const secret = await editor(owner);
    expect(await removeEvent(secret, id)).toEqual({ status: 204, body: null });
    expect(await listPopulation(owner, control.id)).toEqual([]);
    expect((await removeEvent(secret, id)).status).toBe(404);
  });

  it("answers 403 to a viewer, 404 to another organisation and outside the token's engagements", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner, { frequency: "event_driven" });
    const { id } = await makePopulationEvent(owner, control.id);
    expect((await removeEvent(await viewer(owner), id)).status).toBe(403);
    expect((await removeEvent(await editor(await makeOrg()), id)).status).toBe(404);
    const engagement = await makeEngagement(owner);
    expect((await removeEvent(await editor(owner, [engagement.id]), id)).status).toBe(404);
    // Mapped into the engagement, the control and its events are within the token's reach.
    await setControlMappings(owner, control.id, [criterion("CC6.1")], []);
    expect((await removeEvent(await editor(owner, [engagement.id]), id)).status).toBe(204);
  });
});

const deviation = {
  date: "2026-03-10",
  description: "The March review was skipped.",
  severity: "high",
};

describe("POST /api/v1/controls/{controlId}/exceptions", () => {
  it("records an open exception, answering 201 with it and its version as ETag", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner);
    const { status, etag, body } = await recordException(
      await editor(owner),
      control.id,
      deviation,
    );
    expect(status).toBe(201);
    expect(body.data).toMatchObject({ ...deviation, status: "open", controlId: control.id });
    expect(etag).toBe(`"${body.data.version}"`);
    expect(await getException(owner, body.data.id)).toMatchObject({ severity: "high" });
  });

  it("answers 400 with fieldErrors, 403 to a viewer, 404 to another organisation and outside the token's engagements", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner);
    const invalid = await recordException(await editor(owner), control.id, {
      date: "2026-03-10",
      description: "no",
      severity: "critical",
    });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.error.fieldErrors ?? {}).sort()).toEqual([
      "description",
      "severity",
    ]);
    expect((await recordException(await viewer(owner), control.id, deviation)).status).toBe(403);
    const foreign = await editor(await makeOrg());
    expect((await recordException(foreign, control.id, deviation)).status).toBe(404);
    const engagement = await makeEngagement(owner);
    const scoped = await editor(owner, [engagement.id]);
    expect((await recordException(scoped, control.id, deviation)).status).toBe(404);
    expect(await getDb().controlException.count({ where: { organizationId: owner.orgId } })).toBe(
      0,
    );
  });
});

describe("PATCH /api/v1/exceptions/{exceptionId}", () => {
  it("changes the fields sent from the If-Match version: remediating needs a note", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner);
    const { id } = await makeException(owner, control.id);
    const secret = await editor(owner);
    const noNote = await correct(secret, id, { status: "remediated" }, '"0"');
    expect(noNote.status).toBe(400);
    expect(noNote.body.error.fieldErrors).toHaveProperty("remediationNote");
    const fixed = await correct(
      secret,
      id,
      { status: "remediated", remediationNote: "Reviewed late, in April." },
      '"0"',
    );
    expect(fixed.status).toBe(200);
    expect(fixed.etag).toBe('"1"');
    expect(fixed.body.data).toMatchObject({ status: "remediated", version: 1 });
    expect(await getException(owner, id)).toMatchObject({
      status: "remediated",
      description: "The March review was skipped.",
      remediationNote: "Reviewed late, in April.",
    });
  });

  it("answers 412 with the current version to a stale If-Match, 428 without one", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner);
    const { id } = await makeException(owner, control.id);
    await remediateException(owner, id, "Fixed by the team.", 0);
    const secret = await editor(owner);
    const stale = await correct(secret, id, { severity: "low" }, '"0"');
    expect(stale.status).toBe(412);
    expect(stale.etag).toBe('"1"');
    expect(stale.body.error).toMatchObject({ code: "CONFLICT", currentVersion: 1 });
    expect((await correct(secret, id, { severity: "low" })).status).toBe(428);
    expect(await getException(owner, id)).toMatchObject({ severity: "medium", version: 1 });
  });

  it("answers 400 with fieldErrors, 403 to a viewer, 404 to another organisation and outside the token's engagements", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner);
    const { id } = await makeException(owner, control.id);
    const invalid = await correct(
      await editor(owner),
      id,
      { date: "2099-01-01", severity: 3 },
      '"0"',
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fieldErrors).toHaveProperty("severity");
    const change = { severity: "low" };
    expect((await correct(await viewer(owner), id, change, '"0"')).status).toBe(403);
    expect((await correct(await editor(await makeOrg()), id, change, '"0"')).status).toBe(404);
    const engagement = await makeEngagement(owner);
    expect((await correct(await editor(owner, [engagement.id]), id, change, '"0"')).status).toBe(
      404,
    );
    expect(await getException(owner, id)).toMatchObject({ severity: "medium", version: 0 });
  });
});
