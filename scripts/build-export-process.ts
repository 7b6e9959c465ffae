import { buildExportProcess } from "../lib/export-process/build";
import { BUILT_DIR } from "../lib/export-process/entries";

// `npm run build` (after next build), or by entry.ts with a folder of its own: builds the export
// and job processes' entries into JavaScript (lib/export-process/build.ts).

buildExportProcess(process.cwd(), process.argv[2] ?? BUILT_DIR).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
