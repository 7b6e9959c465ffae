import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { callApi } from "./api-contract";
import { apiToken } from "./api-token-fixture";
import { engagementInput, expectIntactLog, makeControl, makeEngagement, makeOrg } from "./helpers";

// POST /api/v1/controls/{controlId}/evidence/notes|links|files with real tokens, a private file
// store and the real database; every answer is checked against the OpenAPI document.

const storageDir = await mkdtemp(path.join(tmpdir(), "assay-api-evidence-"));
vi.stubEnv("FILE_STORAGE", "local");
vi.stubEnv("FILE_STORAGE_DIR", storageDir);
vi.stubEnv("MAX_UPLOAD_MB", "1");
const LIMIT = 1024 * 1024;

const { POST: postNote } = await import("@/app/api/v1/controls/[controlId]/evidence/notes/route");
const { POST: postLink } = await import("@/app/api/v1/controls/[controlId]/evidence/links/route");
const { POST: postFile } = await import("@/app/api/v1/controls/[controlId]/evidence/files/route");

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(storageDir, { recursive: true, force: true });
});

const NOTES = "/api/v1/controls/{controlId}/evidence/notes";
const LINKS = "/api/v1/controls/{controlId}/evidence/links";
const FILES = "/api/v1/controls/{controlId}/evidence/files";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

type Created = {
  data: {
    id: string;
    kind: string;
    controlIds: string[];
    file: { sha256: string; size: number; name: string; contentType: string } | null;
  };
};
type Failed = { error: { code: string; message: string; fieldErrors?: Record<string, string[]> } };

const note = (overrides: Record<string, unknown> = {}) => ({
  title: "Nightly backup restore test",
  purpose: "operating",
  effectiveDate: "2026-03-31",
  note: "Restored last night's backup into staging; 0 errors.",
  ...overrides,
});

async function editorSetup() {
  const owner = await makeOrg();
  const control = await makeControl(owner);
  const { secret, id } = await apiToken(owner, { role: "editor" });
  return { owner, control, secret, tokenId: id };
}

const evidenceCount = (ctx: OrgContext) =>
  getDb().evidence.count({ where: { organizationId: ctx.orgId } });

describe("POST /api/v1/controls/{controlId}/evidence/notes and /links", () => {
  it("adds a note and a link to the control, recorded under the token's name", async () => {
    const { owner, control, secret, tokenId } = await editorSetup();
    const other = await makeControl(owner);
    const made = await callApi(postNote, "POST", NOTES, {
      secret,
      params: { controlId: control.id },
      json: note({ alsoControlIds: [other.id] }),
    });
    expect(made.status).toBe(201);
    expect((made.body as Created).data).toMatchObject({
      kind: "note",
      controlIds: [control.id, other.id],
      file: null,
    });
    const link = await callApi(postLink, "POST", LINKS, {
      secret,
      params: { controlId: control.id },
      json: { ...note(), note: undefined, url: "https://ci.example.com/runs/412" },
    });
    expect(link.status).toBe(201);
    const stored = await getDb().evidence.findUniqueOrThrow({
      where: { id: (link.body as Created).data.id },
      select: { kind: true, url: true },
    });
    expect(stored).toEqual({ kind: "link", url: "https://ci.example.com/runs/412" });
    const logged = await getDb().activityLogEntry.findMany({
      where: { organizationId: owner.orgId, action: "evidence.added" },
      select: { apiTokenId: true },
    });
    expect(logged).toEqual([{ apiTokenId: tokenId }, { apiTokenId: tokenId }]);
    await expectIntactLog(owner);
  });

  it("says which field is wrong, in the error contract", async () => {
    const { control, secret } = await editorSetup();
    const bad = await callApi(postNote, "POST", NOTES, {
      secret,
      params: { controlId: control.id },
      json: note({ title: "", effectiveDate: "31/03/2026" }),
    });
    expect(bad.status).toBe(400);
    expect((bad.body as Failed).error.fieldErrors).toMatchObject({
      title: [expect.any(String)],
      effectiveDate: ["Enter a date as YYYY-MM-DD."],
    });
    const badLink = await callApi(postLink, "POST", LINKS, {
      secret,
      params: { controlId: control.id },
      json: { ...note(), url: "javascript:alert(1)" },
    });
    expect((badLink.body as Failed).error.fieldErrors?.url).toEqual([
      "Enter a web address starting with https:// or http://.",
    ]);
  });

  it("refuses viewer tokens (403) and answers 404 outside the organisation or the token's engagements", async () => {
    const { owner, control } = await editorSetup();
    const viewer = await apiToken(owner, { role: "viewer" });
    const refused = await callApi(postNote, "POST", NOTES, {
      secret: viewer.secret,
      params: { controlId: control.id },
      json: note(),
    });
    expect(refused.status).toBe(403);
    const engagement = await makeEngagement(owner, engagementInput());
    const scoped = await apiToken(owner, { role: "editor", engagementIds: [engagement.id] });
    const foreign = await makeControl(await makeOrg());
    const whole = await apiToken(owner, { role: "editor" });
    for (const [secret, controlId] of [
      [scoped.secret, control.id],
      [whole.secret, foreign.id],
      [whole.secret, "not-an-id"],
    ] as const) {
      const answer = await callApi(postNote, "POST", NOTES, {
        secret,
        params: { controlId },
        json: note(),
      });
      expect(answer.status, controlId).toBe(404);
      expect((answer.body as Failed).error.code).toBe("NOT_FOUND");
    }
    const sneaked = await callApi(postNote, "POST", NOTES, {
      secret: whole.secret,
      params: { controlId: control.id },
      json: note({ alsoControlIds: [foreign.id] }),
    });
    expect(sneaked.status).toBe(404);
    expect(await evidenceCount(owner)).toBe(0);
  });
});

