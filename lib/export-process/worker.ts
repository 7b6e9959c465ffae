// Inside the export process: take requests from the web process that started it, produce them
// one at a time, and say when each has ended. Everything a user sees goes through the run's row
// (runExport records progress, the file, or a failure), so this side only reports back.
import { failUnfinishedRuns, touchWaitingRuns } from "@/lib/db/exports";
import { runExport } from "@/lib/exports/run-export";
import { resolveOrgContext } from "@/lib/db/organizations";
import { keepCheckpointCopiesInBlobStore } from "@/lib/storage/checkpoint-copies";
import { isExportRequest, type ExportFinished, type ExportRequest } from "./messages";

/** Runs waiting their turn get a fresh heartbeat this often (well inside EXPORT_STALE_MS). */
const WAITING_HEARTBEAT_MS = 30_000;

const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024;

export function runExportRequests(): void {
  if (!process.send)
    throw new Error("The export process is started by the web process, not by hand.");
  keepCheckpointCopiesInBlobStore();
  const send = (message: ExportFinished) => process.send?.(message);
  const waiting: ExportRequest[] = [];
  let busy = false;
  let parentGone = false;

  const heartbeat = setInterval(() => {
    void touchWaitingRuns(waiting.map((request) => request.runId)).catch(() => undefined);
  }, WAITING_HEARTBEAT_MS);
  heartbeat.unref();

  async function produce(request: ExportRequest): Promise<void> {
    // The member's access is checked again now: it may have been revoked since they asked.
    const ctx = await resolveOrgContext(request.userId, request.orgSlug);
    if (!ctx)
      await failUnfinishedRuns(
        [request.runId],
        "You no longer have access to this organisation's exports.",
        { createdById: request.userId },
      );
    else await runExport(ctx, request.runId);
  }

  async function drain(): Promise<void> {
    if (busy) return;
    busy = true;
    for (let request = waiting.shift(); request; request = waiting.shift()) {
      try {
        await produce(request);
      } catch (error) {
        // runExport records its own failures; this is the database itself failing.
        console.error(`[export ${request.runId}]`, error);
        await failUnfinishedRuns(
          [request.runId],
          "The export failed. Try again; if it keeps failing, ask an administrator to check the server log.",
        ).catch(() => undefined);
      }
      if (parentGone) break;
      send({ type: "finished", runId: request.runId, peakRssMb: peakRssMb() });
    }
    busy = false;
    if (parentGone) await stop();
  }

  async function stop(): Promise<void> {
    clearInterval(heartbeat);
    const abandoned = waiting.splice(0).map((request) => request.runId);
    await failUnfinishedRuns(
      abandoned,
      "The server stopped before this export started. Start it again.",
    ).catch(() => undefined);
    process.exit(0);
  }

  process.on("message", (message: unknown) => {
    if (!isExportRequest(message)) return;
    waiting.push(message);
    void drain();
  });
  // The web process stopped us (idle) or ended: finish the export in hand, then leave.
  process.on("disconnect", () => {
    parentGone = true;
    if (!busy) void stop();
  });
}
