import "server-only";
import { provideCheckpointCopyStore } from "@/lib/db/checkpoint-copies";
import { getBlobStore } from "./index";

/**
 * For a process's entry, once at start-up: the activity checkpoints (lib/db/checkpoints.ts) copy
 * to, and the audit (lib/db/activity-audit.ts) reads from, this process's blob store.
 */
export function keepCheckpointCopiesInBlobStore(): void {
  provideCheckpointCopyStore(getBlobStore);
}
