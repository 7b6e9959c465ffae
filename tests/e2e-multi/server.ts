import { spawn, spawnSync } from "node:child_process";

// One of the two production instances of the multi-instance end-to-end run: `npm start` as
// tests/e2e/server.ts runs it, on the PostgreSQL database named by E2E_DATABASE_URL and the S3
// store of tests/e2e-multi/s3.ts. Only the instance started with --prepare migrates and seeds
// the database (Playwright starts the web servers one after the other, that one first); both
// run the scheduled jobs' loop, ticking every second, so both claim the same runs.
function main(): void {
  const port = process.env.E2E_PORT;
  const url = process.env.E2E_DATABASE_URL;
  if (!port) throw new Error("E2E_PORT is not set.");
  if (!url?.startsWith("postgresql://"))
    throw new Error("E2E_DATABASE_URL must name a fresh PostgreSQL database.");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  if (process.argv.includes("--prepare")) {
    const prepared = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/prepare.ts"], {
      stdio: "inherit",
      env,
    });
    if (prepared.status !== 0) throw new Error("Preparing the end-to-end database failed.");
  }
  const server = spawn("npx", ["tsx", "scripts/serve.ts"], {
    stdio: "inherit",
    env: {
      ...env,
      PORT: port,
      TRUSTED_PROXY_HOPS: "1",
      NODE_ENV: "production",
      JOBS_INTERVAL_SECONDS: "1",
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
