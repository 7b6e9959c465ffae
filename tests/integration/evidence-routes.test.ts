import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { addNoteEvidence } from "@/lib/db/evidence";
import {
  addMember,
  makeControl,
  makeOrg,
  makePopulationEvent,
  makeUser,
  noteEvidenceInput,
} from "./helpers";
import { signInAs } from "./signed-in";

// The evidence file routes called the way a browser (or a crafted request) would: raw bodies,
// query-string metadata, as the signed-in user of our choosing, against a private file store.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

// getBlobStore() reads the environment once, on first use: set it before any route runs.
const storageDir = await mkdtemp(path.join(tmpdir(), "assay-evidence-routes-"));
vi.stubEnv("FILE_STORAGE", "local");
vi.stubEnv("FILE_STORAGE_DIR", storageDir);
vi.stubEnv("MAX_UPLOAD_MB", "1");
const LIMIT = 1024 * 1024;

const { POST: upload } = await import("@/app/api/orgs/[orgSlug]/evidence/files/route");
const { GET: download } = await import("@/app/api/orgs/[orgSlug]/evidence/[evidenceId]/file/route");
const { GET: bySha } = await import("@/app/api/orgs/[orgSlug]/evidence/by-sha/[sha256]/route");
const { getBlobStore } = await import("@/lib/storage");

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(storageDir, { recursive: true, force: true });
});

const ORIGIN = "http://assay.test";
const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");
const bytesOf = (size: number, seed = 7): Uint8Array<ArrayBuffer> =>
  Uint8Array.from({ length: size }, (_, index) => (index * 31 + seed) % 256);

type Metadata = {
  controlIds?: string[];
  purpose?: string;
  title?: string;
  effectiveDate?: string;
  fileName?: string;
  eventId?: string;
};
type UploadOptions = { metadata?: Metadata; headers?: Record<string, string>; body?: BodyInit };

function uploadRequest(
  orgSlug: string,
  { metadata = {}, headers = {}, body }: UploadOptions,
): NextRequest {
  const url = new URL(`${ORIGIN}/api/orgs/${orgSlug}/evidence/files`);
  for (const controlId of metadata.controlIds ?? [])
    url.searchParams.append("controlIds", controlId);
  const { controlIds: _ids, ...single } = {
    purpose: "operating",
    title: "Q1 access review",
    effectiveDate: "2026-03-31",
    fileName: "review.pdf",
    ...metadata,
  };
  for (const [name, value] of Object.entries(single)) url.searchParams.set(name, value);
  return new NextRequest(url, {
    method: "POST",
    body,
    headers: { "content-type": "application/pdf", ...headers },
    duplex: "half",
  });
}

type UploadBody = { data: { id: string; sha256: string; size: number; reused: boolean } };
type ErrorBody = {
  error: { code: string; message: string; fieldErrors?: Record<string, string[]> };
};

const post = (request: NextRequest, orgSlug: string) =>
  upload(request, { params: Promise.resolve({ orgSlug }) });
const fetchFile = (orgSlug: string, evidenceId: string) =>
  download(new NextRequest(`${ORIGIN}/api/orgs/${orgSlug}/evidence/${evidenceId}/file`), {
    params: Promise.resolve({ orgSlug, evidenceId }),
  });
const findBySha = (orgSlug: string, digest: string) =>
  bySha(new NextRequest(`${ORIGIN}/api/orgs/${orgSlug}/evidence/by-sha/${digest}`), {
    params: Promise.resolve({ orgSlug, sha256: digest }),
  });

/** Every file under the store, temporary ones included, as paths relative to its root. */
async function filesOnDisk(): Promise<string[]> {
  const entries = await readdir(storageDir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(storageDir, path.join(entry.parentPath, entry.name)))
    .sort();
}

const tempFiles = async (): Promise<string[]> =>
  (await filesOnDisk()).filter((file) => file.startsWith(`tmp${path.sep}`));
const orgFiles = async (orgId: string): Promise<string[]> =>
  (await filesOnDisk()).filter((file) => file.startsWith(`${orgId}${path.sep}`));
const evidenceCount = (orgId: string) =>
  getDb().evidence.count({ where: { organizationId: orgId } });
const storedFileCount = (orgId: string) =>
  getDb().storedFile.count({ where: { organizationId: orgId } });

async function expectNothingStored(orgId: string): Promise<void> {
  expect(await orgFiles(orgId)).toEqual([]);
  expect(await tempFiles()).toEqual([]);
  expect(await evidenceCount(orgId)).toBe(0);
  expect(await storedFileCount(orgId)).toBe(0);
}