describe("Idempotency-Key", () => {
  it("answers a retry with the first response and records one evidence item", async () => {
    const { owner, control, secret } = await editorSetup();
    const send = (json: unknown, key = "ci-run-412-backup") =>
      callApi(postNote, "POST", NOTES, {
        secret,
        params: { controlId: control.id },
        headers: { "idempotency-key": key },
        json,
      });
    const first = await send(note());
    const retry = await send(note());
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await evidenceCount(owner)).toBe(1);
    const changed = await send(note({ title: "Another run" }));
    expect(changed.status).toBe(409);
    expect((changed.body as Failed).error.fieldErrors?.["Idempotency-Key"]).toEqual([
      "This Idempotency-Key was already used with a different request.",
    ]);
    expect((await send(note(), "x".repeat(256))).status).toBe(400);
    expect(await evidenceCount(owner)).toBe(1);
  });

  it("creates one record when the same request arrives twice at once", async () => {
    const { owner, control, secret } = await editorSetup();
    const send = () =>
      callApi(postNote, "POST", NOTES, {
        secret,
        params: { controlId: control.id },
        headers: { "idempotency-key": "same-moment" },
        json: note(),
      });
    const answers = await Promise.all([send(), send(), send()]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(await evidenceCount(owner)).toBe(1);
  });

  it("lets a request that failed be retried with the same key", async () => {
    const { owner, control, secret } = await editorSetup();
    const send = (json: unknown) =>
      callApi(postNote, "POST", NOTES, {
        secret,
        params: { controlId: control.id },
        headers: { "idempotency-key": "fix-and-retry" },
        json,
      });
    expect((await send(note({ effectiveDate: "2999-01-01" }))).status).toBe(400);
    expect((await send(note())).status).toBe(201);
    expect(await evidenceCount(owner)).toBe(1);
  });
});

