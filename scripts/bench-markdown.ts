import { spawn } from "node:child_process";
import { builtScript } from "./lib/bench-built";

// npm run bench:markdown: the benchmark itself is scripts/lib/bench-markdown-run.ts (what it
// measures is described there). It renders PDFs, so it runs as built JavaScript
// (scripts/lib/bench-built.ts); this starts it, and ends with its exit code.

async function main(): Promise<number> {
  const script = await builtScript("scripts/lib/bench-markdown-run.ts");
  const child = spawn(process.execPath, [script], { stdio: "inherit", env: process.env });
  // Ctrl-C reaches the benchmark too: it cleans up and exits 130, which this passes on.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => undefined);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 130 : 1)));
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
