import "server-only";
import { positiveNumberSetting, type Env } from "@/lib/settings";
import type { BlobStore } from "./blob-store";
import { LocalBlobStore } from "./local-store";
import { LazyS3BlobStore } from "./lazy-s3-store";
import { s3ConfigFromEnv } from "./s3-config";

// The evidence file store for this process, chosen by the environment:
//   FILE_STORAGE=s3 (or S3_BUCKET set)  → S3-compatible bucket (S3_* variables)
//   otherwise                            → files under FILE_STORAGE_DIR (default ./data/files)

const DEFAULT_FILE_STORAGE_DIR = "./data/files";
const DEFAULT_MAX_UPLOAD_MB = 25;

export function createBlobStore(env: Env = process.env): BlobStore {
  const kind = env.FILE_STORAGE?.trim() || (env.S3_BUCKET?.trim() ? "s3" : "local");
  if (kind === "s3") return new LazyS3BlobStore(s3ConfigFromEnv(env));
  if (kind === "local")
    return new LocalBlobStore(env.FILE_STORAGE_DIR?.trim() || DEFAULT_FILE_STORAGE_DIR);
  throw new Error(`FILE_STORAGE must be "local" or "s3", not "${kind}".`);
}

let cached: BlobStore | undefined;

export function getBlobStore(): BlobStore {
  cached ??= createBlobStore();
  return cached;
}

/** A size limit in bytes from a setting in megabytes, e.g. MAX_UPLOAD_MB=25. */
function megabytesSetting(name: string, defaultMb: number, env: Env): number {
  return Math.floor(positiveNumberSetting(name, defaultMb, env) * 1024 * 1024);
}

/** The upload limit in bytes, from MAX_UPLOAD_MB (default 25). */
export function maxUploadBytes(env: Env = process.env): number {
  return megabytesSetting("MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB, env);
}

/** The largest pack the verify page accepts, from MAX_VERIFY_MB (default 4096): it is read from disk. */
export function maxVerifyBytes(env: Env = process.env): number {
  return megabytesSetting("MAX_VERIFY_MB", 4096, env);
}
