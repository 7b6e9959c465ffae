import { describe, expect, it, vi } from "vitest";
import { POST as createRoute } from "@/app/api/v1/controls/route";
import { PATCH as updateRoute } from "@/app/api/v1/controls/[controlId]/route";
import {
  POST as addRoute,
  PUT as setRoute,
} from "@/app/api/v1/controls/[controlId]/mappings/route";
import { DELETE as removeRoute } from "@/app/api/v1/controls/[controlId]/mappings/[requirementId]/route";
import { getDb } from "@/lib/db/client";
import { getControl, updateControl } from "@/lib/db/controls";
import { setControlMappings } from "@/lib/db/mappings";
import { MAX_JSON_BODY_BYTES } from "@/lib/server/api/json-body";
import { callApi } from "./api-contract";
import { apiToken } from "./api-token-fixture";
import {
  controlInput,
  criterion,
  makeControl,
  makeEngagement,
  makeObjective,
  makeOrg,
} from "./helpers";

// POST/PATCH /api/v1/controls and the mapping writes, with real tokens against the real
// database: the same data-access functions as the control form, so the same permissions,
// scope, versions and activity log. Every response is checked against the OpenAPI document.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

type ErrorBody = {
  error: {
    code: string;
    message: string;
    fieldErrors?: Record<string, string[]>;
    currentVersion?: number;
  };
};
type ControlBody = {
  data: { id: string; ref: string; title: string; version: number; criterionIds: string[] };
};
type MappingsBody = { data: { criterionIds: string[]; objectiveIds: string[] } };
type Call = { secret: string; body?: unknown; ifMatch?: string };

const tokenFor = async (
  ctx: Parameters<typeof apiToken>[0],
  options: { role?: "viewer" | "editor"; engagementIds?: string[] } = {},
) => (await apiToken(ctx, { role: "editor", ...options })).secret;

// A JSON body as sent; a string is sent as it is, with the JSON content type.
const request = ({ secret, body, ifMatch }: Call) => ({
  secret,
  headers: {
    ...(typeof body === "string" ? { "content-type": "application/json" } : {}),
    ...(ifMatch === undefined ? {} : { "if-match": ifMatch }),
  },
  ...(typeof body === "string" ? { body } : body === undefined ? {} : { json: body }),
});

async function create(call: Call) {
  const response = await callApi(createRoute, "POST", "/api/v1/controls", request(call));
  return {
    status: response.status,
    etag: response.headers.get("etag"),
    body: response.body as ControlBody & ErrorBody,
  };
}

async function update(controlId: string, call: Call) {
  const response = await callApi(updateRoute, "PATCH", "/api/v1/controls/{controlId}", {
    ...request(call),
    params: { controlId },
  });
  return {
    status: response.status,
    etag: response.headers.get("etag"),
    body: response.body as ControlBody & ErrorBody,
  };
}

async function mappings(method: "PUT" | "POST", controlId: string, call: Call) {
  const route = method === "PUT" ? setRoute : addRoute;
  const response = await callApi(route, method, "/api/v1/controls/{controlId}/mappings", {
    ...request(call),
    params: { controlId },
  });
  return { status: response.status, body: response.body as MappingsBody & ErrorBody };
}

async function removeMapping(controlId: string, requirementId: string, call: Call) {
  const response = await callApi(
    removeRoute,
    "DELETE",
    "/api/v1/controls/{controlId}/mappings/{requirementId}",
    { ...request(call), params: { controlId, requirementId } },
  );
  return { status: response.status, body: response.body as MappingsBody & ErrorBody };
}

