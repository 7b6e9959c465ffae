import "server-only";
import { digestJob } from "./digest-job";
import type { JobDefinition } from "./definition";
import { orphanFilesJob } from "./orphan-files-job";
import { backfillJob, snapshotJob } from "./snapshot-jobs";

/** Every scheduled job, in the order a tick runs them (today's snapshot before the backfill). */
export const JOBS: readonly JobDefinition[] = [snapshotJob, backfillJob, digestJob, orphanFilesJob];
