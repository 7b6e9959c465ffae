import path from "node:path";

// The export and job processes' entries and where their built files go: shared by the build
// (build.ts, which loads esbuild) and the web process (entry.ts, which must not).

/** Entry name → its source, relative to the project. */
export const ENTRIES = {
  "export-worker": "scripts/export-worker.ts",
  "job-worker": "scripts/job-worker.ts",
} as const;

export type EntryName = keyof typeof ENTRIES;

/** Where `npm run build` puts the entries, relative to the project. */
export const BUILT_DIR = path.join("build", "export-process");

/** The file an entry is built to in `outdir`. */
export function builtFile(outdir: string, name: EntryName): string {
  return path.join(outdir, `${name}.mjs`);
}
