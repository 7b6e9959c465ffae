import path from "node:path";
import { fileURLToPath } from "node:url";
import { builtFile } from "../lib/export-process/entries";
import { exportHeapMb } from "../lib/export-process/settings";
import { summaryThreadRenderer } from "../lib/export-process/summary-thread";
import { runExportRequests } from "../lib/export-process/worker";
import { drawSummariesWith } from "../lib/export/summary-renderer";

// The export process: started by a web process (lib/export-process/runner.ts) with its own heap
// limit, it produces the exports that web process hands it, one at a time. Not run by hand: it
// runs as built JavaScript (lib/export-process/build.ts), beside the summary PDF's thread.

const builtDir = path.dirname(fileURLToPath(import.meta.url));
drawSummariesWith(summaryThreadRenderer(builtFile(builtDir, "summary-pdf-worker"), exportHeapMb()));
runExportRequests();
