import "server-only";
import type { BlobStore } from "./blob-store";
import { LocalBlobStore } from "./local-store";
import { S3BlobStore, s3ConfigFromEnv } from "./s3-store";

// The evidence file store for this process, chosen by the environment:
//   FILE_STORAGE=s3 (or S3_BUCKET set)  → S3-compatible bucket (S3_* variables)
//   otherwise                            → files under FILE_STORAGE_DIR (default ./data/files)

type Env = Record<string, string | undefined>;

const DEFAULT_FILE_STORAGE_DIR = "./data/files";
const DEFAULT_MAX_UPLOAD_MB = 25;

export function createBlobStore(env: Env = process.env): BlobStore {
  const kind = env.FILE_STORAGE?.trim() || (env.S3_BUCKET?.trim() ? "s3" : "local");
  if (kind === "s3") return new S3BlobStore(s3ConfigFromEnv(env));
  if (kind === "local") return new LocalBlobStore(env.FILE_STORAGE_DIR?.trim() || DEFAULT_FILE_STORAGE_DIR);
  throw new Error(`FILE_STORAGE must be "local" or "s3", not "${kind}".`);
}

let cached: BlobStore | undefined;

export function getBlobStore(): BlobStore {
  cached ??= createBlobStore();
  return cached;
}

/** The upload limit in bytes, from MAX_UPLOAD_MB (default 25). */
export function maxUploadBytes(env: Env = process.env): number {
  const raw = env.MAX_UPLOAD_MB?.trim();
  const mb = raw ? Number(raw) : DEFAULT_MAX_UPLOAD_MB;
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`MAX_UPLOAD_MB must be a positive number, not "${raw}".`);
  return Math.floor(mb * 1024 * 1024);
}
