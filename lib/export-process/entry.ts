import "server-only";
import { execFile } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { BUILT_DIR, builtFile, type EntryName } from "./entries";

// Which JavaScript file the export and job processes start from. In production (NODE_ENV
// production: `npm start`, the e2e suite) the one `npm run build` made, and nothing else: a
// missing build is an error, never a fallback to the sources. In development and tests the
// entries are built from the current sources on first use, once per web process, into a folder
// of its own under node_modules/.cache (Node finds the packages from there), removed at exit.

const run = promisify(execFile);

/** The project, kept apart from Turbopack's reach like every path computed at run time here. */
function projectDir(): string {
  return path.join(/* turbopackIgnore: true */ process.cwd());
}

let devBuild: Promise<string> | undefined;

async function buildForDevelopment(): Promise<string> {
  const outdir = path.join(
    projectDir(),
    "node_modules",
    ".cache",
    "assay-export-process",
    `${process.pid}`,
  );
  await mkdir(outdir, { recursive: true });
  process.once("exit", () => rmSync(outdir, { recursive: true, force: true }));
  const script = path.join(projectDir(), "scripts", "build-export-process.ts");
  await run(process.execPath, ["--import", "tsx", script, outdir], { cwd: projectDir() });
  return outdir;
}

/** The entry's built file, building it first outside production. */
export async function entryFile(name: EntryName): Promise<string> {
  if (process.env.NODE_ENV === "production") {
    const file = builtFile(path.join(projectDir(), BUILT_DIR), name);
    if (!existsSync(file))
      throw new Error(`${file} is missing: \`npm run build\` builds the export and job processes.`);
    return file;
  }
  devBuild ??= buildForDevelopment().catch((error: unknown) => {
    devBuild = undefined;
    throw error;
  });
  return builtFile(await devBuild, name);
}
