import type { BlobStore, StoredEntry } from "./blob-store";

// Stored files no database row refers to: uploads whose row was never committed, files of
// deleted evidence. Only files older than a grace period are touched, so an upload whose row
// is still being written is never removed.

/** Resolves to the subset of `keys` that a database row still refers to. */
export type ReferencedKeys = (keys: readonly string[]) => Promise<Set<string>>;

export const ORPHAN_GRACE_MS = 60 * 60 * 1000;
const BATCH_SIZE = 500;

/** Final keys last modified before `olderThan` that `referencedKeys` does not report. */
export async function findOrphans(
  store: BlobStore,
  referencedKeys: ReferencedKeys,
  olderThan: Date,
): Promise<StoredEntry[]> {
  const orphans: StoredEntry[] = [];
  let batch: StoredEntry[] = [];
  const check = async (): Promise<void> => {
    const referenced = await referencedKeys(batch.map((entry) => entry.key));
    orphans.push(...batch.filter((entry) => !referenced.has(entry.key)));
    batch = [];
  };
  for await (const entry of store.listKeys()) {
    if (entry.lastModified.getTime() >= olderThan.getTime()) continue;
    batch.push(entry);
    if (batch.length >= BATCH_SIZE) await check();
  }
  if (batch.length > 0) await check();
  return orphans;
}

export interface SweepReport {
  cutoff: Date;
  /** Unreferenced files older than the cutoff (deleted unless dry run). */
  orphans: StoredEntry[];
  /** Orphans that were removed (empty on a dry run). */
  deleted: string[];
  /** Orphans refreshed by an upload of the same content while the sweep ran: kept. */
  refreshed: string[];
  /** Temporary objects older than the cutoff (deleted unless dry run). */
  staleTemp: StoredEntry[];
}

export async function sweepOrphans(
  store: BlobStore,
  referencedKeys: ReferencedKeys,
  options: { now: Date; dryRun: boolean; graceMs?: number },
): Promise<SweepReport> {
  const cutoff = new Date(options.now.getTime() - (options.graceMs ?? ORPHAN_GRACE_MS));
  const orphans = await findOrphans(store, referencedKeys, cutoff);
  const deleted: string[] = [];
  const refreshed: string[] = [];
  if (!options.dryRun) {
    for (const { key } of orphans) {
      const removed = await store.delete(key, { unmodifiedSince: cutoff });
      (removed ? deleted : refreshed).push(key);
    }
  }
  const staleTemp: StoredEntry[] = [];
  for await (const entry of store.listTemp()) {
    if (entry.lastModified.getTime() < cutoff.getTime()) staleTemp.push(entry);
  }
  if (!options.dryRun) {
    for (const { key } of staleTemp) await store.deleteTemp(key);
  }
  return { cutoff, orphans, deleted, refreshed, staleTemp };
}
