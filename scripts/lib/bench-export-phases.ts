import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import { getDb } from "../../lib/db/client";
import type { OrgContext } from "../../lib/db/context";
import { loadEngagementExport, type EngagementExportData } from "../../lib/db/export-data";
import { startExport } from "../../lib/db/exports";
import { writeExportArtifact } from "../../lib/export/artifacts";
import { exportProcess } from "../../lib/export-process/runner";
import { writeMatrixXlsx } from "../../lib/export/matrix-xlsx";
import { storedFilesIn, writeEvidencePack } from "../../lib/export/pack";
import { renderSummaryPdf } from "../../lib/export/summary-pdf";
import type { BlobStore } from "../../lib/storage/blob-store";

// The pieces of work the export benchmark times: the real export end to end, the floor (read
// and hash the stored files), and the export's phases on their own so the total can be split.

/** A writable that counts and drops everything, at once: no back-pressure from the sink. */
function nullSink(): Writable & { bytes: () => number } {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.byteLength;
      callback();
    },
  });
  return Object.assign(sink, { bytes: () => bytes });
}

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

export type Phases = {
  load: () => Promise<EngagementExportData>;
  evidencePages: () => Promise<number>;
  pdf: () => Promise<number>;
  xlsx: () => Promise<number>;
  packFiles: () => Promise<number>;
  pack: () => Promise<number>;
};

/** The export's phases, each on its own over data loaded once (except `load` itself). */
export function exportPhases(
  ctx: OrgContext,
  engagementId: string,
  now: Date,
  data: EngagementExportData,
  store: BlobStore,
): Phases {
  const { summary, evidencePages } = data;
  const files = storedFilesIn(store);
  return {
    load: () => loadEngagementExport(ctx, engagementId, now),
    evidencePages: async () => {
      let count = 0;
      for await (const page of evidencePages()) count += page.length;
      return count;
    },
    pdf: async () => (await renderSummaryPdf(summary)).byteLength,
    xlsx: async () => {
      const sink = nullSink();
      await writeMatrixXlsx(summary, evidencePages, sink);
      return sink.bytes();
    },
    packFiles: async () => {
      const sink = nullSink();
      await writeEvidencePack({ summary, evidencePages, files, documents: [] }, sink);
      return sink.bytes();
    },
    pack: async () => {
      const sink = nullSink();
      await writeExportArtifact("pack", data, sink, { files });
      return sink.bytes();
    },
  };
}
