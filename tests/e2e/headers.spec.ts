import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, signUp, test, uniqueEmail } from "./fixtures";

// What a production build really answers: the headers of pages and downloads, and the status of
// malformed or cross-origin server-action calls (Next used to answer those with 500).

const scriptPolicy = (policy: string | undefined) =>
  policy?.split("; ").find((directive) => directive.startsWith("script-src")) ?? "";

/** Every CSP violation the page reports, from before its first script runs. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

async function newOrganisation(page: Page, name: string): Promise<string> {
  await signUp(page, "Hedda Headers", uniqueEmail("hedda"));
  await page.getByLabel("Organisation name").fill(name);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/[a-z0-9-]+$/);
  return new URL(page.url()).pathname;
}

async function newControl(page: Page, org: string): Promise<string> {
  await page.goto(`${org}/controls/new`);
  await page.getByLabel("Reference").fill("HD-01");
  await page.getByLabel("Title").fill("Header review");
  await page.getByRole("button", { name: "Create control" }).click();
  await expect(page.getByRole("heading", { name: /^HD-01/ })).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop() ?? "";
}

async function upload(
  request: APIRequestContext,
  org: string,
  controlId: string,
  body: Buffer,
  fileName: string,
  contentType: string,
) {
  const slug = org.split("/").pop() ?? "";
  const query = new URLSearchParams({
    controlIds: controlId,
    purpose: "design",
    title: fileName,
    effectiveDate: "2026-06-30",
    fileName,
  });
  const response = await request.post(`/api/orgs/${slug}/evidence/files?${query}`, {
    data: body,
    headers: { "content-type": contentType },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { data: { id: string; sha256: string } }).data;
}

test("pages carry a fresh script nonce instead of 'unsafe-inline', and still hydrate without a violation", async ({
  page,
}) => {
  const violations = await recordViolations(page);
  const response = await page.goto("/sign-in");
  const policy = response?.headers()["content-security-policy"];
  expect(scriptPolicy(policy)).toMatch(
    /^script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'$/,
  );
  expect(scriptPolicy(policy)).not.toContain("unsafe-inline");
  const nonce = /'nonce-([^']+)'/.exec(policy ?? "")?.[1];
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
  expect(
    await page.evaluate(
      () => Array.from(document.scripts).filter((script) => !script.nonce).length,
    ),
  ).toBe(0);
  expect(await page.evaluate(() => document.scripts[0]?.nonce)).toBe(nonce);

  // A client-side interaction: the form checks its fields in the browser, so it has hydrated.
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect(await violations()).toEqual([]);

  const again = await page.request.get("/sign-in");
  expect(/'nonce-([^']+)'/.exec(again.headers()["content-security-policy"] ?? "")?.[1]).not.toBe(
    nonce,
  );
});

test("the 404 page is rendered per request with its nonce too", async ({
  page,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 404/);
  const violations = await recordViolations(page);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  expect(scriptPolicy(response?.headers()["content-security-policy"])).toContain("'nonce-");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect(await violations()).toEqual([]);
});

test("no HSTS over plain http; one year of it when APP_URL is https", async ({ page }) => {
  const response = await page.request.get("/sign-in");
  expect(response.headers()["strict-transport-security"]).toBeUndefined();

  // A second server from the same build, published (APP_URL) over https.
  const port = Number(process.env.E2E_PORT ?? 3100) + 1;
  const server = spawn("npx", ["next", "start", "-p", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      APP_URL: "https://assay.example.test",
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? `file:${path.resolve("tmp/e2e/e2e.db")}`,
      AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-not-for-production-use-0123456789",
    },
    stdio: "ignore",
    detached: true,
  });
  try {
    let headers: Record<string, string> | undefined;
    for (let attempt = 0; attempt < 60 && !headers; attempt++) {
      headers = await page.request.get(`http://localhost:${port}/sign-in`).then(
        (answer) => answer.headers(),
        () => undefined,
      );
      if (!headers) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(headers?.["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
});

test("downloads are sandboxed attachments; a large upload still arrives whole", async ({
  page,
}) => {
  const org = await newOrganisation(page, "Header Downloads");
  const slug = org.split("/").pop() ?? "";
  const controlId = await newControl(page, org);

  const html = Buffer.from("<!doctype html><script>document.title = 'ran'</script>");
  const file = await upload(page.request, org, controlId, html, "page.html", "text/html");
  for (const url of [
    `/api/orgs/${slug}/evidence/${file.id}/file`,
    `/api/orgs/${slug}/evidence/${file.id}/file?inline=1`,
    `${org}/controls/export`,
    `${org}/controls/import/template`,
  ]) {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(200);
    const headers = response.headers();
    expect(headers["content-security-policy"], url).toMatch(/^sandbox; default-src 'none'/);
    expect(headers["content-disposition"], url).toMatch(/^attachment;/);
    expect(headers["x-content-type-options"], url).toBe("nosniff");
  }

  // 11 MB: more than Next buffers for the proxy, which therefore does not run on uploads.
  const large = randomBytes(11 * 1024 * 1024);
  const big = await upload(
    page.request,
    org,
    controlId,
    large,
    "large.bin",
    "application/octet-stream",
  );
  expect(big.sha256).toBe(createHash("sha256").update(large).digest("hex"));
});

test("malformed, oversized and cross-origin server-action calls answer 4xx, never 500", async ({
  page,
  request,
}) => {
  // A real action call, as the browser makes it: its id, content type and body.
  await page.goto("/sign-up");
  const sent = page.waitForRequest(
    (candidate) =>
      candidate.method() === "POST" && candidate.headers()["next-action"] !== undefined,
  );
  await page.getByLabel("Name").fill("Ada Action");
  await page.getByLabel("Email").fill("not an email");
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Create account" }).click();
  const real = await sent;
  const action = real.headers()["next-action"] ?? "";
  const contentType = real.headers()["content-type"] ?? "";
  const body = real.postDataBuffer() ?? Buffer.alloc(0);
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  expect(contentType).toMatch(/^multipart\/form-data; boundary=/);

  const call = (data: string | Buffer, headers: Record<string, string>) =>
    request.post("/sign-up", {
      data,
      headers: { "next-action": action, origin: new URL(page.url()).origin, ...headers },
      maxRedirects: 0,
    });
  const text = "text/plain;charset=UTF-8";
  const cases: [string, string | Buffer, Record<string, string>, number][] = [
    ["the real body again", body, { "content-type": contentType }, 200],
    [
      "a broken multipart body",
      body.subarray(0, body.length - 10),
      { "content-type": contentType },
      400,
    ],
    ["multipart without a boundary", body, { "content-type": "multipart/form-data" }, 400],
    ["bad JSON", "[1,", { "content-type": text }, 400],
    [
      "deeply nested JSON",
      "[".repeat(100_000) + "]".repeat(100_000),
      { "content-type": text },
      400,
    ],
    ["a reference to a part that is not there", '["$1"]', { "content-type": text }, 400],
    ["JSON content type", '{"name":"x"}', { "content-type": "application/json" }, 400],
    [
      "a cross-origin call",
      body,
      { "content-type": contentType, origin: "https://evil.example" },
      403,
    ],
    ["a body over the limit", `"${"x".repeat(3 * 1024 * 1024)}"`, { "content-type": text }, 413],
  ];
  for (const [label, data, headers, status] of cases) {
    const response = await call(data, headers);
    expect(response.status(), label).toBe(status);
  }

  // Arguments as JSON instead of a form reach the action, which refuses them as bad input.
  const asJson = await call(
    '["$undefined",{"name":"x","email":"x@example.com","password":"correct horse battery staple"}]',
    { "content-type": text },
  );
  expect(asJson.status()).toBe(200);
  expect(await asJson.text()).toContain('"code":"VALIDATION"');
});

test("NUL in a query or a route parameter answers 404 or 400, never 500", async ({ page }) => {
  const org = await newOrganisation(page, "Header Params");
  const slug = org.split("/").pop() ?? "";
  const notFound = [
    `${org}/controls?q=%00`,
    `${org}/controls?owner=%00`,
    `${org}/controls/%00`,
    `${org}/controls/not-an-id`,
    `${org}/engagements/%00`,
    `${org}/engagements/cmd2x3k9a0000abcd1234efgh/requirements/%25E0%25A4%25A`,
    `/api/orgs/${slug}/exports/%00`,
    `/api/orgs/${slug}/exports/%00/download`,
    `/api/orgs/${slug}/evidence/%00/file`,
  ];
  for (const url of notFound) expect((await page.request.get(url)).status(), url).toBe(404);
  // A path that cannot be percent-decoded fails inside Next's router (a 500) unless refused first.
  for (const url of [
    `${org}/controls/%E0%A4%A`,
    `/api/orgs/${slug}/exports/%`,
    `/api/orgs/%E0/evidence/files`,
  ]) {
    expect((await page.request.get(url)).status(), url).toBe(400);
  }
  const query = await page.request.get(`/api/orgs/${slug}/exports/cmd2x3k9a0000abcd1234efgh?x=%00`);
  expect(query.status()).toBe(400);
});
