import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { startExport } from "@/lib/db/exports";
import { setControlMappings } from "@/lib/db/mappings";
import { NextRequest } from "next/server";
import { callApi, expectResponseMatches } from "./api-contract";
import { apiToken } from "./api-token-fixture";
import { criterion, makeControl, makeEngagement, makeOrg } from "./helpers";

// Exports through /api/v1 with real tokens: start one (it runs as from the exports page), poll
// it, download the file. Every response is checked against the OpenAPI document.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

// The export runs in this process, as with EXPORT_RUNNER=inline, but the test can wait for it.
const running: Promise<unknown>[] = [];
vi.mock("@/lib/export-process/runner", async (importOriginal) => {
  const { runExport } = await import("@/lib/exports/run-export");
  return {
    ...(await importOriginal<typeof import("@/lib/export-process/runner")>()),
    dispatchExport: (ctx: Parameters<typeof runExport>[0], runId: string) => {
      running.push(runExport(ctx, runId));
    },
  };
});
const settle = () => Promise.all(running.splice(0));

const storageDir = await mkdtemp(path.join(tmpdir(), "assay-api-exports-"));
vi.stubEnv("FILE_STORAGE", "local");
vi.stubEnv("FILE_STORAGE_DIR", storageDir);

const { POST: startRoute } = await import("@/app/api/v1/engagements/[engagementId]/exports/route");
const { GET: runRoute } = await import("@/app/api/v1/exports/[exportId]/route");
const { GET: downloadRoute } = await import("@/app/api/v1/exports/[exportId]/download/route");

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(storageDir, { recursive: true, force: true });
});

type RunBody = {
  data: { id: string; state: string; format: string; fileName: string | null; sha256: string };
  error: { code: string; fieldErrors?: Record<string, string[]> };
};
type Ctx = Parameters<typeof apiToken>[0];

const tokenOf = async (
  ctx: Ctx,
  options: { role?: "viewer" | "editor"; engagementIds?: string[] } = {},
) => (await apiToken(ctx, { role: "viewer", ...options })).secret;

async function start(secret: string, engagementId: string, json: unknown) {
  const response = await callApi(startRoute, "POST", "/api/v1/engagements/{engagementId}/exports", {
    secret,
    params: { engagementId },
    json,
  });
  return {
    status: response.status,
    location: response.headers.get("location"),
    body: response.body as RunBody,
  };
}

async function poll(secret: string, exportId: string) {
  const response = await callApi(runRoute, "GET", "/api/v1/exports/{exportId}", {
    secret,
    params: { exportId },
  });
  return { status: response.status, body: response.body as RunBody };
}

/** The download's Response itself (checked against the document), so the test can read its bytes. */
async function download(secret: string, exportId: string): Promise<Response> {
  const request = new NextRequest(`http://localhost/api/v1/exports/${exportId}/download`, {
    headers: { authorization: `Bearer ${secret}` },
  });
  const response = await downloadRoute(request, { params: Promise.resolve({ exportId }) });
  await expectResponseMatches("GET", "/api/v1/exports/{exportId}/download", response);
  return response;
}

async function engagementWithControl(owner: Ctx) {
  const engagement = await makeEngagement(owner);
  const control = await makeControl(owner, { status: "implemented" });
  await setControlMappings(owner, control.id, [criterion("CC6.1")], []);
  return engagement;
}

describe("exports through /api/v1", () => {
  it("starts an export (202 and its Location), polls it until done and downloads its file", async () => {
    const owner = await makeOrg();
    const engagement = await engagementWithControl(owner);
    // Exporting is open to viewers, as on the exports page.
    const secret = await tokenOf(owner);
    const started = await start(secret, engagement.id, { format: "json" });
    expect(started.status).toBe(202);
    expect(started.body.data).toMatchObject({ state: "running", format: "json" });
    expect(started.location).toBe(`/api/v1/exports/${started.body.data.id}`);
    const early = await download(secret, started.body.data.id);
    expect(early.status).toBe(409);
    await settle();
    const done = await poll(secret, started.body.data.id);
    expect(done.status).toBe(200);
    expect(done.body.data).toMatchObject({ state: "done" });
    const file = await download(secret, started.body.data.id);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/json");
    expect(file.headers.get("content-disposition")).toContain(
      `filename="${done.body.data.fileName}"`,
    );
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(done.body.data.sha256);
  });

  it("answers 400 with fieldErrors for an unknown format", async () => {
    const owner = await makeOrg();
    const engagement = await makeEngagement(owner);
    const bad = await start(await tokenOf(owner), engagement.id, { format: "docx" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fieldErrors).toHaveProperty("format");
  });

  it("answers 404 to another organisation and outside the token's engagements", async () => {
    const owner = await makeOrg();
    const engagement = await engagementWithControl(owner);
    const other = await makeEngagement(owner);
    const run = await startExport(owner, engagement.id, "json");
    const foreign = await tokenOf(await makeOrg(), { role: "editor" });
    const scoped = await tokenOf(owner, { engagementIds: [other.id] });
    for (const secret of [foreign, scoped]) {
      expect((await start(secret, engagement.id, { format: "json" })).status).toBe(404);
      expect((await poll(secret, run.id)).status).toBe(404);
      expect((await download(secret, run.id)).status).toBe(404);
    }
    expect(
      (await poll(await tokenOf(owner, { engagementIds: [engagement.id] }), run.id)).status,
    ).toBe(200);
  });
});
