import { expect, signUp, test, uniqueEmail } from "./fixtures";

// The work queue as a control owner meets it: the dashboard lists a design blocker, My work (where
// the organisation now sends its owner) shows the missing occurrence, and on the control page the
// evidence form is a few Tab presses away.

test("the dashboard lists a design blocker, My work the owner's missing occurrence, the evidence form is near", async ({
  page,
}) => {
  await signUp(page, "Wanda Work", uniqueEmail("wanda"));
  await page.getByLabel("Organisation name").fill("Work Queue Demo");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/work-queue-demo(-\d+)?$/);
  const org = new URL(page.url()).pathname;

  await page.goto(`${org}/engagements/new`);
  await page.getByLabel("Engagement name").fill("SOC 2 Type II 2026");
  await page.getByLabel("Period start").fill("2026-01-01");
  await page.getByLabel("Period end").fill("2026-12-31");
  await page.getByRole("button", { name: "Create engagement" }).click();
  await expect(page.getByRole("heading", { name: "SOC 2 Type II 2026" })).toBeVisible();
  const engagement = new URL(page.url()).pathname;

  // An implemented, owned, described quarterly control serving CC1.1, with no evidence at all.
  await page.goto(`${org}/controls/new`);
  await page.getByLabel("Reference").fill("WQ-01");
  await page.getByLabel("Title").fill("Quarterly attestation");
  await page
    .getByLabel("Description (design narrative)")
    .fill("Each quarter HR collects signed attestations of the code of conduct.");
  await page.getByLabel("Owner").selectOption({ label: "Wanda Work" });
  await page.getByLabel("Status").selectOption("implemented");
  await page.getByLabel("Frequency").selectOption("quarterly");
  await page.getByRole("button", { name: "Create control" }).click();
  await expect(page.getByRole("heading", { name: /^WQ-01/ })).toBeVisible();
  const control = new URL(page.url()).pathname;
  await page.getByLabel("Filter").fill("CC1.1");
  await page.getByRole("checkbox", { name: /^CC1\.1 / }).check();
  await page.getByRole("button", { name: "Save mappings" }).click();
  await expect(page.getByText("Mappings saved.")).toBeVisible();

  // The dashboard's queue names the design blocker and links to the control.
  await page.goto(`${engagement}/dashboard`);
  const queue = page.getByRole("list", { name: "Next actions" });
  const blocker = queue.getByRole("link", { name: "WQ-01: no design evidence" });
  await expect(blocker).toBeVisible();
  await expect(page.getByText("Nothing outstanding today.")).toHaveCount(0);
  await page.getByLabel("Kind").selectOption("missing");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/kind=missing/);
  await expect(queue.getByRole("link", { name: /^WQ-01: \d+ occurrences missing/ })).toBeVisible();
  await expect(queue.getByRole("link", { name: "WQ-01: no design evidence" })).toHaveCount(0);

  // The organisation's landing page sends an owner of controls to My work.
  await page.goto(org);
  await expect(page).toHaveURL(new RegExp(`${org}/my-work$`));
  const missing = page.getByRole("list", { name: "Missing" });
  await expect(missing).toContainText(/WQ-01: \d+ occurrences missing, the oldest 2026-Q1/);
  await expect(page.getByRole("navigation", { name: "Organisation" })).toContainText(
    /My work \(\d+\)/,
  );

  // From the top of the control page, the evidence form is three Tab presses away.
  await page.goto(control);
  let tabs = 0;
  const focusedIn = (selector: string) =>
    page.evaluate((s) => document.activeElement?.closest(s) !== null, selector);
  await page.keyboard.press("Tab");
  tabs += 1;
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  tabs += 1;
  await expect(page.getByRole("link", { name: "Skip to the evidence form" })).toBeFocused();
  await page.keyboard.press("Enter");
  while (!(await focusedIn("#add-evidence")) && tabs < 40) {
    await page.keyboard.press("Tab");
    tabs += 1;
  }
  expect(await focusedIn("#add-evidence")).toBe(true);
  expect(tabs).toBeLessThanOrEqual(4);
});
