import { createHash } from "node:crypto";
import { getDb } from "../../lib/db/client";
import type { OrgContext } from "../../lib/db/context";
import { startExport } from "../../lib/db/exports";
import { exportProcess } from "../../lib/export-process/runner";
import type { BlobStore } from "../../lib/storage/blob-store";

// The export end to end through the app's own path, and the floor (read and hash the stored
// files): what the benchmark measures. Nothing here renders: the export process does that.

type ExportOutcome = { id: string; size: number; storageKey: string; exportProcessPeakMb: number };

/**
 * The evidence pack through the app's own path: startExport, then the run handed to the export
 * process (started on first use, as the web process does); throws unless it is done.
 */
export async function exportPack(ctx: OrgContext, engagementId: string): Promise<ExportOutcome> {
  const { id } = await startExport(ctx, engagementId, "pack");
  const { peakRssMb } = await exportProcess().run({
    runId: id,
    userId: ctx.userId,
    orgSlug: ctx.orgSlug,
  });
  const run = await getDb().exportRun.findFirst({
    where: { id, organizationId: ctx.orgId },
    select: { status: true, error: true, size: true, storageKey: true },
  });
  if (run?.status !== "done" || run.size === null || !run.storageKey)
    throw new Error(
      `The export ${id} did not finish: ${run?.status ?? "missing"} ${run?.error ?? ""}`,
    );
  return { id, size: run.size, storageKey: run.storageKey, exportProcessPeakMb: peakRssMb };
}

type StoredObject = { storageKey: string; sha256: string };

/** The organisation's stored files, as the export finds them. */
export function storedObjects(orgId: string): Promise<StoredObject[]> {
  return getDb().storedFile.findMany({
    where: { organizationId: orgId },
    orderBy: { id: "asc" },
    select: { storageKey: true, sha256: true },
  });
}

/** The floor: every stored file read from the store and SHA-256-hashed, one after another. */
export async function readAndHash(
  store: BlobStore,
  files: readonly StoredObject[],
): Promise<number> {
  let bytes = 0;
  for (const file of files) {
    const hash = createHash("sha256");
    for await (const chunk of await store.get(file.storageKey)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).byteLength;
    }
    if (hash.digest("hex") !== file.sha256)
      throw new Error(`The stored file ${file.storageKey} does not match its SHA-256.`);
  }
  return bytes;
}
