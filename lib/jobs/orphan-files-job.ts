import "server-only";
import { referencedStorageKeys } from "@/lib/db/evidence";
import { getBlobStore } from "@/lib/storage";
import { sweepOrphans } from "@/lib/storage/orphans";
import type { JobDefinition } from "./definition";

// The daily sweep `npm run files:clean-orphans` does by hand: stored files no row refers to,
// and unfinished uploads, both older than an hour. One run a day for the whole installation
// (the blob store is shared by every organisation), from 03:00 UTC.

export const ORPHAN_FILES_JOB = "orphan-files";

/** The UTC hour from which the day's sweep is due. */
export const ORPHAN_FILES_HOUR_UTC = 3;

export const orphanFilesJob: JobDefinition = {
  name: ORPHAN_FILES_JOB,
  leaseMs: 60 * 60_000,
  due: async ({ now }) => {
    if (now.getUTCHours() < ORPHAN_FILES_HOUR_UTC) return [];
    return [
      {
        runKey: `orphan-files:${now.toISOString().slice(0, 10)}`,
        organizationId: null,
        perform: async () => {
          await sweepOrphans(getBlobStore(), referencedStorageKeys, { now, dryRun: false });
        },
      },
    ];
  },
};
