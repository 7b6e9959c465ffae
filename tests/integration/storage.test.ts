import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createServer, type AddressInfo, type Socket } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { BlobStore } from "@/lib/storage/blob-store";
import { createBlobStore, maxUploadBytes } from "@/lib/storage";
import { LocalBlobStore } from "@/lib/storage/local-store";
import { sweepOrphans } from "@/lib/storage/orphans";
import { LazyS3BlobStore } from "@/lib/storage/lazy-s3-store";
import { s3ConfigFromEnv, type S3StoreConfig } from "@/lib/storage/s3-config";
import { S3BlobStore } from "@/lib/storage/s3-store";

// One behaviour suite, run against files on disk and against an S3 API (s3rver, in process).
// No database involved.

// The SDK warns once per process that its 2027 releases will need Node 22; the lockfile pins it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const MB = 1024 * 1024;
const BUCKET = "assay-test";
const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
const ORG = "corg1abc";
const OTHER_ORG = "corg2xyz";

interface Backend {
  store: BlobStore;
  /** Every object that exists underneath the store, temporary ones included. */
  rawKeys(): Promise<string[]>;
  /** Writes an object directly, bypassing the store. */
  plant(key: string, body: string): Promise<void>;
}

let workDir = "";
let s3rver: S3rver | undefined;
let endpoint = "";

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), "assay-storage-"));
  s3rver = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: path.join(workDir, "s3rver"),
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  const { port } = await s3rver.run();
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await s3rver?.close();
  await rm(workDir, { recursive: true, force: true });
});

async function localBackend(): Promise<Backend> {
  const root = await mkdtemp(path.join(workDir, "local-"));
  return {
    store: new LocalBlobStore(root),
    async rawKeys() {
      const entries = await readdir(root, { recursive: true });
      const files: string[] = [];
      for (const entry of entries) {
        if ((await stat(path.join(root, entry))).isFile())
          files.push(entry.split(path.sep).join("/"));
      }
      return files.sort();
    },
    async plant(key, body) {
      await mkdir(path.dirname(path.join(root, key)), { recursive: true });
      await writeFile(path.join(root, key), body);
    },
  };
}

async function s3Backend(): Promise<Backend> {
  return s3BackendWith((config) => new S3BlobStore(config));
}

/** The S3 store as createBlobStore makes it: the SDK loaded on first use. */
async function lazyS3Backend(): Promise<Backend> {
  return s3BackendWith((config) => new LazyS3BlobStore(config));
}

