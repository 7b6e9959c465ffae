import "server-only";

// Where the activity checkpoints' copies are kept: the blob store, which lib/db does not import
// (the layer rules in eslint.config.mjs). Each process's entry says so once, at start-up, with
// keepCheckpointCopiesInBlobStore() (lib/storage/checkpoint-copies.ts): the web server in
// instrumentation.ts, the export and job processes, the job loop and the scripts that write or
// check the log. docs/decisions/0045-checkpoint-copy-store.md.

/** Where a copy is kept, and whether this call wrote it (false: one was there already). */
export type CheckpointCopyWrite = { key: string; written: boolean };

/** What the checkpoints need of the blob store (its BlobStore has these three methods). */
export interface CheckpointCopyStore {
  /** Writes `<orgId>/checkpoints/<name>` once: an existing copy is left as it is. */
  putCheckpoint(orgId: string, name: string, bytes: Buffer): Promise<CheckpointCopyWrite>;
  /** The organisation's copies' keys, in no particular order. */
  listCheckpoints(orgId: string): AsyncIterable<{ key: string }>;
  /** A copy's bytes; refuses one longer than `maxBytes`. */
  getCheckpoint(key: string, maxBytes: number): Promise<Buffer>;
}

type Provider = () => CheckpointCopyStore;

// On globalThis: Next.js builds instrumentation.ts and the routes as separate entries, which do
// not share module instances (getDb keeps its client there for the same reason).
const shared = globalThis as typeof globalThis & { assayCheckpointCopies?: Provider };

/** Called once by a process's entry: the copies go to (and are read from) `provider()`. */
export function provideCheckpointCopyStore(provider: Provider): void {
  shared.assayCheckpointCopies = provider;
}

/** The process's copy store; throws when its entry registered none (a programming error). */
export function checkpointCopyStore(): CheckpointCopyStore {
  const provider = shared.assayCheckpointCopies;
  if (!provider)
    throw new Error(
      "No store for activity checkpoint copies: this process's entry must call keepCheckpointCopiesInBlobStore() (lib/storage/checkpoint-copies.ts) at start-up.",
    );
  return provider();
}