describe("POST /api/v1/controls", () => {
  it("creates a control as the form does, answering 201 with it and its version as ETag", async () => {
    const owner = await makeOrg();
    const secret = await tokenFor(owner);
    const { status, etag, body } = await create({
      secret,
      body: { ...controlInput({ ref: "API-01" }), key: true, ownerId: owner.userId },
    });
    expect(status).toBe(201);
    expect(etag).toBe(`"${body.data.version}"`);
    const saved = await getControl(owner, body.data.id);
    expect(saved).toMatchObject({ ref: "API-01", key: true, ownerId: owner.userId });
    // The organisation's default grace days, as for a control made in the form.
    expect(saved.graceDays).toBe(
      (await getDb().organization.findUniqueOrThrow({ where: { id: owner.orgId } }))
        .defaultGraceDays,
    );
  });

  it("answers 400 with fieldErrors for bad fields, 409 for a reference in use, 413 for a body over the bound", async () => {
    const owner = await makeOrg();
    const secret = await tokenFor(owner);
    const { body: bad } = await create({
      secret,
      body: { ...controlInput(), title: "x", status: "finished", key: "on" },
    });
    expect(bad.error.code).toBe("VALIDATION");
    expect(Object.keys(bad.error.fieldErrors ?? {}).sort()).toEqual(["key", "status", "title"]);
    const existing = await makeControl(owner);
    const { body: taken } = await create({ secret, body: controlInput({ ref: existing.ref }) });
    expect(taken.error).toMatchObject({
      code: "CONFLICT",
      fieldErrors: { ref: [expect.any(String)] },
    });
    const { body: notJson } = await create({ secret, body: "ref=AC-1" });
    expect(notJson.error.code).toBe("VALIDATION");
    // The body is bounded before it is parsed, whatever Content-Length says (none here).
    const description = "x".repeat(MAX_JSON_BODY_BYTES);
    const huge = await create({ secret, body: JSON.stringify({ ...controlInput(), description }) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("TOO_LARGE");
  });

  it("answers 403 to a viewer token and to a token limited to engagements", async () => {
    const owner = await makeOrg();
    const engagement = await makeEngagement(owner);
    for (const secret of [
      await tokenFor(owner, { role: "viewer" }),
      await tokenFor(owner, { engagementIds: [engagement.id] }),
    ]) {
      const { body } = await create({ secret, body: controlInput() });
      expect(body.error.code).toBe("FORBIDDEN");
    }
    expect(await getDb().control.count({ where: { organizationId: owner.orgId } })).toBe(0);
  });
});

describe("PATCH /api/v1/controls/{controlId}", () => {
  it("changes only the fields sent, from the version If-Match names, and logs it", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner, { description: "Quarterly review.", graceDays: 7 });
    const secret = await tokenFor(owner);
    const { status, etag, body } = await update(control.id, {
      secret,
      ifMatch: '"0"',
      body: { status: "implemented" },
    });
    expect(status).toBe(200);
    expect(etag).toBe('"1"');
    expect(body.data).toMatchObject({ version: 1, ref: control.ref });
    expect(await getControl(owner, control.id)).toMatchObject({
      status: "implemented",
      description: "Quarterly review.",
      graceDays: 7,
    });
    const logged = await getDb().activityLogEntry.findFirstOrThrow({
      where: { organizationId: owner.orgId, action: "control.updated", entityId: control.id },
      select: { apiTokenId: true },
    });
    expect(logged.apiTokenId).not.toBeNull();
  });

  it("answers 412 to a stale If-Match and 428 without one, changing nothing", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner);
    await updateControl(
      owner,
      control.id,
      controlInput({ ref: control.ref, title: "Moved on" }),
      0,
    );
    const secret = await tokenFor(owner);
    const stale = await update(control.id, { secret, ifMatch: '"0"', body: { title: "Mine" } });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe("CONFLICT");
    expect(stale.etag).toBe('"1"');
    expect(stale.body.error).toMatchObject({ currentVersion: 1 });
    const missing = await update(control.id, { secret, body: { title: "Mine" } });
    expect(missing.status).toBe(428);
    expect(missing.body.error.fieldErrors).toHaveProperty("If-Match");
    expect(await getControl(owner, control.id)).toMatchObject({ title: "Moved on", version: 1 });
  });

  it("lets exactly one of two updates from the same version land; the other is 412", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner);
    const secret = await tokenFor(owner);
    const results = await Promise.all(
      ["First", "Second"].map((title) =>
        update(control.id, { secret, ifMatch: '"0"', body: { title: `${title} title` } }),
      ),
    );
    expect(results.map((result) => result.status).sort()).toEqual([200, 412]);
    const winner = results.find((result) => result.status === 200);
    expect(await getControl(owner, control.id)).toMatchObject({
      title: winner?.body.data.title,
      version: 1,
    });
  });

  it("answers 400 with fieldErrors, 403 to a viewer, 404 to another organisation or outside the token's engagements", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner);
    const editor = await tokenFor(owner);
    const invalid = await update(control.id, {
      secret: editor,
      ifMatch: '"0"',
      body: { title: "", graceDays: 400 },
    });
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.body.error.fieldErrors ?? {}).sort()).toEqual([
      "graceDays",
      "title",
    ]);
    const viewer = await update(control.id, {
      secret: await tokenFor(owner, { role: "viewer" }),
      ifMatch: '"0"',
      body: { title: "Viewer's" },
    });
    expect(viewer.status).toBe(403);
    const foreign = await update(control.id, {
      secret: await tokenFor(await makeOrg()),
      ifMatch: '"0"',
      body: { title: "Foreign" },
    });
    expect(foreign.status).toBe(404);
    const engagement = await makeEngagement(owner);
    const scoped = await update(control.id, {
      secret: await tokenFor(owner, { engagementIds: [engagement.id] }),
      ifMatch: '"0"',
      body: { title: "Scoped" },
    });
    expect(scoped.status).toBe(404);
    const notAnId = await update("not-an-id", { secret: editor, ifMatch: '"0"', body: {} });
    expect(notAnId.status).toBe(404);
    expect(await getControl(owner, control.id)).toMatchObject({ version: 0 });
  });
});