async function s3BackendWith(make: (config: S3StoreConfig) => BlobStore): Promise<Backend> {
  const prefix = `run-${randomUUID()}/`;
  const client = new S3Client({
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: CREDENTIALS,
  });
  return {
    store: make({
      bucket: BUCKET,
      region: "us-east-1",
      endpoint,
      credentials: CREDENTIALS,
      forcePathStyle: true,
      prefix,
      requestTimeoutMs: 30_000,
    }),
    async rawKeys() {
      const page = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
      return (page.Contents ?? []).map((object) => (object.Key ?? "").slice(prefix.length)).sort();
    },
    async plant(key, body) {
      await client.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}${key}`, Body: body }),
      );
    },
  };
}

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/** `total` random bytes in 1 MB chunks, generated as they are read; optionally failing after `failAfter`. */
function generated(total: number, failAfter = Infinity): Readable {
  return Readable.from(
    (async function* () {
      for (let sent = 0; sent < total; sent += MB) {
        if (sent >= failAfter) throw new Error("connection reset by peer");
        yield randomBytes(Math.min(MB, total - sent));
      }
    })(),
  );
}

async function keysOf(entries: AsyncIterable<{ key: string }>): Promise<string[]> {
  const keys: string[] = [];
  for await (const { key } of entries) keys.push(key);
  return keys.sort();
}

/** Waits for the next whole second: objects written before it are older on every backend. */
async function secondBoundary(): Promise<Date> {
  const boundary = Math.ceil((Date.now() + 1) / 1000) * 1000;
  await new Promise((resolve) => setTimeout(resolve, boundary - Date.now() + 20));
  return new Date(boundary);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("expected a rejection"),
    (error: unknown) => error,
  );
}

describe.each([
  { name: "local disk", create: localBackend },
  { name: "S3 (s3rver)", create: s3Backend },
  { name: "S3 loaded on first use (s3rver)", create: lazyS3Backend },
])("$name blob store", ({ create }) => {
  let backend: Backend;
  let store: BlobStore;
  beforeEach(async () => {
    backend = await create();
    store = backend.store;
  });

  it("stores a Node stream and a web stream byte for byte, under the org and SHA-256", async () => {
    const bytes = randomBytes(200_000);
    const stored = await store.putStream(
      ORG,
      Readable.from([bytes.subarray(0, 70_000), bytes.subarray(70_000)]),
      MB,
    );
    const hash = sha256(bytes);
    expect(stored).toEqual({
      sha256: hash,
      size: bytes.length,
      key: `${ORG}/${hash.slice(0, 2)}/${hash}`,
    });
    // Buffer.equals: toEqual compares 200 000 elements one by one and takes seconds.
    expect((await buffer(await store.get(stored.key))).equals(bytes)).toBe(true);
    expect(await store.exists(stored.key)).toBe(true);

    const text = new TextEncoder().encode("minutes of the access review");
    const web = new ReadableStream<Uint8Array>({
      start: (controller) => (controller.enqueue(text), controller.close()),
    });
    const fromWeb = await store.putStream(OTHER_ORG, web, MB);
    expect(fromWeb.sha256).toBe(sha256(text));
    expect((await buffer(await store.get(fromWeb.key))).toString()).toBe(
      "minutes of the access review",
    );
    expect(await backend.rawKeys()).toEqual([stored.key, fromWeb.key].sort());
  });

  it("stores the same content once, under the same key", async () => {
    const first = await store.putStream(ORG, Readable.from([Buffer.from("policy v3")]), MB);
    const second = await store.putStream(
      ORG,
      Readable.from([Buffer.from("policy"), Buffer.from(" v3")]),
      MB,
    );
    expect(second).toEqual(first);
    expect(await backend.rawKeys()).toEqual([first.key]);
  });

  it("accepts a file of exactly the limit", async () => {
    const stored = await store.putStream(ORG, Readable.from([Buffer.alloc(1000, 7)]), 1000);
    expect(stored.size).toBe(1000);
  });

  it("refuses a 30 MB stream over a 25 MB limit and leaves nothing behind", async () => {
    const error = await rejection(store.putStream(ORG, generated(30 * MB), 25 * MB));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "TOO_LARGE",
      message: "The file is larger than the 25 MB limit.",
    });
    expect(await backend.rawKeys()).toEqual([]);
  });

  it.each([
    { label: "early", failAfter: 2 * MB },
    { label: "after several parts", failAfter: 11 * MB },
  ])("rejects a stream that fails $label and leaves nothing behind", async ({ failAfter }) => {
    const error = await rejection(store.putStream(ORG, generated(16 * MB, failAfter), 25 * MB));
    expect(error).toMatchObject({ message: "connection reset by peer" });
    expect(await backend.rawKeys()).toEqual([]);
  });

  it("refuses an empty stream and leaves nothing behind, not even the empty object", async () => {
    const error = await rejection(store.putStream(ORG, Readable.from([]), MB));
    expect(error).toMatchObject({ code: "VALIDATION", message: "The file is empty." });
    expect(await backend.rawKeys()).toEqual([]);
  });

  it("rejects a web stream that errors and leaves nothing behind", async () => {
    let pulls = 0;
    const web = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (++pulls > 3) controller.error(new Error("client went away"));
        else controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    expect(await rejection(store.putStream(ORG, web, MB))).toMatchObject({
      message: "client went away",
    });
    expect(await backend.rawKeys()).toEqual([]);
  });

  it("reads a small object whole, refusing one longer than expected after reading one byte more", async () => {
    const bytes = randomBytes(70_000);
    const stored = await store.putStream(ORG, Readable.from([bytes]), MB);
    expect((await store.getBytes(stored.key, bytes.length)).equals(bytes)).toBe(true);
    expect((await store.getBytes(stored.key, MB)).equals(bytes)).toBe(true);
    expect(await rejection(store.getBytes(stored.key, bytes.length - 1))).toMatchObject({
      code: "TOO_LARGE",
    });
  });

  it("answers NOT_FOUND for a missing file, and false from exists", async () => {
    const key = `${ORG}/ab/${"ab".padEnd(64, "0")}`;
    expect(await rejection(store.get(key))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection(store.getBytes(key, 100))).toMatchObject({ code: "NOT_FOUND" });
    expect(await store.exists(key)).toBe(false);
    expect(await store.delete(key)).toBe(false);
  });

  it("rejects keys and organisation ids that are not the content-addressed shape", async () => {
    const hash = sha256(Buffer.from("x"));
    const bad = [
      "../etc/passwd",
      `${ORG}/../../${hash}`,
      `../${hash.slice(0, 2)}/${hash}`,
      `/${ORG}/${hash.slice(0, 2)}/${hash}`,
      `${ORG}/ff/${hash.replace(/^../, "ab")}`,
      `${ORG}/${hash.slice(0, 2)}/${hash.toUpperCase()}`,
      `CORG/${hash.slice(0, 2)}/${hash}`,
      `tmp/${hash.slice(0, 2)}/${hash}`,
      `${ORG}\\${hash.slice(0, 2)}\\${hash}`,
      `${ORG}/${hash.slice(0, 2)}/${hash}\n`,
      `tmp/${randomUUID()}`,
      "",
    ];
    for (const key of bad) {
      expect(await rejection(store.get(key)), key).toMatchObject({ code: "VALIDATION" });
      expect(await rejection(store.exists(key)), key).toMatchObject({ code: "VALIDATION" });
      expect(await rejection(store.delete(key)), key).toMatchObject({ code: "VALIDATION" });
    }
    for (const orgId of ["../x", "tmp", "Org", "", "a/b"]) {
      expect(
        await rejection(store.putStream(orgId, Readable.from(["x"]), MB)),
        orgId,
      ).toMatchObject({ code: "VALIDATION" });
    }
    expect(await rejection(store.deleteTemp(`${ORG}/${hash.slice(0, 2)}/${hash}`))).toMatchObject({
      code: "VALIDATION",
    });
    expect(await rejection(store.deleteTemp("tmp/../x"))).toMatchObject({ code: "VALIDATION" });
  });

  it("lists final keys only, and temporary objects separately", async () => {
    const a = await store.putStream(ORG, Readable.from(["a"]), MB);
    const b = await store.putStream(OTHER_ORG, Readable.from(["b"]), MB);
    const temp = `tmp/${randomUUID()}`;
    await backend.plant(temp, "half an upload");
    await backend.plant("notes.txt", "not ours");
    expect(await keysOf(store.listKeys())).toEqual([a.key, b.key].sort());
    expect(await keysOf(store.listTemp())).toEqual([temp]);
    await store.deleteTemp(temp);
    expect(await keysOf(store.listTemp())).toEqual([]);
  });

  it("keeps checkpoints by name per organisation, written once, never listed as files nor swept", async () => {
    const file = await store.putStream(ORG, Readable.from(["evidence"]), MB);
    const key = `${ORG}/checkpoints/0000000007-daily.json`;
    expect(
      await store.putCheckpoint(ORG, "0000000007-daily.json", Buffer.from('{"seq":7}')),
    ).toEqual({ key, written: true });
    // A second write of the name (a forged row checkpointed again) leaves the first in place.
    expect(
      await store.putCheckpoint(
        ORG,
        "0000000007-daily.json",
        Buffer.from('{"seq":7,"forged":true}'),
      ),
    ).toEqual({ key, written: false });
    const { key: other } = await store.putCheckpoint(
      OTHER_ORG,
      "0000000003-export-run1.json",
      Buffer.from("{}"),
    );

    expect((await store.getCheckpoint(key, 1024)).toString()).toBe('{"seq":7}');
    expect(await keysOf(store.listCheckpoints(ORG))).toEqual([key]);
    expect(await keysOf(store.listCheckpoints(OTHER_ORG))).toEqual([other]);
    expect(await keysOf(store.listKeys())).toEqual([file.key]);
    expect(await rejection(store.getCheckpoint(key, 5))).toMatchObject({ code: "TOO_LARGE" });
    expect(
      await rejection(store.getCheckpoint(`${ORG}/checkpoints/0000000008-daily.json`, 1024)),
    ).toMatchObject({ code: "NOT_FOUND" });
    for (const name of ["../x.json", "a/b.json", "x.txt", ".json", "UPPER.json"]) {
      expect(
        await rejection(store.putCheckpoint(ORG, name, Buffer.from("{}"))),
        name,
      ).toMatchObject({ code: "VALIDATION" });
    }
    expect(await rejection(store.getCheckpoint(file.key, 1024))).toMatchObject({
      code: "VALIDATION",
    });

    const swept = await sweepOrphans(store, async () => new Set(), {
      now: new Date(Date.now() + 2 * 60 * 60 * 1000),
      dryRun: false,
    });
    expect(swept.deleted).toEqual([file.key]);
    expect(await keysOf(store.listCheckpoints(ORG))).toEqual([key]);
  });

  it("never replaces a checkpoint someone else wrote, and leaves no temporary object behind", async () => {
    await backend.plant(`${ORG}/checkpoints/0000000009-daily.json`, "written first");
    expect(
      await store.putCheckpoint(ORG, "0000000009-daily.json", Buffer.from("written second")),
    ).toMatchObject({ written: false });
    expect(
      (await store.getCheckpoint(`${ORG}/checkpoints/0000000009-daily.json`, 1024)).toString(),
    ).toBe("written first");
    expect(await backend.rawKeys()).toEqual([`${ORG}/checkpoints/0000000009-daily.json`]);
  });

  it("sweeps only unreferenced files and temporary objects older than the cutoff", async () => {
    const referenced = await store.putStream(ORG, Readable.from(["in use"]), MB);
    const orphan = await store.putStream(ORG, Readable.from(["deleted evidence"]), MB);
    const reuploaded = await store.putStream(OTHER_ORG, Readable.from(["uploaded again"]), MB);
    const staleTemp = `tmp/${randomUUID()}`;
    await backend.plant(staleTemp, "crashed upload");
    const cutoff = await secondBoundary();
    const fresh = await store.putStream(OTHER_ORG, Readable.from(["row not committed yet"]), MB);
    await store.putStream(OTHER_ORG, Readable.from(["uploaded again"]), MB);
    const freshTemp = `tmp/${randomUUID()}`;
    await backend.plant(freshTemp, "upload in progress");

    const asked: string[] = [];
    const referencedKeys = async (keys: readonly string[]) => {
      asked.push(...keys);
      return new Set(keys.filter((key) => key === referenced.key));
    };
    const options = { now: new Date(cutoff.getTime() + 60 * 60 * 1000), graceMs: 60 * 60 * 1000 };

    const dryRun = await sweepOrphans(store, referencedKeys, { ...options, dryRun: true });
    expect(dryRun.cutoff).toEqual(cutoff);
    expect(dryRun.orphans.map((entry) => entry.key)).toEqual([orphan.key]);
    expect(dryRun.staleTemp.map((entry) => entry.key)).toEqual([staleTemp]);
    expect(dryRun.deleted).toEqual([]);
    expect(asked.sort()).toEqual([referenced.key, orphan.key].sort());
    const everything = [
      referenced.key,
      orphan.key,
      reuploaded.key,
      fresh.key,
      staleTemp,
      freshTemp,
    ].sort();
    expect(await backend.rawKeys()).toEqual(everything);

    const swept = await sweepOrphans(store, referencedKeys, { ...options, dryRun: false });
    expect(swept.deleted).toEqual([orphan.key]);
    expect(await backend.rawKeys()).toEqual(
      everything.filter((key) => key !== orphan.key && key !== staleTemp),
    );
  });

  it("keeps an orphan that an upload of the same content refreshed during the sweep", async () => {
    const orphan = await store.putStream(ORG, Readable.from(["same bytes"]), MB);
    const cutoff = await secondBoundary();
    await store.putStream(ORG, Readable.from(["same bytes"]), MB);
    expect(await store.delete(orphan.key, { unmodifiedSince: cutoff })).toBe(false);
    expect(await store.exists(orphan.key)).toBe(true);
    expect(await store.delete(orphan.key)).toBe(true);
    expect(await store.exists(orphan.key)).toBe(false);
  });
});

describe("checkpoints on local disk", () => {
  it("are written once even when several writers race for one name", async () => {
    const { store } = await localBackend();
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        store.putCheckpoint(ORG, "0000000011-daily.json", Buffer.from(`writer ${n}`)),
      ),
    );
    const winners = results.flatMap((result, index) => (result.written ? [index + 1] : []));
    expect(winners).toHaveLength(1);
    expect(
      (await store.getCheckpoint(`${ORG}/checkpoints/0000000011-daily.json`, 1024)).toString(),
    ).toBe(`writer ${winners[0]}`);
  });
});

describe("an S3 endpoint that never answers", () => {
  it("is given up on after the request timeout instead of holding the caller", async () => {
    const sockets = new Set<Socket>();
    // Accepts connections and reads requests, but never answers one.
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on("data", () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    const store = new S3BlobStore({
      bucket: BUCKET,
      region: "us-east-1",
      endpoint: `http://127.0.0.1:${port}`,
      credentials: CREDENTIALS,
      forcePathStyle: true,
      prefix: "",
      requestTimeoutMs: 300,
    });
    try {
      const started = Date.now();
      const failure = await rejection(
        store.putCheckpoint(ORG, "0000000001-daily.json", Buffer.from("{}")),
      );
      expect(failure).toMatchObject({ name: "TimeoutError" });
      // Each of the SDK's three attempts gives up after 300 ms.
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe("storage configuration", () => {
  it("chooses the store from FILE_STORAGE or S3_BUCKET", () => {
    expect(createBlobStore({})).toBeInstanceOf(LocalBlobStore);
    expect(createBlobStore({ FILE_STORAGE: "s3", S3_BUCKET: "b" })).toBeInstanceOf(LazyS3BlobStore);
    expect(createBlobStore({ S3_BUCKET: "b" })).toBeInstanceOf(LazyS3BlobStore);
    expect(createBlobStore({ FILE_STORAGE: "local", S3_BUCKET: "b" })).toBeInstanceOf(
      LocalBlobStore,
    );
    expect(() => createBlobStore({ FILE_STORAGE: "s3" })).toThrow(/S3_BUCKET/);
    expect(() => createBlobStore({ FILE_STORAGE: "ftp" })).toThrow(/FILE_STORAGE/);
  });

  it("reads the S3 request timeout from S3_REQUEST_TIMEOUT_SECONDS, 30 seconds by default", () => {
    expect(s3ConfigFromEnv({ S3_BUCKET: "b" }).requestTimeoutMs).toBe(30_000);
    expect(
      s3ConfigFromEnv({ S3_BUCKET: "b", S3_REQUEST_TIMEOUT_SECONDS: "2.5" }).requestTimeoutMs,
    ).toBe(2_500);
    expect(() => s3ConfigFromEnv({ S3_BUCKET: "b", S3_REQUEST_TIMEOUT_SECONDS: "never" })).toThrow(
      /S3_REQUEST_TIMEOUT_SECONDS/,
    );
  });

  it("reads the upload limit from MAX_UPLOAD_MB, 25 MB by default", () => {
    expect(maxUploadBytes({})).toBe(25 * MB);
    expect(maxUploadBytes({ MAX_UPLOAD_MB: "100" })).toBe(100 * MB);
    expect(() => maxUploadBytes({ MAX_UPLOAD_MB: "lots" })).toThrow(/MAX_UPLOAD_MB/);
  });
});
