import type { Readable } from "node:stream";
import type { BlobStore, CheckpointWrite, StoredBlob, StoredEntry, UploadBody } from "./blob-store";
import type { S3StoreConfig } from "./s3-config";
import type { S3BlobStore } from "./s3-store";

/**
 * The S3 store, with the AWS SDK loaded on first use rather than when the app starts: every
 * process that may store files (the web process, the export process, scripts) imports the
 * storage module, and the SDK is some 11 MB resident that a local-disk installation never uses.
 */
export class LazyS3BlobStore implements BlobStore {
  private loading: Promise<S3BlobStore> | undefined;

  constructor(readonly config: S3StoreConfig) {}

  private store(): Promise<S3BlobStore> {
    this.loading ??= import("./s3-store").then(({ S3BlobStore }) => new S3BlobStore(this.config));
    return this.loading;
  }

  async putStream(orgId: string, body: UploadBody, maxBytes: number): Promise<StoredBlob> {
    return (await this.store()).putStream(orgId, body, maxBytes);
  }

  async get(key: string): Promise<Readable> {
    return (await this.store()).get(key);
  }

  async getBytes(key: string, maxBytes: number): Promise<Buffer> {
    return (await this.store()).getBytes(key, maxBytes);
  }

  async exists(key: string): Promise<boolean> {
    return (await this.store()).exists(key);
  }

  async delete(key: string, options?: { unmodifiedSince?: Date }): Promise<boolean> {
    return (await this.store()).delete(key, options);
  }

  async *listKeys(): AsyncIterable<StoredEntry> {
    yield* (await this.store()).listKeys();
  }

  async *listTemp(): AsyncIterable<StoredEntry> {
    yield* (await this.store()).listTemp();
  }

  async deleteTemp(key: string): Promise<void> {
    return (await this.store()).deleteTemp(key);
  }

  async putCheckpoint(orgId: string, name: string, bytes: Buffer): Promise<CheckpointWrite> {
    return (await this.store()).putCheckpoint(orgId, name, bytes);
  }

  async *listCheckpoints(orgId: string): AsyncIterable<StoredEntry> {
    yield* (await this.store()).listCheckpoints(orgId);
  }

  async getCheckpoint(key: string, maxBytes: number): Promise<Buffer> {
    return (await this.store()).getCheckpoint(key, maxBytes);
  }
}
