// The export and job processes' entries, built with esbuild into JavaScript that Node runs as it
// is: the app's own code bundled in, every package left to Node (which then loads each with its
// own conditions: React's default build for react-pdf, @react-pdf/hyphenate's ES module). The
// "server-only" marker is the one package made empty, as Next's server build does. Run by
// `npm run build` (scripts/build-export-process.ts) into BUILT_DIR; development and tests build
// into a folder of their own on first use (entry.ts). docs/decisions/0036-export-process-build.md.
import path from "node:path";
import { build, type Plugin } from "esbuild";

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

const serverOnlyIsEmpty: Plugin = {
  name: "server-only-is-empty",
  setup(plugins) {
    plugins.onResolve({ filter: /^server-only$/ }, () => ({
      path: "server-only",
      namespace: "empty",
    }));
    plugins.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));
  },
};

/** Builds every entry into `outdir` (absolute, or relative to `projectDir`). */
export async function buildExportProcess(projectDir: string, outdir: string): Promise<void> {
  await build({
    absWorkingDir: projectDir,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES)),
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    packages: "external",
    jsx: "automatic",
    tsconfig: "tsconfig.json",
    plugins: [serverOnlyIsEmpty],
    logLevel: "warning",
  });
}
