import { readFile } from "node:fs/promises";
import { assertNoConsoleErrors, expect, signUp, test, uniqueEmail, watchConsole } from "./fixtures";

// The activity page as a history: an owner changes a control, filters the log down to that
// control's changes, follows the link to it, and downloads the filtered log as CSV.

test("an owner filters the activity log and downloads it as CSV", async ({ page }) => {
  watchConsole(page);
  await signUp(page, "Dana Kowalski", uniqueEmail("dana"));
  await page.getByLabel("Organisation name").fill("History Demo");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/history-demo(-\d+)?$/);
  const org = new URL(page.url()).pathname;

  await page.goto(`${org}/controls/new`);
  await page.getByLabel("Reference").fill("AC-01");
  await page.getByLabel("Title").fill("Access review");
  await page.getByRole("button", { name: "Create control" }).click();
  await expect(page.getByRole("heading", { name: "AC-01 · Access review" })).toBeVisible();
  const control = new URL(page.url()).pathname;
  await page.getByLabel("Status").selectOption("implemented");
  await page.getByRole("button", { name: "Save control" }).click();
  await expect(page.getByText("Control saved.")).toBeVisible();

  await page.goto(`${org}/activity`);
  const log = page.getByRole("table", { name: "Activity log" });
  await expect(log).toContainText("Dana Kowalski created the organisation");

  const filters = page.getByRole("form", { name: "Filter the activity log" });
  await filters.getByLabel("Action").selectOption({ label: "Controls and mappings" });
  await filters.getByLabel("Record").fill("AC-01");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=controls/);
  await expect(log.getByRole("row")).toHaveCount(3);
  await expect(log).toContainText("Dana Kowalski changed AC-01 status from draft to implemented");
  await expect(log).not.toContainText("created the organisation");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download these entries as CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^activity-history-demo(-\d+)?-\d{4}-\d\d-\d\d\.csv$/,
  );
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv.trim().split("\n");
  expect(lines[0]).toBe("time,actor,action,record,summary,seq,hash");
  expect(lines).toHaveLength(3);
  expect(lines[1]).toContain("Dana Kowalski,control.updated,control:");
  expect(lines[1]).toContain("Dana Kowalski changed AC-01 status from draft to implemented");

  await filters.getByLabel("From").fill("2026-02-01");
  await filters.getByLabel("To").fill("2026-01-01");
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page.getByText("The end date must be on or after the start date.")).toBeVisible();
  await expect(
    page.getByRole("alert").filter({ hasText: "Some filters are not valid" }),
  ).toBeVisible();

  await filters.getByRole("link", { name: "Clear" }).click();
  await log.getByRole("link", { name: "AC-01" }).first().click();
  await expect(page).toHaveURL(new RegExp(`${control}$`));
  assertNoConsoleErrors(page);
});
