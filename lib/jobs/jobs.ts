import "server-only";
import { digestJob } from "./digest-job";
import type { JobDefinition } from "./definition";
import { idempotencyKeysJob } from "./idempotency-keys-job";
import { orphanFilesJob } from "./orphan-files-job";
import { readinessJob } from "./readiness-job";
import { backfillJob, snapshotJob } from "./snapshot-jobs";

/**
 * Every scheduled job, in the order a tick runs them: readiness rolled forward first (the
 * snapshot and the digest then read today's figures), today's snapshot before the backfill.
 */
export const JOBS: readonly JobDefinition[] = [
  readinessJob,
  snapshotJob,
  backfillJob,
  digestJob,
  orphanFilesJob,
  idempotencyKeysJob,
];