describe("POST /api/v1/controls/{controlId}/evidence/files", () => {
  const rawHeaders = (overrides: Record<string, string> = {}) => ({
    "content-type": "text/plain",
    "x-evidence-title": encodeURIComponent("Backup report — März"),
    "x-evidence-purpose": "operating",
    "x-evidence-effective-date": "2026-03-31",
    "x-evidence-file-name": encodeURIComponent("backup-märz.txt"),
    ...overrides,
  });

  it("stores a raw body by its SHA-256 with the metadata from its headers", async () => {
    const { owner, control, secret } = await editorSetup();
    const content = "backup ok: 1,204 objects, 0 errors\n";
    const answer = await callApi(postFile, "POST", FILES, {
      secret,
      params: { controlId: control.id },
      headers: rawHeaders(),
      body: content,
    });
    expect(answer.status).toBe(201);
    const data = (answer.body as Created).data;
    expect(data.file).toEqual({
      name: "backup-märz.txt",
      contentType: "text/plain",
      sha256: sha256(content),
      size: Buffer.byteLength(content),
      reused: false,
    });
    const stored = await getDb().evidence.findUniqueOrThrow({
      where: { id: data.id },
      select: { title: true, file: { select: { storageKey: true } } },
    });
    expect(stored.title).toBe("Backup report — März");
    expect(stored.file?.storageKey).toBe(
      `${owner.orgId}/${sha256(content).slice(0, 2)}/${sha256(content)}`,
    );
  });

  it("takes multipart with the fields first and the file last", async () => {
    const { control, secret } = await editorSetup();
    const form = new FormData();
    form.set("title", "Access review export");
    form.set("purpose", "design");
    form.set("effectiveDate", "2026-02-28");
    form.set("file", new File(["user,role\nana,admin\n"], "access.csv", { type: "text/csv" }));
    const answer = await callApi(postFile, "POST", FILES, {
      secret,
      params: { controlId: control.id },
      body: form,
    });
    expect(answer.status).toBe(201);
    expect((answer.body as Created).data.file).toMatchObject({
      name: "access.csv",
      contentType: "text/csv",
      sha256: sha256("user,role\nana,admin\n"),
    });
  });

  it("refuses bad metadata before storing a byte, and files over the limit", async () => {
    const { owner, control, secret } = await editorSetup();
    const before = await readdir(storageDir, { recursive: true });
    const missing = await callApi(postFile, "POST", FILES, {
      secret,
      params: { controlId: control.id },
      headers: rawHeaders({ "x-evidence-title": "" }),
      body: "some bytes",
    });
    expect(missing.status).toBe(400);
    const form = new FormData();
    form.set("file", new File(["bytes"], "early.txt"));
    form.set("title", "Fields after the file");
    const fileFirst = await callApi(postFile, "POST", FILES, {
      secret,
      params: { controlId: control.id },
      body: form,
    });
    expect(fileFirst.status).toBe(400);
    expect(await readdir(storageDir, { recursive: true })).toEqual(before);
    const large = await callApi(postFile, "POST", FILES, {
      secret,
      params: { controlId: control.id },
      headers: rawHeaders(),
      body: new Uint8Array(LIMIT + 1),
    });
    expect(large.status).toBe(413);
    expect(await evidenceCount(owner)).toBe(0);
  });

  it("makes a retried upload one evidence record, and refuses a viewer", async () => {
    const { owner, control, secret } = await editorSetup();
    const send = (body: string) =>
      callApi(postFile, "POST", FILES, {
        secret,
        params: { controlId: control.id },
        headers: rawHeaders({ "idempotency-key": "gh-run-9001-attempt" }),
        body,
      });
    const first = await send("report v1\n");
    const retry = await send("report v1\n");
    expect(retry.body).toEqual(first.body);
    expect(await evidenceCount(owner)).toBe(1);
    expect((await send("report v2\n")).status).toBe(409);
    const viewer = await apiToken(owner, { role: "viewer" });
    const refused = await callApi(postFile, "POST", FILES, {
      secret: viewer.secret,
      params: { controlId: control.id },
      headers: rawHeaders(),
      body: "report v1\n",
    });
    expect(refused.status).toBe(403);
    expect(await evidenceCount(owner)).toBe(1);
  });
});

describe("the README's curl upload", () => {
  it("works as written: its headers record one file for the control, also when retried", async () => {
    const { owner, control, secret } = await editorSetup();
    const readme = await readFile(path.join(process.cwd(), "README.md"), "utf8");
    const api = readme.slice(readme.indexOf("## API"));
    const block = api.slice(api.indexOf("```sh"), api.indexOf("```", api.indexOf("```sh") + 5));
    const today = new Date().toISOString().slice(0, 10);
    const expand = (text: string) =>
      text
        .replaceAll("$(date -u +%F)", today)
        .replaceAll("$ASSAY_TOKEN", secret)
        .replaceAll("$CONTROL_ID", control.id)
        .replaceAll("$ASSAY_URL", "http://localhost");
    const headers = Object.fromEntries(
      [...block.matchAll(/-H "([^:"]+): ([^"]*)"/g)].map((match) => [
        match[1]!.toLowerCase(),
        expand(match[2]!),
      ]),
    );
    expect(expand(block)).toContain(`/api/v1/controls/${control.id}/evidence/files`);
    expect(headers.authorization).toBe(`Bearer ${secret}`);
    const { authorization, ...rest } = headers;
    void authorization;
    const send = () =>
      callApi(postFile, "POST", FILES, {
        secret,
        params: { controlId: control.id },
        headers: rest,
        body: "%PDF-1.7 backup report",
      });
    expect((await send()).status).toBe(201);
    expect((await send()).status).toBe(201);
    const stored = await getDb().evidence.findMany({
      where: { organizationId: owner.orgId },
      select: { title: true, fileName: true, contentType: true, effectiveDate: true },
    });
    expect(stored).toEqual([
      {
        title: "Nightly backup restore test",
        fileName: "backup-report.pdf",
        contentType: "application/pdf",
        effectiveDate: today,
      },
    ]);
  });
});
