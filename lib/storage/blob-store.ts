import type { Readable } from "node:stream";
import { AppError } from "@/lib/errors";

// Evidence files are content-addressed: one object per organisation and SHA-256, under
// `<orgId>/<sha256[0:2]>/<sha256>`. Uploads go to a temporary object `tmp/<uuid>` first and are
// moved into place only once complete, so a final key never holds half a file.

export interface StoredBlob {
  sha256: string;
  size: number;
  key: string;
}

export interface StoredEntry {
  key: string;
  lastModified: Date;
}

export type UploadBody = Readable | ReadableStream<Uint8Array>;

/** Where a checkpoint is kept, and whether this call wrote it (false: one was there already). */
export type CheckpointWrite = { key: string; written: boolean };

export interface BlobStore {
  /**
   * Streams `body` to a temporary object while hashing and counting it; refuses with AppError
   * TOO_LARGE past `maxBytes` and VALIDATION when it is empty (nothing is kept); on success moves it to `<orgId>/<sha256[0:2]>/<sha256>`
   * (replacing an identical object, which also refreshes its modification time) and returns
   * { sha256, size, key }. A failure or abort removes the temporary object.
   */
  putStream(orgId: string, body: UploadBody, maxBytes: number): Promise<StoredBlob>;
  /** The object's bytes; AppError NOT_FOUND when missing. */
  get(key: string): Promise<Readable>;
  /**
   * A small object's bytes in one Buffer, read with fewer round trips than a stream; AppError
   * NOT_FOUND when missing, TOO_LARGE (after reading at most `maxBytes` + 1 bytes) when longer.
   */
  getBytes(key: string, maxBytes: number): Promise<Buffer>;
  exists(key: string): Promise<boolean>;
  /**
   * Removes a final object; missing is fine. With `unmodifiedSince`, an object modified at or
   * after that instant is kept (an upload of the same content just refreshed it).
   * Resolves to whether an object was removed.
   */
  delete(key: string, options?: { unmodifiedSince?: Date }): Promise<boolean>;
  /** Final keys only (never temporary objects), in no particular order. */
  listKeys(): AsyncIterable<StoredEntry>;
  /** Temporary objects (`tmp/<uuid>`), e.g. left behind by a crashed process. */
  listTemp(): AsyncIterable<StoredEntry>;
  deleteTemp(key: string): Promise<void>;
  /**
   * Small named records beside an organisation's files, `<orgId>/checkpoints/<name>` (the
   * activity log's checkpoints): written whole and atomically, and only once. When an object
   * of that name exists it is left as it is and `written` is false, so whoever can make the app
   * write a name again (a database writer) cannot replace the copy first written. Not
   * content-addressed, so never listed by listKeys nor swept as orphans.
   */
  putCheckpoint(orgId: string, name: string, bytes: Buffer): Promise<CheckpointWrite>;
  /** The organisation's checkpoint keys, in no particular order. */
  listCheckpoints(orgId: string): AsyncIterable<StoredEntry>;
  /** A checkpoint's bytes; AppError NOT_FOUND when missing, TOO_LARGE when longer than `maxBytes`. */
  getCheckpoint(key: string, maxBytes: number): Promise<Buffer>;
}

const ORG_ID = /^[a-z0-9]{1,64}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const BLOB_KEY = /^([a-z0-9]{1,64})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;
const TEMP_KEY = /^tmp\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const CHECKPOINT_FOLDER = "checkpoints";
const CHECKPOINT_NAME = /^[0-9a-z][0-9a-z-]{0,150}\.json$/;
const CHECKPOINT_KEY = /^([a-z0-9]{1,64})\/checkpoints\/([^/]+)$/;

/** `tmp` is the temporary folder, so it can never be an organisation's folder. */
export const TEMP_FOLDER = "tmp";

export function isValidOrgId(orgId: string): boolean {
  return ORG_ID.test(orgId) && orgId !== TEMP_FOLDER;
}

export function isBlobKey(key: string): boolean {
  const match = BLOB_KEY.exec(key);
  return (
    match !== null && isValidOrgId(match[1] ?? "") && match[3]?.startsWith(match[2] ?? "-") === true
  );
}

export function isTempKey(key: string): boolean {
  return TEMP_KEY.test(key);
}

export function assertBlobKey(key: string): void {
  if (!isBlobKey(key)) throw new AppError("VALIDATION", "Invalid file key.");
}

export function assertTempKey(key: string): void {
  if (!isTempKey(key)) throw new AppError("VALIDATION", "Invalid temporary file key.");
}

export function assertOrgId(orgId: string): void {
  if (!isValidOrgId(orgId))
    throw new AppError("VALIDATION", "Invalid organisation id for file storage.");
}

/** An empty upload is refused before it is moved into place, so it never leaves a stored object. */
export function assertNotEmpty(size: number): void {
  if (size === 0) throw new AppError("VALIDATION", "The file is empty.");
}

export function tooLargeToRead(key: string, maxBytes: number): AppError {
  return new AppError(
    "TOO_LARGE",
    `The stored object ${key} is larger than the ${maxBytes} bytes expected.`,
  );
}

export function blobKey(orgId: string, sha256: string): string {
  assertOrgId(orgId);
  if (!SHA256.test(sha256)) throw new AppError("VALIDATION", "Invalid SHA-256 digest.");
  return `${orgId}/${sha256.slice(0, 2)}/${sha256}`;
}

export function checkpointFolder(orgId: string): string {
  assertOrgId(orgId);
  return `${orgId}/${CHECKPOINT_FOLDER}`;
}

export function checkpointKey(orgId: string, name: string): string {
  if (!CHECKPOINT_NAME.test(name)) throw new AppError("VALIDATION", "Invalid checkpoint name.");
  return `${checkpointFolder(orgId)}/${name}`;
}

export function isCheckpointKey(key: string): boolean {
  const match = CHECKPOINT_KEY.exec(key);
  return match !== null && isValidOrgId(match[1] ?? "") && CHECKPOINT_NAME.test(match[2] ?? "");
}

export function assertCheckpointKey(key: string): void {
  if (!isCheckpointKey(key)) throw new AppError("VALIDATION", "Invalid checkpoint key.");
}
