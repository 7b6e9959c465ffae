import { existsSync, readFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";

// Import this first in a tsx script that renders a PDF: it resolves two kinds of request the
// way Next's bundle and Vitest do, and leaves every other request alone.
//
// - React's default build. Scripts run with --conditions=react-server so that "server-only"
//   lets lib/db load; that condition also picks React's react-server build, which has no client
//   internals, and @react-pdf's reconciler fails on it ("reading 'S'"). The app loads
//   @react-pdf/renderer as a server external package, with the default build.
// - @react-pdf/hyphenate's "import" files. tsx runs this repository's TypeScript as CommonJS and
//   turns the ES modules those files require into CommonJS, resolving their imports with
//   require() conditions; @react-pdf/hyphenate (which @react-pdf/textkit imports for every PDF)
//   exports its files under "import" only, so that fails with ERR_PACKAGE_PATH_NOT_EXPORTED
//   (diegomura/react-pdf#3551).

type Target = string | Record<string, string | undefined>;
type ExportsMap = Record<string, Target | undefined>;
type Resolve = (
  this: unknown,
  request: string,
  parent: { filename?: string | null } | undefined,
  isMain: boolean,
  options?: unknown,
) => string;

/** Per package, the condition whose file a request resolves to. */
const CONDITION_OF: Record<string, string> = { react: "default", "@react-pdf/hyphenate": "import" };

const loader = Module as unknown as { _resolveFilename: Resolve };

function packageOf(request: string): string | undefined {
  return Object.keys(CONDITION_OF).find(
    (name) => request === name || request.startsWith(`${name}/`),
  );
}

function packageDirectory(name: string, from: string): string {
  const lookup = createRequire(from).resolve.paths(name) ?? [];
  const found = lookup
    .map((dir) => path.join(dir, name))
    .find((dir) => existsSync(path.join(dir, "package.json")));
  if (!found) throw new Error(`Cannot find ${name} from ${from}.`);
  return found;
}

/** The file `condition` names for `request`: an exact entry, else a "./*" pattern. */
function resolveUnder(name: string, condition: string, request: string, from: string): string {
  const dir = packageDirectory(name, from);
  const { exports } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
    exports?: ExportsMap;
  };
  const subpath = `.${request.slice(name.length)}`;
  const pick = (target: Target | undefined): string | undefined =>
    typeof target === "string" ? target : target?.[condition];
  const target =
    pick(exports?.[subpath]) ??
    (subpath === "." ? undefined : pick(exports?.["./*"])?.replace("*", subpath.slice(2)));
  if (!target) throw new Error(`${name} exports no "${subpath}" under "${condition}".`);
  return path.join(dir, target);
}

const original = loader._resolveFilename;
loader._resolveFilename = function resolveFilename(request, parent, isMain, options) {
  const name = packageOf(request);
  const condition = name && CONDITION_OF[name];
  if (!name || !condition) return original.call(this, request, parent, isMain, options);
  return resolveUnder(
    name,
    condition,
    request,
    parent?.filename ?? path.join(process.cwd(), "index.js"),
  );
};
