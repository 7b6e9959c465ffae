import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Thin pages (STYLE.md): a page calls one loader that returns everything it shows, and tables
// live in components/<feature>. Checked on every page and layout of app/ by reading its source.

const root = path.resolve(__dirname, "../..");

function pageFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pageFiles(full);
    return /^(page|layout)\.tsx$/.test(entry.name) ? [full] : [];
  });
}

/** The values (not types) a source file imports from lib/db. */
function dataAccessImports(source: string): string[] {
  const imports = source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*"@\/lib\/db\/[^"]+"/g);
  return [...imports].flatMap(([, typeOnly, names]) =>
    typeOnly
      ? []
      : (names ?? "")
          .split(",")
          .map((name) => name.trim())
          .filter((name) => name !== "" && !name.startsWith("type ")),
  );
}

const files = pageFiles(path.join(root, "app"));

describe("thin pages", () => {
  it("finds the pages", () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it("reads a source's lib/db value imports, types left out", () => {
    const source = [
      'import { loadA, type A } from "@/lib/db/a";',
      'import type { B } from "@/lib/db/b";',
      'import {\n  listC,\n  getD,\n} from "@/lib/db/c";',
    ].join("\n");
    expect(dataAccessImports(source)).toEqual(["loadA", "listC", "getD"]);
  });

  it("no page or layout calls more than one data-access function", () => {
    const thick = files.flatMap((file) => {
      const names = dataAccessImports(readFileSync(file, "utf8"));
      return names.length > 1 ? [`${path.relative(root, file)}: ${names.join(", ")}`] : [];
    });
    expect(thick).toEqual([]);
  });

  it("no page draws a table: tables are components", () => {
    const withTables = files.filter((file) => /<table\b/.test(readFileSync(file, "utf8")));
    expect(withTables.map((file) => path.relative(root, file))).toEqual([]);
  });
});
