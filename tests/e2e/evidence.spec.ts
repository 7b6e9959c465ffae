import { expect, signUp, test, uniqueEmail } from "./fixtures";

test("design and operating evidence move the control, the requirement and the engagement; a file downloads byte-identical", async ({
  page,
}) => {
  await signUp(page, "Eve Evidence", uniqueEmail("eve"));
  await page.getByLabel("Organisation name").fill("Evidence Demo");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/evidence-demo(-\d+)?$/);
  const org = new URL(page.url()).pathname;

  // A SOC 2 Type II engagement for calendar 2026.
  await page.goto(`${org}/engagements/new`);
  await page.getByLabel("Engagement name").fill("SOC 2 Type II 2026");
  await page.getByLabel("Period start").fill("2026-01-01");
  await page.getByLabel("Period end").fill("2026-12-31");
  await page.getByRole("button", { name: "Create engagement" }).click();
  await expect(page.getByRole("heading", { name: "SOC 2 Type II 2026" })).toBeVisible();
  const engagement = new URL(page.url()).pathname;
  const counts = page.getByLabel("Requirement counts");
  await expect(counts).toContainText("readiness0%");

  // A quarterly control, implemented, owned and described, serving CC1.1.
  await page.goto(`${org}/controls/new`);
  await page.getByLabel("Reference").fill("EV-01");
  await page.getByLabel("Title").fill("Quarterly code of conduct attestation");
  await page
    .getByLabel("Description (design narrative)")
    .fill("Each quarter HR collects signed attestations of the code of conduct from all staff.");
  await page.getByLabel("Owner").selectOption({ label: "Eve Evidence" });
  await page.getByLabel("Status").selectOption("implemented");
  await page.getByLabel("Frequency").selectOption("quarterly");
  await page.getByRole("button", { name: "Create control" }).click();
  await expect(page.getByRole("heading", { name: /^EV-01/ })).toBeVisible();
  const control = new URL(page.url()).pathname;
  await page.getByLabel("Filter").fill("CC1.1");
  await page.getByRole("checkbox", { name: /^CC1\.1 / }).check();
  await page.getByRole("button", { name: "Save mappings" }).click();
  await expect(page.getByText("Mappings saved.")).toBeVisible();

  await page.goto(engagement);
  const cc11 = page.getByRole("row", { name: /CC1\.1/ });
  await expect(cc11).toContainText("In progress");
  await expect(cc11).toContainText("EV-01: no design evidence");

  // Design evidence: a policy file, uploaded with progress, then downloaded back.
  await page.goto(control);
  const policy = Buffer.from(`Code of conduct v3\n${"Integrity first. ".repeat(2000)}\n`);
  await page.getByRole("tab", { name: "Files" }).click();
  await page
    .getByLabel("Choose files")
    .setInputFiles({ name: "code-of-conduct.txt", mimeType: "text/plain", buffer: policy });
  await page.getByLabel("Purpose").selectOption("design");
  await page.getByLabel("Effective date").fill("2026-06-30");
  await page.getByRole("button", { name: "Upload files" }).click();
  await expect(page.getByRole("list", { name: "Uploads" })).toContainText("uploaded");
  const downloadLink = page.getByRole("link", { name: "Download code-of-conduct.txt" });
  await expect(downloadLink).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), downloadLink.click()]);
  const chunks: Buffer[] = [];
  for await (const chunk of (await download.createReadStream()) as AsyncIterable<Buffer>)
    chunks.push(chunk);
  expect(Buffer.concat(chunks).equals(policy)).toBe(true);

  await page.goto(engagement);
  await expect(cc11).toContainText(/EV-01: .*missing/);

  // Operating evidence: one note covering every quarter of the period.
  await page.goto(control);
  await page.getByRole("tab", { name: "Note" }).click();
  await page.getByLabel("Evidence title").fill("Attestation register 2026");
  await page
    .getByLabel("Note (Markdown)")
    .fill("All **four** quarterly attestation rounds were completed; register kept by HR.");
  await page.getByLabel("Effective date").fill("2026-01-01");
  await page.getByLabel("Covers until (optional)").fill("2026-12-31");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Evidence added.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Evidence" }).locator("strong")).toHaveText("four");

  await page.goto(engagement);
  await expect(cc11).toContainText("Ready");
  await expect(cc11).not.toContainText("In progress");
  await expect(counts).toContainText("readiness3%");
  await page.getByRole("link", { name: "Control readiness" }).click();
  await expect(page.getByRole("row", { name: /EV-01/ })).toContainText("ready");
});
