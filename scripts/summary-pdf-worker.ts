import { drawSummaryInThread } from "../lib/export-process/summary-thread-main";

// The export process's thread for a summary PDF (lib/export-process/summary-thread.ts). Not run
// by hand: it is built beside the export process's entry (lib/export-process/build.ts).

void drawSummaryInThread();
