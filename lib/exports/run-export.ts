import "server-only";
import { checkpointRow, newCheckpoint, storeCheckpointCopy } from "@/lib/db/checkpoints";
import { getDb } from "@/lib/db/client";
import type { OrgContext } from "@/lib/db/context";
import { loadEngagementExport } from "@/lib/db/export-data";
import { exportFileName, isExportFormat, snapshotState } from "@/lib/domain/export/snapshot";
import { AppError } from "@/lib/errors";
import { writeExportArtifact } from "@/lib/export/artifacts";
import { coalescing } from "@/lib/export/coalesce";
import { storedFilesIn } from "@/lib/export/pack";
import { getBlobStore } from "@/lib/storage";

// The export pipeline: reads the engagement through lib/db, writes the artifact with lib/export
// straight into lib/storage, then records the result on the run's row. It sits above all three,
// so that lib/db (the rows) never depends on the file formats or the blob store.

/** Exports are ours, not uploads: the limit only stops a runaway. */
const MAX_EXPORT_BYTES = 64 * 1024 ** 3;
/** Progress is written at most this often; it doubles as the heartbeat. */
const PROGRESS_INTERVAL_MS = 500;
/** The export's bytes go to storage in chunks of this size (the archive writes a few KB at a time). */
const STORE_CHUNK_BYTES = 1024 * 1024;

/**
 * Produces the export of a run started by startExport and stores it. Never throws: a failure
 * is recorded on the run (with a message people can act on) and the partial file discarded.
 */
export async function runExport(
  ctx: OrgContext,
  runId: string,
  clock: () => Date = () => new Date(),
): Promise<void> {
  const db = getDb();
  const run = await db.exportRun.findFirst({
    where: { id: runId, organizationId: ctx.orgId, status: "running" },
    select: { id: true, engagementId: true, format: true },
  });
  if (!run || !isExportFormat(run.format)) return;
  const format = run.format;
  let lastWrite = 0;
  const onProgress = (done: number, total: number | null) => {
    const now = clock();
    if (now.getTime() - lastWrite < PROGRESS_INTERVAL_MS) return;
    lastWrite = now.getTime();
    void db.exportRun
      .updateMany({
        where: { id: run.id, status: "running" },
        data: { progressDone: done, progressTotal: total, heartbeatAt: now },
      })
      .catch(() => undefined);
  };
  try {
    const loaded = await loadEngagementExport(ctx, run.engagementId, clock());
    // The head the data was read at, signed now and written into the export itself.
    const { seq, hash } = loaded.summary.activityHead;
    const checkpoint = newCheckpoint({
      organizationId: ctx.orgId,
      seq,
      hash,
      reason: "export",
      exportRunId: run.id,
      createdAt: loaded.summary.generatedAt,
    });
    const data = {
      ...loaded,
      summary: { ...loaded.summary, activityHead: { seq, hash, checkpoint } },
    };
    const store = getBlobStore();
    const body = coalescing(STORE_CHUNK_BYTES);
    const stored = store.putStream(ctx.orgId, body, MAX_EXPORT_BYTES);
    // Whichever side fails first fails both: a broken writer must not leave a stored half-file.
    stored.catch((error: unknown) =>
      body.destroy(error instanceof Error ? error : new Error(String(error))),
    );
    const [{ manifestSha256 }, blob] = await Promise.all([
      writeExportArtifact(format, data, body, { files: storedFilesIn(store), onProgress }),
      stored,
    ]);
    const { summary } = data;
    // The checkpoint first, its copy once the row is in (an export's copy without a row means the
    // row was deleted): the head it records is true whether or not the run's update below lands.
    await db.activityCheckpoint.create({ data: checkpointRow(checkpoint) });
    await storeCheckpointCopy(checkpoint);
    const finishedAt = clock();
    await db.exportRun.update({
      where: { id: run.id },
      data: {
        status: "done",
        chainSeq: seq,
        chainHash: hash,
        storageKey: blob.key,
        sha256: blob.sha256,
        size: blob.size,
        fileName: exportFileName(
          ctx.orgSlug,
          summary.engagement.name,
          format,
          // The organisation's date the figures are for (its time zone), not the UTC one.
          summary.today,
        ),
        manifestSha256: manifestSha256 ?? null,
        readinessPercent: summary.figures.counts.readinessPercent,
        figures: JSON.stringify(summary.figures),
        state: JSON.stringify(snapshotState(summary)),
        descriptionVersions: data.descriptionVersions
          ? JSON.stringify(data.descriptionVersions)
          : null,
        heartbeatAt: finishedAt,
        finishedAt,
      },
    });
  } catch (error) {
    const message =
      error instanceof AppError
        ? error.message
        : "The export failed. Try again; if it keeps failing, ask an administrator to check the server log.";
    if (!(error instanceof AppError)) console.error(`[export ${run.id}]`, error);
    await db.exportRun
      .update({
        where: { id: run.id },
        data: { status: "failed", error: message, finishedAt: clock() },
      })
      .catch(() => undefined);
  }
}