async function expectError(
  response: Response,
  status: number,
  code: string,
): Promise<ErrorBody["error"]> {
  expect(response.status).toBe(status);
  const { error } = (await response.json()) as ErrorBody;
  expect(error.code).toBe(code);
  return error;
}

/** An owner signed in to a new organisation with one control. */
async function signedInOwner(): Promise<{ ctx: OrgContext; controlId: string }> {
  const owner = await makeUser();
  const ctx = await makeOrg(owner);
  const { id: controlId } = await makeControl(ctx, { ref: "AC-01" });
  signInAs(owner);
  return { ctx, controlId };
}

async function uploaded(
  ctx: OrgContext,
  controlId: string,
  bytes: Uint8Array<ArrayBuffer>,
  metadata: Metadata = {},
): Promise<UploadBody["data"]> {
  const response = await post(
    uploadRequest(ctx.orgSlug, {
      metadata: { controlIds: [controlId], ...metadata },
      body: bytes,
      headers: { "content-length": String(bytes.byteLength) },
    }),
    ctx.orgSlug,
  );
  expect(response.status).toBe(201);
  return ((await response.json()) as UploadBody).data;
}

/** A body that yields `chunks` chunks of `chunkSize` bytes, then fails or ends; counts the reads. */
function streamedBody(
  chunkSize: number,
  chunks: number,
  failAfter?: number,
): { stream: ReadableStream<Uint8Array>; reads: () => number } {
  let reads = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (failAfter !== undefined && reads === failAfter)
          return controller.error(new Error("connection reset by peer"));
        if (reads === chunks) return controller.close();
        reads += 1;
        controller.enqueue(bytesOf(chunkSize, reads));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, reads: () => reads };
}

/** The streams the store hands out for downloads, as they are opened. */
function watchStoreReads(): Readable[] {
  const store = getBlobStore();
  const get = store.get.bind(store);
  const opened: Readable[] = [];
  vi.spyOn(store, "get").mockImplementation(async (key) => {
    const stream = await get(key);
    opened.push(stream);
    return stream;
  });
  return opened;
}

