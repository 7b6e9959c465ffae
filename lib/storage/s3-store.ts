import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { AppError } from "@/lib/errors";
import {
  assertBlobKey,
  assertCheckpointKey,
  assertNotEmpty,
  assertOrgId,
  assertTempKey,
  blobKey,
  checkpointFolder,
  checkpointKey,
  isBlobKey,
  isCheckpointKey,
  isTempKey,
  TEMP_FOLDER,
  tooLargeToRead,
  type BlobStore,
  type CheckpointWrite,
  type StoredBlob,
  type StoredEntry,
  type UploadBody,
} from "./blob-store";
import { Meter, toNodeReadable } from "./meter";
import { normalisePrefix, type S3StoreConfig } from "./s3-config";

const isNotFound = (error: unknown): boolean =>
  error instanceof S3ServiceException &&
  (error.name === "NoSuchKey" ||
    error.name === "NotFound" ||
    error.$metadata.httpStatusCode === 404);

const PART_SIZE = 5 * 1024 * 1024;
const CONNECTION_TIMEOUT_MS = 5_000;

/** An S3-compatible bucket. Uploads stream to `tmp/<uuid>`, then CopyObject to the final key. */
export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(config: S3StoreConfig) {
    const clientConfig: S3ClientConfig = {
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: config.credentials,
      // Without these the SDK waits for ever on a store that accepts connections and never
      // answers, and everything waiting on it waits too.
      requestHandler: {
        connectionTimeout: Math.min(CONNECTION_TIMEOUT_MS, config.requestTimeoutMs),
        requestTimeout: config.requestTimeoutMs,
        throwOnRequestTimeout: true,
      },
    };
    if (config.endpoint) {
      // Many S3-compatible servers reject the SDK's default streaming checksums (aws-chunked
      // with trailers); integrity is still checked by our own SHA-256 of the stream.
      clientConfig.requestChecksumCalculation = "WHEN_REQUIRED";
      clientConfig.responseChecksumValidation = "WHEN_REQUIRED";
    }
    this.client = new S3Client(clientConfig);
    this.bucket = config.bucket;
    this.prefix = normalisePrefix(config.prefix);
  }

  private full(key: string): string {
    return `${this.prefix}${key}`;
  }

  async putStream(orgId: string, body: UploadBody, maxBytes: number): Promise<StoredBlob> {
    assertOrgId(orgId);
    const source = toNodeReadable(body);
    const meter = new Meter(maxBytes);
    const tempKey = `${TEMP_FOLDER}/${randomUUID()}`;
    try {
      const upload = new Upload({
        client: this.client,
        params: {
          Bucket: this.bucket,
          Key: this.full(tempKey),
          Body: meter.wrap(source),
          ContentType: "application/octet-stream",
        },
        partSize: PART_SIZE,
        queueSize: 2,
        leavePartsOnError: false,
      });
      await upload.done();
      const { sha256, size } = meter.result();
      assertNotEmpty(size);
      const key = blobKey(orgId, sha256);
      // Server-side and atomic: the final key appears complete or not at all. Copying over an
      // identical object is harmless and refreshes its LastModified (see the orphan sweep).
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: this.full(key),
          CopySource: `${this.bucket}/${this.full(tempKey)}`,
          MetadataDirective: "COPY",
        }),
      );
      return { sha256, size, key };
    } catch (error) {
      source.destroy();
      throw meter.failure ?? error;
    } finally {
      // A leftover temporary object is removed by the orphan sweep; never fail an upload on it.
      await this.deleteTemp(tempKey).catch(() => undefined);
    }
  }

  async get(key: string): Promise<Readable> {
    assertBlobKey(key);
    try {
      const { Body } = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.full(key) }),
      );
      if (Body instanceof Readable) return Body;
      throw new Error("The S3 client returned a body that is not a Node.js stream.");
    } catch (error) {
      if (isNotFound(error)) throw new AppError("NOT_FOUND", "File not found.");
      throw error;
    }
  }

  async getBytes(key: string, maxBytes: number): Promise<Buffer> {
    assertBlobKey(key);
    return this.getBytesOf(key, maxBytes);
  }

  private async getBytesOf(key: string, maxBytes: number): Promise<Buffer> {
    try {
      // One byte more than allowed: receiving it tells an object that is too long.
      const { Body } = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.full(key),
          Range: `bytes=0-${maxBytes}`,
        }),
      );
      if (!Body) throw new Error("The S3 client returned no body.");
      const bytes = Buffer.from(await Body.transformToByteArray());
      if (bytes.byteLength > maxBytes) throw tooLargeToRead(key, maxBytes);
      return bytes;
    } catch (error) {
      if (isNotFound(error)) throw new AppError("NOT_FOUND", "File not found.");
      // A range cannot be satisfied by an empty object.
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 416)
        return Buffer.alloc(0);
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    assertBlobKey(key);
    return (await this.lastModified(key)) !== null;
  }

  async delete(key: string, options: { unmodifiedSince?: Date } = {}): Promise<boolean> {
    assertBlobKey(key);
    const modified = await this.lastModified(key);
    if (!modified) return false;
    // S3 has no portable conditional delete: this check narrows the race to one round trip.
    if (options.unmodifiedSince && modified.getTime() >= options.unmodifiedSince.getTime())
      return false;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.full(key) }));
    return true;
  }

  async *listKeys(): AsyncIterable<StoredEntry> {
    for await (const entry of this.list(this.prefix)) {
      if (isBlobKey(entry.key)) yield entry;
    }
  }

  async *listTemp(): AsyncIterable<StoredEntry> {
    for await (const entry of this.list(this.full(`${TEMP_FOLDER}/`))) {
      if (isTempKey(entry.key)) yield entry;
    }
  }

  async deleteTemp(key: string): Promise<void> {
    assertTempKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.full(key) }));
  }

  async putCheckpoint(orgId: string, name: string, bytes: Buffer): Promise<CheckpointWrite> {
    const key = checkpointKey(orgId, name);
    // Written once: `If-None-Match: *` makes the PUT refuse an existing key (AWS S3, MinIO, R2
    // and Ceph honour it). Servers that ignore the header (s3rver, older ones) are covered by
    // the HEAD before it; there, two writers of one name within a round trip may still both
    // write. A PUT is atomic: readers see the whole object or none.
    if ((await this.lastModified(key)) !== null) return { key, written: false };
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.full(key),
          Body: bytes,
          ContentType: "application/json",
          IfNoneMatch: "*",
        }),
      );
      return { key, written: true };
    } catch (error) {
      // 412: the key exists; 409: another conditional write of it is in progress.
      if (
        error instanceof S3ServiceException &&
        [409, 412].includes(error.$metadata.httpStatusCode ?? 0)
      )
        return { key, written: false };
      throw error;
    }
  }

  async *listCheckpoints(orgId: string): AsyncIterable<StoredEntry> {
    for await (const entry of this.list(this.full(`${checkpointFolder(orgId)}/`))) {
      if (isCheckpointKey(entry.key)) yield entry;
    }
  }

  async getCheckpoint(key: string, maxBytes: number): Promise<Buffer> {
    assertCheckpointKey(key);
    return this.getBytesOf(key, maxBytes);
  }

  private async lastModified(key: string): Promise<Date | null> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.full(key) }),
      );
      return head.LastModified ?? new Date(0);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Keys under `prefix`, returned without this store's own prefix. */
  private async *list(prefix: string): AsyncIterable<StoredEntry> {
    const pages = paginateListObjectsV2(
      { client: this.client },
      { Bucket: this.bucket, Prefix: prefix },
    );
    for await (const page of pages) {
      for (const object of page.Contents ?? []) {
        if (!object.Key?.startsWith(this.prefix)) continue;
        yield {
          key: object.Key.slice(this.prefix.length),
          lastModified: object.LastModified ?? new Date(0),
        };
      }
    }
  }
}
