import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { E2E_CLOCK_FILE } from "./clock";

// Starts the production build for the end-to-end suite on a database of its own.
function main(): void {
  const port = process.env.E2E_PORT ?? "3100";
  let url = process.env.E2E_DATABASE_URL;
  if (!url) {
    const dir = path.resolve("tmp/e2e");
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    url = `file:${path.join(dir, "e2e.db")}`;
  }
  // Migrated and seeded with the demo organisation as `npm start` does (scripts/prepare.ts), so
  // the accessibility and phone checks have a full organisation to walk through.
  const prepared = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/prepare.ts"], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: url },
  });
  if (prepared.status !== 0) throw new Error("Preparing the end-to-end database failed.");
  fs.rmSync(E2E_CLOCK_FILE, { force: true });
  // Our server entry, as `npm start` runs it; the suite's browsers send X-Forwarded-For as if
  // one reverse proxy stood in front (tests/e2e/fixtures.ts), so each person has an address.
  const server = spawn("npx", ["tsx", "scripts/serve.ts"], {
    stdio: "inherit",
    env: {
      ...process.env,
      PORT: port,
      TRUSTED_PROXY_HOPS: process.env.TRUSTED_PROXY_HOPS ?? "1",
      DATABASE_URL: url,
      AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-not-for-production-use-0123456789",
      NODE_ENV: "production",
      // Absent unless a test writes it: then "today" is the instant the file holds.
      ASSAY_CLOCK_FILE: E2E_CLOCK_FILE,
    },
  });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

try {
  main();
} catch (error: unknown) {
  console.error(error);
  process.exit(1);
}
