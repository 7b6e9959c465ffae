import { runJobs } from "../lib/export-process/job-worker";

// A job process: started by a web process (lib/export-process/job-pool.ts) with its own heap
// limit, it does the paperwork PDFs and pack checks that web process hands it. Not run by hand:
// it runs as built JavaScript (lib/export-process/build.ts).

runJobs();
