import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The layer rules of eslint.config.mjs, shown firing on planted violations through ESLint's
// Node API with the repository's own config. Planted code is linted as if it were at the path
// given; it never reaches the disk except the two files of the cycle (the cycle rule reads the
// files an import leads to), written under the git-ignored tmp/ and removed afterwards.

const root = path.resolve(__dirname, "../..");
const cycleDir = path.join(root, "tmp", `lint-planted-cycle-${process.pid}`);
const PLANTED = [
  "lib/export/pdf/planted.ts",
  "lib/domain/planted.ts",
  "lib/domain/readiness/planted.ts",
  "lib/db/planted.ts",
  "components/planted/planted.tsx",
  "tests/integration/planted.test.ts",
  "tmp/lint-planted-cycle-*/*.ts",
];
const eslint = new ESLint({
  cwd: root,
  // tmp/ is ignored by the config; the cycle's files live there so no one else's lint sees them.
  ignore: false,
  // Typed linting only knows files on disk; the planted ones are typed with the repo's options.
  overrideConfig: {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: PLANTED, defaultProject: "tsconfig.json" },
      },
    },
  },
});

type Finding = { ruleId: string | null; message: string };

async function lint(filePath: string, code: string): Promise<Finding[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message }));
}

const rules = (findings: Finding[]) => findings.map((finding) => finding.ruleId);
const LAYER = "@typescript-eslint/no-restricted-imports";

