import { rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { buildForNode } from "../../lib/export-process/build";

// A benchmark's process that renders PDFs runs built JavaScript, as the export process does
// (lib/export-process/build.ts): the app's code bundled, every package left to Node, which loads
// each with its own conditions, as it would unbundled. tsx, which runs the sources as CommonJS
// with the react-server condition that lib/db's "server-only" needs, cannot.

const built = new Map<string, Promise<string>>();

/** `source` (relative to the project) built once per process; resolves to its .mjs file. */
export function builtScript(source: string): Promise<string> {
  let file = built.get(source);
  if (!file) {
    file = build(source);
    built.set(source, file);
  }
  return file;
}

async function build(source: string): Promise<string> {
  const projectDir = process.cwd();
  // Under node_modules, where Node finds the packages the build leaves out.
  const outdir = path.join(
    projectDir,
    "node_modules",
    ".cache",
    "assay-bench",
    `${process.pid}-${built.size}`,
  );
  await mkdir(outdir, { recursive: true });
  process.once("exit", () => rmSync(outdir, { recursive: true, force: true }));
  const name = path.basename(source).replace(/\.tsx?$/, "");
  await buildForNode(projectDir, outdir, { [name]: source });
  return path.join(outdir, `${name}.mjs`);
}
