import type { Download, Page } from "@playwright/test";
import { Client } from "pg";
import { expect, signUp, test, uniqueEmail } from "../e2e/fixtures";

// Two instances of one production build (playwright.multi.config.ts) on one PostgreSQL
// database and one S3 store, each request going to one or the other: nothing a person does may
// depend on which instance answers, and the scheduled jobs run once although both tick.

const portA = Number(process.env.E2E_MULTI_PORT ?? 3300);
const A = `http://localhost:${portA}`;
const B = `http://localhost:${portA + 1}`;

/** The same path on the other instance. */
function on(instance: string, page: Page): string {
  const url = new URL(page.url());
  return `${instance}${url.pathname}${url.search}`;
}

async function bytesOf(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of (await download.createReadStream()) as AsyncIterable<Buffer>)
    chunks.push(chunk);
  return Buffer.concat(chunks);
}

test("signed in on one instance and continuing on the other, files and exports made on one come from the other, and each scheduled run happens once", async ({
  page,
}) => {
  // Signed up (and so signed in) on A; B reads the same session cookie.
  await signUp(page, "Morgan Multi", uniqueEmail("multi"));
  await expect(page.getByLabel("Organisation name")).toBeVisible();
  expect(page.url().startsWith(A)).toBe(true);
  await page.goto(on(B, page));
  await page.getByLabel("Organisation name").fill("Two Instances");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(new RegExp(`^${B}/o/two-instances(-\\d+)?$`));
  const org = new URL(page.url()).pathname;
  const slug = org.split("/")[2] ?? "";

  // An engagement made on A, a control on B.
  await page.goto(`${A}${org}/engagements/new`);
  await page.getByLabel("Engagement name").fill("SOC 2 Type II 2026");
  await page.getByLabel("Period start").fill("2026-01-01");
  await page.getByLabel("Period end").fill("2026-12-31");
  await page.getByRole("button", { name: "Create engagement" }).click();
  await expect(page.getByRole("heading", { name: "SOC 2 Type II 2026" })).toBeVisible();
  const engagement = new URL(page.url()).pathname;

  await page.goto(`${B}${org}/controls/new`);
  await page.getByLabel("Reference").fill("MI-01");
  await page.getByLabel("Title").fill("Quarterly code of conduct attestation");
  await page
    .getByLabel("Description (design narrative)")
    .fill("Each quarter HR collects signed attestations of the code of conduct from all staff.");
  await page.getByLabel("Owner").selectOption({ label: "Morgan Multi" });
  await page.getByRole("button", { name: "Create control" }).click();
  await expect(page.getByRole("heading", { name: /^MI-01/ })).toBeVisible();
  const control = new URL(page.url()).pathname;

  // A file uploaded through A (into the bucket: each instance has a local directory of its
  // own), downloaded through B byte for byte.
  await page.goto(`${A}${control}`);
  const policy = Buffer.from(`Code of conduct v3\n${"Integrity first. ".repeat(2000)}\n`);
  await page.getByRole("tab", { name: "Files" }).click();
  await page
    .getByLabel("Choose files")
    .setInputFiles({ name: "code-of-conduct.txt", mimeType: "text/plain", buffer: policy });
  await page.getByLabel("Purpose").selectOption("design");
  await page.getByLabel("Effective date").fill("2026-06-30");
  await page.getByRole("button", { name: "Upload files" }).click();
  await expect(page.getByRole("list", { name: "Uploads" })).toContainText("uploaded");

  await page.goto(`${B}${control}`);
  const fileLink = page.getByRole("link", { name: "Download code-of-conduct.txt" });
  const [file] = await Promise.all([page.waitForEvent("download"), fileLink.click()]);
  expect(file.url().startsWith(`${B}/`)).toBe(true);
  expect((await bytesOf(file)).equals(policy)).toBe(true);

  // An export started on B (its export process writes it), listed and downloaded on A.
  await page.goto(`${B}${engagement}/exports`);
  await page.getByRole("button", { name: "Export Readiness summary (PDF)" }).click();
  await expect(page.getByRole("table", { name: "Exports" }).getByRole("row")).not.toHaveCount(0);
  await page.goto(`${A}${engagement}/exports`);
  const pdfLink = page
    .getByRole("table", { name: "Exports" })
    .getByRole("link", { name: /\.pdf$/ });
  await expect(pdfLink).toBeVisible({ timeout: 60_000 });
  const [pdf] = await Promise.all([page.waitForEvent("download"), pdfLink.click()]);
  expect(pdf.url().startsWith(`${A}/`)).toBe(true);
  const pdfBytes = await bytesOf(pdf);
  expect(pdfBytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(pdfBytes.length).toBeGreaterThan(1000);

  // Both instances tick every second. Each run of this organisation's jobs (today's readiness
  // roll-forward and snapshot among them) has one row, claimed once (no second attempt) and
  // succeeded; the work is done once, not once per instance.
  const db = new Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  try {
    type Run = { job: string; runKey: string; status: string; attempts: number };
    const runs = async () =>
      (
        await db.query<Run>(
          `SELECT r.job, r."runKey", r.status, r.attempts FROM "JobRun" r
             JOIN "Organization" o ON o.id = r."organizationId"
            WHERE o.slug = $1 ORDER BY r.job, r."runKey"`,
          [slug],
        )
      ).rows;
    await expect
      .poll(
        async () => (await runs()).filter((run) => run.status === "succeeded").map((r) => r.job),
        {
          timeout: 30_000,
        },
      )
      .toEqual(expect.arrayContaining(["readiness-snapshot"]));
    const seen = await runs();
    const keys = seen.map((run) => `${run.job} ${run.runKey}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const run of seen) expect(run, `${run.job} ${run.runKey}`).toMatchObject({ attempts: 1 });
    expect(seen.filter((run) => run.status === "failed")).toEqual([]);
    const snapshots = await db.query<{ day: string; n: number }>(
      `SELECT s.day, count(*)::int AS n FROM "ReadinessSnapshot" s
         JOIN "Organization" o ON o.id = s."organizationId"
        WHERE o.slug = $1 GROUP BY s.day`,
      [slug],
    );
    for (const row of snapshots.rows) expect(row.n, `snapshots on ${row.day}`).toBe(1);
  } finally {
    await db.end();
  }
});
