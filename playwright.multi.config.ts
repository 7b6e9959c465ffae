import { defineConfig, devices } from "@playwright/test";

// Two production instances of one build on one PostgreSQL database and one S3-compatible store
// (tests/e2e-multi): the spec alternates between them. Needs `npm run build` first and
// E2E_DATABASE_URL naming a fresh PostgreSQL database (.ci/run makes and drops one).
const portA = Number(process.env.E2E_MULTI_PORT ?? 3300);
const portB = portA + 1;
const s3Port = portA + 2;
const bucket = "assay-e2e";

/** What both instances share: the database, the session secret and the bucket. */
const shared = {
  AUTH_SECRET: "e2e-multi-only-secret-not-for-production-use-0123456789",
  FILE_STORAGE: "s3",
  S3_BUCKET: bucket,
  S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
  S3_REGION: "us-east-1",
  S3_ACCESS_KEY_ID: "S3RVER",
  S3_SECRET_ACCESS_KEY: "S3RVER",
  S3_FORCE_PATH_STYLE: "1",
  E2E_DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
};

function instance(port: number, prepare: boolean) {
  const baseURL = `http://localhost:${port}`;
  return {
    command: `npx tsx tests/e2e-multi/server.ts${prepare ? " --prepare" : ""}`,
    url: `${baseURL}/sign-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    stderr: "pipe" as const,
    // Files on local disk would be the instance's own: a download from the other one proves
    // that they went to the shared bucket.
    env: {
      ...shared,
      E2E_PORT: String(port),
      APP_URL: baseURL,
      FILE_STORAGE_DIR: `tmp/e2e-multi/files-${port}`,
    },
  };
}

export default defineConfig({
  testDir: "tests/e2e-multi",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? "line" : "list",
  metadata: { instanceA: `http://localhost:${portA}`, instanceB: `http://localhost:${portB}` },
  use: {
    baseURL: `http://localhost:${portA}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: [
    {
      command: `npx tsx tests/e2e-multi/s3.ts`,
      url: `http://127.0.0.1:${s3Port}/${bucket}`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { E2E_S3_PORT: String(s3Port), E2E_S3_BUCKET: bucket },
    },
    instance(portA, true),
    instance(portB, false),
  ],
});
