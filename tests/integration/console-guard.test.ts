import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";

// The integration setup (setup.ts) fails a test that logs a console.error or console.warn it did
// not declare. Proven end to end: a nested vitest runs a planted test file with the same global
// setup and setup file, and reports which of its tests failed and why.

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, "../..");
const dir = path.join(repo, "tmp", `console-guard-${randomBytes(4).toString("hex")}`);
const relative = path.relative(repo, dir);

const config = `import path from "node:path";
import { defineConfig } from "vitest/config";
const repo = ${JSON.stringify(repo)};
export default defineConfig({
  resolve: {
    alias: { "@": repo, "server-only": path.join(repo, "tests/fixtures/server-only.ts") },
  },
  test: {
    root: repo,
    include: [${JSON.stringify(`${relative}/*.test.ts`)}],
    environment: "node",
    globalSetup: ["tests/integration/global-setup.ts"],
    setupFiles: ["tests/integration/setup.ts"],
  },
});
`;

const planted = `import { it } from "vitest";
import { expectConsoleError } from "@/tests/integration/helpers";
it("logs a stray error", () => {
  console.error("a stray %s", "error");
});
it("logs a stray warning", () => {
  console.warn("a stray warning");
});
it("logs an error it expects", () => {
  expectConsoleError(/expected failure/);
  console.error("an expected failure");
});
it("logs nothing", () => {});
`;

type Report = {
  testResults: {
    assertionResults: { title: string; status: string; failureMessages: string[] }[];
  }[];
};

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the integration console guard", () => {
  it(
    "fails a test on a stray console.error or console.warn, not on a declared one",
    { timeout: 120_000 },
    async () => {
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, "vitest.config.mts"), config);
      await writeFile(path.join(dir, "planted.test.ts"), planted);
      const output = path.join(dir, "report.json");
      const outcome = await run(
        process.execPath,
        [
          path.join(repo, "node_modules/vitest/vitest.mjs"),
          "run",
          "--config",
          path.join(dir, "vitest.config.mts"),
          "--reporter=json",
          `--outputFile=${output}`,
        ],
        { cwd: repo, env: { ...process.env, DATABASE_URL: "" } },
      ).then(
        () => "passed",
        () => "failed",
      );
      expect(outcome).toBe("failed");

      const report = JSON.parse(await readFile(output, "utf8")) as Report;
      const results = new Map(
        report.testResults.flatMap((file) =>
          file.assertionResults.map((test) => [test.title, test] as const),
        ),
      );
      expect([...results.keys()].sort()).toEqual([
        "logs a stray error",
        "logs a stray warning",
        "logs an error it expects",
        "logs nothing",
      ]);
      expect(results.get("logs a stray error")?.status).toBe("failed");
      expect(results.get("logs a stray error")?.failureMessages.join("\n")).toMatch(
        /unexpected console output[^]*console\.error: a stray error/,
      );
      expect(results.get("logs a stray warning")?.status).toBe("failed");
      expect(results.get("logs a stray warning")?.failureMessages.join("\n")).toMatch(
        /console\.warn: a stray warning/,
      );
      expect(results.get("logs an error it expects")?.status).toBe("passed");
      expect(results.get("logs nothing")?.status).toBe("passed");
    },
  );
});
