import { runExportRequests } from "../lib/export-process/worker";

// The export process: started by a web process (lib/export-process/runner.ts) with its own heap
// limit, it produces the exports that web process hands it, one at a time. Not run by hand: it
// runs as built JavaScript (lib/export-process/build.ts).

runExportRequests();
