// Who draws the readiness summary PDF in this process. Inline by default (tests, the web process
// when EXPORT_RUNNER=inline); the export process hands it to a thread of its own
// (lib/export-process/summary-thread.ts), so the pack's evidence files are written while it is
// drawn, on the second core.
import type { ExportSummary } from "@/lib/domain/export/types";
import { renderSummaryPdf } from "./summary-pdf";

/** Draws `summary`; a renderer that can stop part-way stops when `signal` aborts. */
export type SummaryRenderer = (summary: ExportSummary, signal?: AbortSignal) => Promise<Buffer>;

const inline: SummaryRenderer = (summary) => renderSummaryPdf(summary);

let current: SummaryRenderer = inline;

/** Makes `renderer` draw this process's summaries from now on (null: inline again). */
export function drawSummariesWith(renderer: SummaryRenderer | null): void {
  current = renderer ?? inline;
}

export function renderSummary(summary: ExportSummary, signal?: AbortSignal): Promise<Buffer> {
  return current(summary, signal);
}
