import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
// The OpenID provider the single sign-on spec signs in with (tests/e2e/oidc-provider.ts).
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? port + 600);
const oidcIssuer = `http://127.0.0.1:${oidcPort}`;

// Runs against a production build (`npm run build` first). The server script prepares a fresh
// database: a temporary SQLite file, or the PostgreSQL database named by E2E_DATABASE_URL.
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? "line" : "list",
  use: {
    baseURL,
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
      command: `npx tsx tests/e2e/oidc-provider.ts`,
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: { E2E_OIDC_PORT: String(oidcPort), APP_URL: baseURL },
    },
    {
      command: `npx tsx tests/e2e/server.ts`,
      url: `${baseURL}/sign-in`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        E2E_PORT: String(port),
        APP_URL: baseURL,
        OIDC_ISSUER: oidcIssuer,
        OIDC_CLIENT_ID: "assay-e2e",
        OIDC_CLIENT_SECRET: "assay-e2e-client-secret-0123456789",
        OIDC_NAME: "Test ID",
      },
    },
  ],
});
