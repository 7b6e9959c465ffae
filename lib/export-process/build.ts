// The export and job processes' entries, built with esbuild into JavaScript that Node runs as it
// is: the app's own code bundled in, every package left to Node (which then loads each with its
// own conditions, as it would unbundled). The
// "server-only" marker is the one package made empty, as Next's server build does. Run by
// `npm run build` (scripts/build-export-process.ts) into BUILT_DIR (entries.ts); development and tests build
// into a folder of their own on first use (entry.ts). docs/decisions/0029-export-process.md.
import { build, type Plugin } from "esbuild";
import { ENTRIES } from "./entries";

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
export function buildExportProcess(projectDir: string, outdir: string): Promise<void> {
  return buildForNode(projectDir, outdir, ENTRIES);
}

/**
 * Builds `entryPoints` (name → source, relative to `projectDir`) into `<outdir>/<name>.mjs` the
 * same way: also the benchmarks' processes that render PDFs (scripts/lib/bench-built.ts).
 */
export async function buildForNode(
  projectDir: string,
  outdir: string,
  entryPoints: Readonly<Record<string, string>>,
): Promise<void> {
  await build({
    absWorkingDir: projectDir,
    entryPoints: { ...entryPoints },
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