describe("layer rules", { timeout: 240_000 }, () => {
  beforeAll(() => {
    mkdirSync(cycleDir, { recursive: true });
    writeFileSync(
      path.join(cycleDir, "a.ts"),
      'import { b } from "./b";\n\nexport const a = (): number => b() + 1;\n',
    );
    writeFileSync(
      path.join(cycleDir, "b.ts"),
      'import { a } from "./a";\n\nexport const b = (): number => a() - 1;\n',
    );
  });
  afterAll(() => rmSync(cycleDir, { recursive: true, force: true }));

  it("lib/domain may not import Prisma, next, react, the file system or lib/db", async () => {
    const findings = await lint(
      "lib/domain/planted.ts",
      'import { PrismaClient } from "@prisma/client";\n\nexport const client = new PrismaClient();\n',
    );
    expect(findings).toEqual([
      {
        ruleId: LAYER,
        message:
          "'@prisma/client' import is restricted from being used by a pattern. lib/domain is pure: no framework or database (STYLE.md, The layers).",
      },
    ]);
    for (const source of [
      "next/navigation",
      "react",
      "node:fs",
      "fs/promises",
      "@/lib/db/client",
      "../db/client",
      "@/lib/server/action",
      "@/lib/auth/session",
      "@/lib/storage",
    ]) {
      const planted = await lint(
        "lib/domain/readiness/planted.ts",
        `import * as planted from "${source}";\n\nexport const used = planted;\n`,
      );
      expect(rules(planted), source).toEqual([LAYER]);
    }
    // Even a type: lib/domain does not know the database's shapes.
    const typeOnly = await lint(
      "lib/domain/planted.ts",
      'import type { OrgContext } from "@/lib/db/context";\n\nexport type Planted = OrgContext;\n',
    );
    expect(rules(typeOnly)).toEqual([LAYER]);
  });

  it("lib/domain may import its own modules, lib/errors and node:crypto", async () => {
    const findings = await lint(
      "lib/domain/planted.ts",
      [
        'import { createHash } from "node:crypto";',
        'import { notFound } from "@/lib/errors";',
        'import { isValidSlug } from "./slug";',
        "",
        "export const planted = [createHash, notFound, isValidSlug];",
        "",
      ].join("\n"),
    );
    expect(findings).toEqual([]);
  });

  it("components may import lib/db types but not values", async () => {
    const value = await lint(
      "components/planted/planted.tsx",
      'import { getDb } from "@/lib/db/client";\n\nexport const planted = getDb;\n',
    );
    expect(value).toEqual([
      {
        ruleId: LAYER,
        message:
          "'@/lib/db/client' import is restricted from being used by a pattern. Components take plain data as props: import lib/db types with `import type`, and load data in the page.",
      },
    ]);
    const relative = await lint(
      "components/planted/planted.tsx",
      'import { getDb } from "../../lib/db/client";\n\nexport const planted = getDb;\n',
    );
    expect(rules(relative)).toEqual([LAYER]);
    const typeOnly = await lint(
      "components/planted/planted.tsx",
      'import type { OrgContext } from "@/lib/db/context";\n\nexport type Planted = OrgContext;\n',
    );
    expect(typeOnly).toEqual([]);
  });

  it("lib/db may not import lib/export, lib/export-process or lib/storage", async () => {
    for (const source of [
      "@/lib/export/summary-pdf",
      "../export/summary-pdf",
      "@/lib/export-process/runner",
      "@/lib/storage",
    ]) {
      const findings = await lint(
        "lib/db/planted.ts",
        `import * as planted from "${source}";\n\nexport const used = planted;\n`,
      );
      expect(rules(findings), source).toEqual([LAYER]);
    }
  });

  it("no lib/db file is exempt: the checkpoints and their audit reach the blob store through the registered copy store", async () => {
    for (const file of ["lib/db/checkpoints.ts", "lib/db/activity-audit.ts"]) {
      const findings = await lint(
        file,
        'import { getBlobStore } from "@/lib/storage";\n\nexport const store = getBlobStore;\n',
      );
      expect(findings, file).toEqual([
        {
          ruleId: LAYER,
          message:
            "'@/lib/storage' import is restricted from being used by a pattern. lib/db is data access only: the export pipeline and the blob store call lib/db, not the other way round.",
        },
      ]);
    }
  });

  it("pdfkit is imported only by lib/export/pdf/pdfkit-document.ts; fontkit, pdfkit subpaths and react-pdf by no file", async () => {
    const planted = (source: string) =>
      `import * as planted from "${source}";\n\nexport const used = planted;\n`;
    for (const [file, source] of [
      ["lib/export/pdf/planted.ts", "pdfkit"],
      ["lib/export/markdown-pdf.ts", "pdfkit"],
      ["lib/export/artifacts.ts", "pdfkit"],
      ["lib/export/pdf/planted.ts", "pdfkit/js/pdfkit.es"],
      ["lib/export/pdf/planted.ts", "fontkit"],
      ["lib/export/pdf/planted.ts", "@react-pdf/font"],
      ["lib/export/pdf/planted.ts", "@react-pdf/renderer/lib/react-pdf.js"],
      ["lib/export/pdf/planted.ts", "@react-pdf/renderer"],
      ["lib/export/pdf/pdfkit-document.ts", "pdfkit/js/pdfkit.es"],
      ["lib/export/pdf/pdfkit-document.ts", "fontkit"],
      ["lib/export/pdf/pdfkit-document.ts", "@react-pdf/font"],
      ["lib/db/planted.ts", "pdfkit"],
      ["lib/domain/planted.ts", "pdfkit"],
      ["components/planted/planted.tsx", "pdfkit"],
    ] as const) {
      const findings = await lint(file, planted(source));
      expect(rules(findings), `${source} from ${file}`).toEqual([LAYER]);
    }
    expect(await lint("lib/export/pdf/pdfkit-document.ts", planted("pdfkit"))).toEqual([]);
  });

  it("an integration test signs in through signed-in.ts, not a session mock of its own", async () => {
    const own = await lint(
      "tests/integration/planted.test.ts",
      'import { vi } from "vitest";\n\nvi.mock("@/lib/auth/session", () => ({ getCurrentUser: async () => null }));\n',
    );
    expect(rules(own)).toEqual(["no-restricted-syntax"]);
    const shared = await lint(
      "tests/integration/planted.test.ts",
      'import { vi } from "vitest";\n\nvi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());\n',
    );
    expect(shared).toEqual([]);
  });

  it("an import cycle fails the lint; a type-only import back does not count", async () => {
    const cycle = await lint(
      path.relative(root, path.join(cycleDir, "a.ts")),
      'import { b } from "./b";\n\nexport const a = (): number => b() + 1;\n',
    );
    expect(cycle).toEqual([{ ruleId: "import-x/no-cycle", message: "Dependency cycle detected" }]);
    const typeOnly = await lint(
      path.relative(root, path.join(cycleDir, "c.ts")),
      'import type { a } from "./a";\n\nexport type C = typeof a;\n',
    );
    expect(typeOnly).toEqual([]);
  });

  it("a floating promise fails the lint; an awaited or voided one does not", async () => {
    const floating = await lint(
      "lib/domain/planted.ts",
      "async function work(): Promise<void> {}\n\nexport function start(): void {\n  work();\n}\n",
    );
    expect(rules(floating)).toEqual(["@typescript-eslint/no-floating-promises"]);
    const handled = await lint(
      "lib/domain/planted.ts",
      [
        "async function work(): Promise<void> {}",
        "",
        "export async function start(): Promise<void> {",
        "  await work();",
        "  // Fire and forget: nothing waits for the second run.",
        "  void work();",
        "}",
        "",
      ].join("\n"),
    );
    expect(handled).toEqual([]);
  });

  it("a promise where a void callback is expected, and a switch missing a case, fail", async () => {
    const misused = await lint(
      "lib/domain/planted.ts",
      "export function plant(run: () => void): void {\n  run();\n}\n\nplant(async () => {});\n",
    );
    expect(rules(misused)).toEqual(["@typescript-eslint/no-misused-promises"]);
    const switched = await lint(
      "lib/domain/planted.ts",
      [
        'export function label(kind: "a" | "b"): string {',
        "  switch (kind) {",
        '    case "a":',
        '      return "A";',
        "  }",
        '  return "?";',
        "}",
        "",
      ].join("\n"),
    );
    expect(rules(switched)).toEqual(["@typescript-eslint/switch-exhaustiveness-check"]);
  });
});
