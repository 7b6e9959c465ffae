import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import { importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

// The layer map of STYLE.md as rules (docs/decisions/layer-rules.md says why these rules).
// An import is matched as written: by its "@/" alias or by a relative path that climbs out of the
// folder ("../db/x" from lib/domain, "../../lib/db/x" from components).
const layer = (name) => `^(@/|(\\.\\./)+)(lib/)?${name}(/|$)`;

const LAYER = "@typescript-eslint/no-restricted-imports";

// Everywhere: no fontkit, no @react-pdf package, no pdfkit subpath, and pdfkit itself only in
// PDFKIT_MODULES. The app once patched pdfkit's prototype and loaded a second copy of it beside
// react-pdf's; the PDFs are now drawn with pdfkit directly, listed at one exact version, opened in
// one module and patched by nothing (docs/decisions/0013-pdf-fonts-and-pdf-a.md).
const PDFKIT_MODULES = ["lib/export/pdf/pdfkit-document.ts", "lib/export/pdf/pdfkit.d.ts"];

const pdfkitOutside = {
  regex: "^pdfkit$",
  message:
    "pdfkit is imported only by lib/export/pdf/pdfkit-document.ts (PDFKIT_MODULES): draw through openPdfDocument.",
};

const pdfNonPublic = [
  {
    regex: "^(@react-pdf/.+|pdfkit/.*|fontkit)(/.*)?$",
    message:
      "No fontkit, pdfkit subpath or react-pdf: pdfkit's public entry in PDFKIT_MODULES only, so nothing patches it and there is one copy.",
  },
];

const pdfInternals = [pdfkitOutside, ...pdfNonPublic];

const domainImports = [
  {
    regex: "^(next|react|react-dom|@prisma/.+|prisma|server-only)(/.*)?$",
    message: "lib/domain is pure: no framework or database (STYLE.md, The layers).",
  },
  {
    regex: "^(node:)?fs(/promises)?$",
    message: "lib/domain is pure: the file system is reached from lib/db, lib/storage or scripts.",
  },
  {
    regex: layer("(db|server|auth|storage)"),
    message:
      "lib/domain is pure: it takes data and the clock as arguments and imports no lib/db, lib/server, lib/auth or lib/storage.",
  },
];

const componentImports = [
  {
    regex: layer("db"),
    allowTypeImports: true,
    message:
      "Components take plain data as props: import lib/db types with `import type`, and load data in the page.",
  },
];

const dbImports = [
  {
    regex: layer("(export|export-process|storage)"),
    message:
      "lib/db is data access only: the export pipeline and the blob store call lib/db, not the other way round.",
  },
];

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "tmp/**",
      "lib/db/generated/**",
      "prisma/generated/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mts"],
    languageOptions: {
      parserOptions: {
        // vitest.config.mts is outside tsconfig.json's include (*.ts, *.tsx).
        projectService: { allowDefaultProject: ["*.mts"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mts"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
      "import-x/extensions": [".ts", ".tsx", ".mts", ".js", ".mjs"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx", ".mts"] },
      "import-x/ignore": ["lib/db/generated/", "node_modules/"],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // The folder blocks below replace this rule's options, so each repeats pdfInternals.
    files: ["**/*.ts", "**/*.tsx", "**/*.mts"],
    rules: { [LAYER]: ["error", { patterns: pdfInternals }] },
  },
  {
    files: PDFKIT_MODULES,
    rules: { [LAYER]: ["error", { patterns: pdfNonPublic }] },
  },
  {
    files: ["lib/domain/**"],
    rules: { [LAYER]: ["error", { patterns: [...pdfInternals, ...domainImports] }] },
  },
  {
    files: ["components/**"],
    rules: { [LAYER]: ["error", { patterns: [...pdfInternals, ...componentImports] }] },
  },
  {
    files: ["lib/db/**"],
    rules: { [LAYER]: ["error", { patterns: [...pdfInternals, ...dbImports] }] },
  },
  {
    // One sign-in for integration tests: a file's own session mock drifts from the real rules.
    files: ["tests/integration/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.object.name='vi'][callee.property.name='mock'][arguments.0.value='@/lib/auth/session']:not(:has(Identifier[name='sessionModule']))",
          message:
            'Mock the session with tests/integration/signed-in.ts: vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule()).',
        },
      ],
    },
  },
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        module: "writable",
        require: "readonly",
        process: "readonly",
        __dirname: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
