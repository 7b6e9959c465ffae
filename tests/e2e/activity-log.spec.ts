import { writeFile } from "node:fs/promises";
import { expect, signUp, test, uniqueEmail } from "./fixtures";

// The activity log checked against a head kept outside Assay: an owner exports the readiness
// data, keeps the file, and has the verify page compare the log with it; the settings page says
// how checkpoints are signed.

test("an owner checks the activity log against a JSON export they kept", async ({ page }) => {
  await signUp(page, "Kim Keeper", uniqueEmail("keeper"));
  await page.getByLabel("Organisation name").fill("Ledger Works");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/ledger-works(-\d+)?$/);
  const org = new URL(page.url()).pathname;

  await page.goto(`${org}/engagements/new`);
  await page.getByLabel("Engagement name").fill("SOC 2 Type II 2026");
  await page.getByLabel("Period start").fill("2026-01-01");
  await page.getByLabel("Period end").fill("2026-12-31");
  await page.getByRole("button", { name: "Create engagement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "SOC 2 Type II 2026" })).toBeVisible();

  await page.getByRole("link", { name: "Exports" }).click();
  await page.getByRole("button", { name: "Export Readiness data (JSON)" }).click();
  const exportLink = page
    .getByRole("table", { name: "Exports" })
    .getByRole("link", { name: /\.json$/ });
  await expect(exportLink).toBeVisible({ timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
  const kept = test.info().outputPath("kept-export.json");
  await download.saveAs(kept);
  const junk = test.info().outputPath("notes.json");
  await writeFile(junk, '{"hello":"world"}');

  await page
    .getByRole("navigation", { name: "Organisation" })
    .getByRole("link", { name: "Verify a pack" })
    .click();
  const check = page.getByRole("region", { name: "Activity log check" });
  await expect(check).toContainText(
    /Integrity check passed: all \d+ entries are chained and unmodified \(head #\d+\), and it agrees with \d+ recorded heads?\./,
  );

  await page.getByLabel(/Files kept from earlier exports/).setInputFiles([kept, junk]);
  await page.getByRole("button", { name: "Check the log against these files" }).click();
  await expect(
    page.getByText("notes.json: not an Assay checkpoint, pack manifest or JSON export."),
  ).toBeVisible();
  await expect(
    check.getByRole("listitem").filter({
      hasText: /^kept-export\.json \(JSON export generated .*\) agrees with entry #\d+/,
    }),
  ).toBeVisible();
  await expect(check).toContainText("Signatures not checked: no signing key is configured.");

  await page
    .getByRole("navigation", { name: "Organisation" })
    .getByRole("link", { name: "Settings" })
    .click();
  await expect(page.getByRole("region", { name: "Activity log signing key" })).toContainText(
    "No signing key is configured",
  );
});
