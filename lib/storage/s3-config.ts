// The S3 store's settings, apart from the store itself so that reading them does not load the
// AWS SDK (see lazy-s3-store.ts).
import { positiveNumberSetting, type Env } from "@/lib/settings";

export interface S3StoreConfig {
  bucket: string;
  region: string;
  /** For S3-compatible services (MinIO, R2, Ceph…); unset for AWS. */
  endpoint?: string;
  /** Unset: the SDK's default chain (environment, instance or task role…). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
  /** Prepended to every key, normalised to end with "/" (or empty). */
  prefix: string;
  /**
   * How long one attempt may wait for S3 to answer (connecting, sending, the response's
   * headers; a download's body then streams at the reader's pace). The SDK makes 3 attempts.
   */
  requestTimeoutMs: number;
}

const DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;

export function s3ConfigFromEnv(env: Env = process.env): S3StoreConfig {
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) throw new Error("FILE_STORAGE=s3 needs S3_BUCKET.");
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim();
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new Error("Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither.");
  }
  return {
    bucket,
    region: env.S3_REGION?.trim() || "us-east-1",
    endpoint: env.S3_ENDPOINT?.trim() || undefined,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === "1" || env.S3_FORCE_PATH_STYLE === "true",
    prefix: normalisePrefix(env.S3_PREFIX),
    requestTimeoutMs: Math.round(
      positiveNumberSetting("S3_REQUEST_TIMEOUT_SECONDS", DEFAULT_REQUEST_TIMEOUT_SECONDS, env) *
        1000,
    ),
  };
}

export function normalisePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? "").replace(/^\/+|\/+$/g, "");
  return trimmed ? `${trimmed}/` : "";
}