beforeEach(() => {
  signInAs(null);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("uploading evidence files", () => {
  it("stores the bytes under their SHA-256 and records the file with its real hash and size", async () => {
    const { ctx, controlId } = await signedInOwner();
    const bytes = bytesOf(300_000);

    const response = await post(
      uploadRequest(ctx.orgSlug, {
        metadata: { controlIds: [controlId] },
        body: bytes,
        headers: { "content-type": "application/pdf; charset=binary" },
      }),
      ctx.orgSlug,
    );

    expect(response.status).toBe(201);
    const { data } = (await response.json()) as UploadBody;
    expect(data).toEqual({
      id: expect.any(String),
      sha256: sha256(bytes),
      size: 300_000,
      reused: false,
    });
    const evidence = await getDb().evidence.findUniqueOrThrow({
      where: { id: data.id },
      select: {
        organizationId: true,
        kind: true,
        fileName: true,
        contentType: true,
        file: { select: { sha256: true, size: true, storageKey: true } },
        controls: { select: { controlId: true } },
      },
    });
    expect(evidence).toEqual({
      organizationId: ctx.orgId,
      kind: "file",
      fileName: "review.pdf",
      contentType: "application/pdf",
      file: {
        sha256: sha256(bytes),
        size: 300_000,
        storageKey: `${ctx.orgId}/${sha256(bytes).slice(0, 2)}/${sha256(bytes)}`,
      },
      controls: [{ controlId }],
    });
    expect(await orgFiles(ctx.orgId)).toEqual([
      path.join(ctx.orgId, sha256(bytes).slice(0, 2), sha256(bytes)),
    ]);
    expect(await tempFiles()).toEqual([]);
  });

  it("accepts a file of exactly the limit", async () => {
    const { ctx, controlId } = await signedInOwner();
    const bytes = bytesOf(LIMIT);

    expect(await uploaded(ctx, controlId, bytes)).toMatchObject({
      sha256: sha256(bytes),
      size: LIMIT,
    });
  });

  it("keeps the same file once, reports the reuse, and finds the evidence holding it by SHA-256", async () => {
    const { ctx, controlId } = await signedInOwner();
    const second = await makeControl(ctx, { ref: "AC-02" });
    const bytes = bytesOf(5000);

    const first = await uploaded(ctx, controlId, bytes, { title: "First upload" });
    const again = await uploaded(ctx, second.id, bytes, { title: "Second upload" });

    expect(first.reused).toBe(false);
    expect(again).toMatchObject({ sha256: first.sha256, size: 5000, reused: true });
    expect(again.id).not.toBe(first.id);
    expect(await storedFileCount(ctx.orgId)).toBe(1);
    expect(await orgFiles(ctx.orgId)).toHaveLength(1);

    const response = await findBySha(ctx.orgSlug, first.sha256);
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as {
      data: { id: string; title: string; fileName: string | null; controls: string[] }[];
    };
    expect(data).toContainEqual({
      id: first.id,
      title: "First upload",
      fileName: "review.pdf",
      controls: ["AC-01"],
      version: 0,
    });
    expect(data.map((row) => row.id).sort()).toEqual([first.id, again.id].sort());
  });

  it("refuses a declared Content-Length over the limit before reading the body", async () => {
    const { ctx, controlId } = await signedInOwner();
    const { stream, reads } = streamedBody(64 * 1024, 20);
    const request = uploadRequest(ctx.orgSlug, {
      metadata: { controlIds: [controlId] },
      body: stream,
      headers: { "content-length": String(LIMIT + 1) },
    });

    const error = await expectError(await post(request, ctx.orgSlug), 413, "TOO_LARGE");

    expect(error.message).toBe("The file is larger than the 1 MB limit.");
    expect(reads()).toBe(0);
    await expectNothingStored(ctx.orgId);
  });

  it("refuses a body over the limit that declares no length, keeping no part of it", async () => {
    const { ctx, controlId } = await signedInOwner();

    const response = await post(
      uploadRequest(ctx.orgSlug, {
        metadata: { controlIds: [controlId] },
        body: bytesOf(LIMIT + 1),
      }),
      ctx.orgSlug,
    );

    const error = await expectError(response, 413, "TOO_LARGE");
    expect(error.message).toBe("The file is larger than the 1 MB limit.");
    await expectNothingStored(ctx.orgId);
  });

  it("stops reading a streamed body soon after it passes the limit", async () => {
    const { ctx, controlId } = await signedInOwner();
    const { stream, reads } = streamedBody(64 * 1024, 100);

    await expectError(
      await post(
        uploadRequest(ctx.orgSlug, { metadata: { controlIds: [controlId] }, body: stream }),
        ctx.orgSlug,
      ),
      413,
      "TOO_LARGE",
    );

    // 17 chunks of 64 KiB pass 1 MiB; a 6.25 MiB body is never read to the end.
    expect(reads()).toBeGreaterThanOrEqual(17);
    expect(reads()).toBeLessThan(40);
    await expectNothingStored(ctx.orgId);
  });

  it("answers with an error and keeps nothing when the body fails halfway", async () => {
    const { ctx, controlId } = await signedInOwner();
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { stream } = streamedBody(64 * 1024, 10, 4);

    const response = await post(
      uploadRequest(ctx.orgSlug, { metadata: { controlIds: [controlId] }, body: stream }),
      ctx.orgSlug,
    );

    const error = await expectError(response, 400, "VALIDATION");
    expect(error.message).toBe(
      "The upload was interrupted before it finished. Nothing was saved; please try again.",
    );
    expect(logged).toHaveBeenCalled();
    await expectNothingStored(ctx.orgId);
  });

  it("keeps only the last part of a file name with path tricks", async () => {
    const { ctx, controlId } = await signedInOwner();

    const { id } = await uploaded(ctx, controlId, bytesOf(100), { fileName: "../../etc/passwd" });

    expect(
      await getDb().evidence.findUniqueOrThrow({ where: { id }, select: { fileName: true } }),
    ).toEqual({ fileName: "passwd" });
    const response = await fetchFile(ctx.orgSlug, id);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="passwd"; filename*=UTF-8''passwd`,
    );
    await response.arrayBuffer();
  });

  it("keeps a non-ASCII name, with an ASCII fallback for old clients", async () => {
    const { ctx, controlId } = await signedInOwner();

    const { id } = await uploaded(ctx, controlId, bytesOf(100), {
      fileName: 'revisión "final".pdf',
    });

    const response = await fetchFile(ctx.orgSlug, id);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="revisi_n _final_.pdf"; filename*=UTF-8''revisi%C3%B3n%20%22final%22.pdf`,
    );
    await response.arrayBuffer();
  });

  it("refuses an empty file and records nothing", async () => {
    const { ctx, controlId } = await signedInOwner();

    const error = await expectError(
      await post(
        uploadRequest(ctx.orgSlug, {
          metadata: { controlIds: [controlId] },
          body: new Uint8Array(0),
        }),
        ctx.orgSlug,
      ),
      400,
      "VALIDATION",
    );

    expect(error.message).toBe("The file is empty.");
    expect(await evidenceCount(ctx.orgId)).toBe(0);
    expect(await storedFileCount(ctx.orgId)).toBe(0);
    // Not even an empty object in storage for the orphan sweep to find later.
    const files = await readdir(path.join(storageDir, ctx.orgId), { recursive: true }).catch(
      () => [],
    );
    expect(files).toEqual([]);
  });

  it("answers not found for another organisation's control and records nothing", async () => {
    const theirs = await makeOrg();
    const { id: theirControl } = await makeControl(theirs);
    const { ctx } = await signedInOwner();

    await expectError(
      await post(
        uploadRequest(ctx.orgSlug, { metadata: { controlIds: [theirControl] }, body: bytesOf(10) }),
        ctx.orgSlug,
      ),
      404,
      "NOT_FOUND",
    );

    // The bytes are not stored either (found by the fuzz suite: they were left on disk).
    await expectNothingStored(ctx.orgId);
    expect(await evidenceCount(theirs.orgId)).toBe(0);
  });

  it("refuses an event of another control before storing the bytes", async () => {
    const { ctx, controlId } = await signedInOwner();
    const other = await makeControl(ctx, { ref: "AC-02", frequency: "event_driven" });
    const event = await makePopulationEvent(ctx, other.id);

    const error = await expectError(
      await post(
        uploadRequest(ctx.orgSlug, {
          metadata: { controlIds: [controlId], eventId: event.id },
          body: bytesOf(10),
        }),
        ctx.orgSlug,
      ),
      400,
      "VALIDATION",
    );

    expect(error.fieldErrors?.eventId).toBeDefined();
    await expectNothingStored(ctx.orgId);
  });
});

describe("who may upload", () => {
  it("refuses a viewer without reading the body", async () => {
    const ctx = await makeOrg();
    const { id: controlId } = await makeControl(ctx);
    signInAs((await addMember(ctx, "viewer")).user);
    const { stream, reads } = streamedBody(1024, 4);
    const request = uploadRequest(ctx.orgSlug, {
      metadata: { controlIds: [controlId] },
      body: stream,
    });

    await expectError(await post(request, ctx.orgSlug), 403, "FORBIDDEN");

    expect(reads()).toBe(0);
    expect(request.bodyUsed).toBe(false);
    await expectNothingStored(ctx.orgId);
  });

  it("answers not found to someone outside the organisation", async () => {
    const ctx = await makeOrg();
    const { id: controlId } = await makeControl(ctx);
    signInAs(await makeUser());

    await expectError(
      await post(
        uploadRequest(ctx.orgSlug, { metadata: { controlIds: [controlId] }, body: bytesOf(10) }),
        ctx.orgSlug,
      ),
      404,
      "NOT_FOUND",
    );
    await expectNothingStored(ctx.orgId);
  });

  it("asks a signed-out caller to sign in", async () => {
    const ctx = await makeOrg();
    const { id: controlId } = await makeControl(ctx);

    await expectError(
      await post(
        uploadRequest(ctx.orgSlug, { metadata: { controlIds: [controlId] }, body: bytesOf(10) }),
        ctx.orgSlug,
      ),
      401,
      "UNAUTHENTICATED",
    );
    await expectNothingStored(ctx.orgId);
  });

  it("refuses a cross-origin post, even from the owner", async () => {
    const { ctx, controlId } = await signedInOwner();
    const request = uploadRequest(ctx.orgSlug, {
      metadata: { controlIds: [controlId] },
      body: bytesOf(10),
      headers: { origin: "https://evil.example" },
    });

    const error = await expectError(await post(request, ctx.orgSlug), 403, "FORBIDDEN");

    expect(error.message).toBe("Cross-origin requests are not allowed.");
    expect(request.bodyUsed).toBe(false);
    await expectNothingStored(ctx.orgId);
  });

  it("returns field errors for bad metadata and stores nothing", async () => {
    const { ctx } = await signedInOwner();
    const request = uploadRequest(ctx.orgSlug, {
      metadata: { controlIds: [], effectiveDate: "2026-02-30" },
      body: bytesOf(10),
    });

    const error = await expectError(await post(request, ctx.orgSlug), 400, "VALIDATION");

    expect(error.fieldErrors).toEqual({
      controlIds: ["Link the evidence to at least one control."],
      effectiveDate: ["Enter a date as YYYY-MM-DD."],
    });
    expect(request.bodyUsed).toBe(false);
    await expectNothingStored(ctx.orgId);
  });
});

describe("downloading evidence files", () => {
  it("sends the stored bytes unchanged, as an attachment of the stored type that must not be sniffed", async () => {
    const { ctx, controlId } = await signedInOwner();
    const bytes = bytesOf(200_000);
    const { id } = await uploaded(ctx, controlId, bytes, { fileName: "Q1 review.pdf" });

    const response = await fetchFile(ctx.orgSlug, id);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="Q1 review\.pdf"/,
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-length")).toBe("200000");
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it("lets a viewer download", async () => {
    const { ctx, controlId } = await signedInOwner();
    const bytes = bytesOf(1000);
    const { id } = await uploaded(ctx, controlId, bytes);
    signInAs((await addMember(ctx, "viewer")).user);

    const response = await fetchFile(ctx.orgSlug, id);

    expect(response.status).toBe(200);
    expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(sha256(bytes));
  });

  it("fails the download rather than deliver a file altered on disk", async () => {
    const { ctx, controlId } = await signedInOwner();
    const bytes = bytesOf(100_000);
    const { id, sha256: digest } = await uploaded(ctx, controlId, bytes);
    const altered = Buffer.from(bytes);
    altered[50_000] = (altered[50_000] ?? 0) ^ 0xff;
    await writeFile(path.join(storageDir, ctx.orgId, digest.slice(0, 2), digest), altered);
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);

    const response = await fetchFile(ctx.orgSlug, id);

    await expect(response.arrayBuffer()).rejects.toThrow();
    expect(logged).toHaveBeenCalledWith(expect.stringContaining(`expected ${digest}`));
  });

  it("fails the download when the stored file cannot be read to the end", async () => {
    const { ctx, controlId } = await signedInOwner();
    const { id } = await uploaded(ctx, controlId, bytesOf(1000));
    async function* brokenDisk(): AsyncGenerator<Buffer> {
      yield Buffer.from(bytesOf(500));
      throw new Error("EIO: i/o error, read");
    }
    vi.spyOn(getBlobStore(), "get").mockResolvedValue(Readable.from(brokenDisk()));

    const response = await fetchFile(ctx.orgSlug, id);

    await expect(response.arrayBuffer()).rejects.toThrow();
  });

  it("closes the stored file when the client cancels the download", async () => {
    const { ctx, controlId } = await signedInOwner();
    const { id } = await uploaded(ctx, controlId, bytesOf(LIMIT));
    const opened = watchStoreReads();

    const response = await fetchFile(ctx.orgSlug, id);
    const reader = response.body?.getReader();
    if (!reader) throw new Error("the download has no body");
    await reader.read();
    await reader.cancel();

    expect(opened).toHaveLength(1);
    await vi.waitFor(() => expect(opened[0]?.destroyed).toBe(true));
  });

  it("answers not found for another organisation's evidence, for outsiders, and asks signed-out callers to sign in", async () => {
    const { ctx: theirs, controlId } = await signedInOwner();
    const { id } = await uploaded(theirs, controlId, bytesOf(100));
    const mine = await signedInOwner();

    await expectError(await fetchFile(mine.ctx.orgSlug, id), 404, "NOT_FOUND");
    await expectError(await fetchFile(theirs.orgSlug, id), 404, "NOT_FOUND");
    const noteId = (await addNoteEvidence(mine.ctx, noteEvidenceInput([mine.controlId]))).id;
    await expectError(await fetchFile(mine.ctx.orgSlug, noteId), 404, "NOT_FOUND");
    signInAs(null);
    await expectError(await fetchFile(theirs.orgSlug, id), 401, "UNAUTHENTICATED");
  });
});

describe("finding evidence by SHA-256", () => {
  it("never shows another organisation's files and rejects what is not a digest", async () => {
    const { ctx: theirs, controlId } = await signedInOwner();
    const { sha256: digest } = await uploaded(theirs, controlId, bytesOf(100));
    const mine = await signedInOwner();

    const response = await findBySha(mine.ctx.orgSlug, digest);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: [] });
    await expectError(await findBySha(theirs.orgSlug, digest), 404, "NOT_FOUND");
    await expectError(await findBySha(mine.ctx.orgSlug, "not-a-digest"), 400, "VALIDATION");
  });
});
