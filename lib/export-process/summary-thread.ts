// The export process draws each pack's summary PDF in a worker thread of its own
// (scripts/summary-pdf-worker.ts, built beside the export process's entry): drawing it is seconds
// of CPU, and on its own thread it runs while the pack's evidence files are read, hashed and
// compressed on the other core, instead of before them. One thread per summary, ended once it
// has answered, so its heap is given back as soon as the PDF is done. The thread has the export
// process's heap limit; a thread that dies, runs out of memory or is stopped fails the render.
import { Worker } from "node:worker_threads";
import type { ExportSummary } from "@/lib/domain/export/types";
import type { SummaryRenderer } from "@/lib/export/summary-renderer";

/** What the thread posts back: the PDF's bytes, or why it could not draw them. */
export type SummaryThreadReply = { pdf: Uint8Array } | { error: string };

export function summaryThreadRenderer(script: string, heapMb: number): SummaryRenderer {
  return (summary: ExportSummary, signal?: AbortSignal) =>
    new Promise<Buffer>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const worker = new Worker(script, {
        workerData: summary,
        resourceLimits: { maxOldGenerationSizeMb: heapMb },
      });
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener("abort", onAbort);
        void worker.terminate();
        outcome();
      };
      const onAbort = () => settle(() => reject(abortReason(signal)));
      signal?.addEventListener("abort", onAbort, { once: true });
      worker.once("message", (reply: SummaryThreadReply) =>
        settle(() =>
          "pdf" in reply
            ? resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength))
            : reject(new Error(`The summary PDF could not be drawn: ${reply.error}`)),
        ),
      );
      worker.once("error", (error) =>
        settle(() => reject(new Error(`The summary PDF's thread failed: ${error.message}`))),
      );
      worker.once("exit", (code) =>
        settle(() =>
          reject(new Error(`The summary PDF's thread ended (code ${code}) unanswered.`)),
        ),
      );
    });
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error("The summary PDF was no longer needed.");
}
