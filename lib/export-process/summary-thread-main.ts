// Inside the summary PDF's thread (summary-thread.ts): draw the summary it was started with and
// post the bytes back, moved rather than copied.
import { parentPort, workerData } from "node:worker_threads";
import type { ExportSummary } from "@/lib/domain/export/types";
import { renderSummaryPdf } from "@/lib/export/summary-pdf";
import type { SummaryThreadReply } from "./summary-thread";

export async function drawSummaryInThread(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error("The summary PDF's thread is started by the export process.");
  try {
    const pdf = await renderSummaryPdf(workerData as ExportSummary);
    // A copy that owns its memory, so it can be transferred whole.
    const bytes = new Uint8Array(pdf);
    port.postMessage({ pdf: bytes } satisfies SummaryThreadReply, [bytes.buffer]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    port.postMessage({ error: message } satisfies SummaryThreadReply);
  }
}
