import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { setControlMappings } from "@/lib/db/mappings";
import { callApi } from "./api-contract";
import { apiToken } from "./api-token-fixture";
import { criterion, engagementInput, makeControl, makeEngagement, makeOrg } from "./helpers";

// Probes of /api/v1 as an attacker would send them (issue #15's review).

const storageDir = await mkdtemp(path.join(tmpdir(), "assay-api-review-"));
vi.stubEnv("FILE_STORAGE", "local");
vi.stubEnv("FILE_STORAGE_DIR", storageDir);
vi.stubEnv("MAX_UPLOAD_MB", "1");

const { POST: postNote } = await import("@/app/api/v1/controls/[controlId]/evidence/notes/route");
const { POST: postFile } = await import("@/app/api/v1/controls/[controlId]/evidence/files/route");

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(storageDir, { recursive: true, force: true });
});

const NOTES = "/api/v1/controls/{controlId}/evidence/notes";
const FILES = "/api/v1/controls/{controlId}/evidence/files";

const note = (overrides: Record<string, unknown> = {}) => ({
  title: "Nightly backup restore test",
  purpose: "operating",
  effectiveDate: "2026-03-31",
  note: "Restored.",
  ...overrides,
});

const evidenceCount = (orgId: string) =>
  getDb().evidence.count({ where: { organizationId: orgId } });

const storedFiles = async () =>
  (await readdir(storageDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));

describe("a token limited to engagements", () => {
  it("cannot link evidence to a control outside them through alsoControlIds", async () => {
    const owner = await makeOrg();
    const engagement = await makeEngagement(owner, engagementInput());
    const inside = await makeControl(owner);
    await setControlMappings(owner, inside.id, [criterion("CC6.1")], []);
    const outside = await makeControl(owner);
    const scoped = await apiToken(owner, { role: "editor", engagementIds: [engagement.id] });
    const answer = await callApi(postNote, "POST", NOTES, {
      secret: scoped.secret,
      params: { controlId: inside.id },
      json: note({ alsoControlIds: [outside.id] }),
    });
    expect(answer.status).toBe(404);
    const raw = await callApi(postFile, "POST", FILES, {
      secret: scoped.secret,
      params: { controlId: inside.id },
      headers: {
        "content-type": "text/plain",
        "x-evidence-title": "Report",
        "x-evidence-purpose": "operating",
        "x-evidence-effective-date": "2026-03-31",
        "x-evidence-also-control-ids": outside.id,
      },
      body: "bytes",
    });
    expect(raw.status).toBe(404);
    expect(await evidenceCount(owner.orgId)).toBe(0);
  });
});

/** A multipart body sent in pieces; `end` says how the stream stops after them. */
function multipartRequest(
  secret: string,
  controlId: string,
  pieces: string[],
  end: "close" | "error",
): NextRequest {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      if (end === "close") controller.close();
      else controller.error(new Error("client went away"));
    },
  });
  return new NextRequest(`http://localhost/api/v1/controls/${controlId}/evidence/files`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${secret}`,
      "content-type": "multipart/form-data; boundary=XyZ",
    },
    body,
    duplex: "half",
  });
}

const field = (name: string, value: string) =>
  `--XyZ\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const fileStart = `--XyZ\r\nContent-Disposition: form-data; name="file"; filename="r.txt"\r\nContent-Type: text/plain\r\n\r\n`;
const fields = [
  field("title", "Report"),
  field("purpose", "operating"),
  field("effectiveDate", "2026-03-31"),
];

describe("a multipart upload cut short", () => {
  const otherStart = fileStart.replace('name="file"', 'name="attachment"');
  for (const [label, start, end] of [
    ["the body ends inside the file", fileStart, "close"],
    ["the client goes away inside the file", fileStart, "error"],
    ["the body ends inside a part that is not the file", otherStart, "close"],
  ] as const) {
    it(`answers 400 and leaves nothing stored when ${label}`, async () => {
      const owner = await makeOrg();
      const control = await makeControl(owner);
      const { secret } = await apiToken(owner, { role: "editor" });
      const before = await storedFiles();
      const response = await postFile(
        multipartRequest(secret, control.id, [...fields, start, "half a rep"], end),
        { params: Promise.resolve({ controlId: control.id }) },
      );
      expect(response.status).toBe(400);
      // The store's write was stopped and undone before the answer was sent.
      expect(await storedFiles()).toEqual(before);
      expect(await evidenceCount(owner.orgId)).toBe(0);
    });
  }
});

describe("Idempotency-Key across tokens", () => {
  it("is another token's own key: the same key and body from a second token records its own item", async () => {
    const owner = await makeOrg();
    const control = await makeControl(owner);
    const first = await apiToken(owner, { role: "editor" });
    const second = await apiToken(owner, { role: "editor" });
    const send = (secret: string) =>
      callApi(postNote, "POST", NOTES, {
        secret,
        params: { controlId: control.id },
        headers: { "idempotency-key": "ci-run-1" },
        json: note(),
      });
    const one = await send(first.secret);
    const two = await send(second.secret);
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(two.headers.get("idempotent-replayed")).toBeNull();
    expect(await evidenceCount(owner.orgId)).toBe(2);
  });
});