describe("/api/v1/controls/{controlId}/mappings", () => {
  it("replaces, adds and removes the requirements a control maps to", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner);
    const objective = await makeObjective(owner);
    const secret = await tokenFor(owner);
    const set = await mappings("PUT", control.id, {
      secret,
      body: { criterionIds: [criterion("CC6.1"), criterion("CC6.2")] },
    });
    expect(set.status).toBe(200);
    expect(set.body.data).toEqual({
      criterionIds: [criterion("CC6.1"), criterion("CC6.2")].sort(),
      objectiveIds: [],
    });
    const added = await mappings("POST", control.id, {
      secret,
      body: { criterionIds: [criterion("CC8.1")], objectiveIds: [objective.id] },
    });
    expect(added.body.data).toEqual({
      criterionIds: [criterion("CC6.1"), criterion("CC6.2"), criterion("CC8.1")].sort(),
      objectiveIds: [objective.id],
    });
    const removed = await removeMapping(control.id, criterion("CC6.2"), { secret });
    expect(removed.status).toBe(200);
    expect(removed.body.data.criterionIds).toEqual([criterion("CC6.1"), criterion("CC8.1")].sort());
    // Removing it again changes nothing (a retried DELETE).
    const again = await removeMapping(control.id, criterion("CC6.2"), { secret });
    expect(again.body.data).toEqual(removed.body.data);
    const replaced = await mappings("PUT", control.id, { secret, body: {} });
    expect(replaced.body.data).toEqual({ criterionIds: [], objectiveIds: [] });
  });

  it("answers 400 with fieldErrors for bad lists and for requirements that do not exist", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner);
    const secret = await tokenFor(owner);
    const badList = await mappings("PUT", control.id, { secret, body: { criterionIds: "CC6.1" } });
    expect(badList.status).toBe(400);
    expect(badList.body.error.fieldErrors).toHaveProperty("criterionIds");
    const foreignObjective = await makeObjective(await makeOrg());
    const unknown = await mappings("POST", control.id, {
      secret,
      body: { objectiveIds: [foreignObjective.id] },
    });
    expect(unknown.status).toBe(400);
    expect((await getControl(owner, control.id)).objectiveIds).toEqual([]);
  });

  it("answers 403 to a viewer and 404 to another organisation", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner);
    await setControlMappings(owner, control.id, [criterion("CC6.1")], []);
    const viewer = await tokenFor(owner, { role: "viewer" });
    expect((await mappings("PUT", control.id, { secret: viewer, body: {} })).status).toBe(403);
    expect((await removeMapping(control.id, criterion("CC6.1"), { secret: viewer })).status).toBe(
      403,
    );
    const foreign = await tokenFor(await makeOrg());
    const body = { criterionIds: [criterion("CC1.1")] };
    expect((await mappings("POST", control.id, { secret: foreign, body })).status).toBe(404);
    expect((await removeMapping(control.id, criterion("CC6.1"), { secret: foreign })).status).toBe(
      404,
    );
    expect((await getControl(owner, control.id)).criterionIds).toEqual([criterion("CC6.1")]);
  });

  it("lets a token limited to engagements change only its engagements' requirements", async () => {
    const owner = await makeOrg();
    const objective = await makeObjective(owner);
    // A SOC 1 engagement with one objective: the token sees that objective, no criterion.
    const engagement = await makeEngagement(owner, {
      family: "SOC1",
      objectiveIds: [objective.id],
    });
    const control = await makeControl(owner);
    await setControlMappings(owner, control.id, [criterion("CC6.1")], [objective.id]);
    const hidden = await makeControl(owner);
    await setControlMappings(owner, hidden.id, [criterion("CC6.1")], []);
    const secret = await tokenFor(owner, { engagementIds: [engagement.id] });
    const outside = await mappings("POST", control.id, {
      secret,
      body: { criterionIds: [criterion("CC8.1")] },
    });
    expect(outside.status).toBe(400);
    const hiddenControl = await mappings("POST", hidden.id, {
      secret,
      body: { objectiveIds: [objective.id] },
    });
    expect(hiddenControl.status).toBe(404);
    const removeOutside = await removeMapping(control.id, criterion("CC6.1"), { secret });
    expect(removeOutside.status).toBe(400);
    // Replacing with nothing removes the objective only; the criterion outside the scope stays.
    const replaced = await mappings("PUT", control.id, { secret, body: {} });
    expect(replaced.body.data).toEqual({ criterionIds: [], objectiveIds: [] });
    expect(await getControl(owner, control.id)).toMatchObject({
      criterionIds: [criterion("CC6.1")],
      objectiveIds: [],
    });
    expect(await getControl(owner, hidden.id)).toMatchObject({ objectiveIds: [] });
  });
});
