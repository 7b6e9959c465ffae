import { expect, signUp, test, uniqueEmail } from "./fixtures";
import { DEMO, signInAsDemo } from "./walk";

// Issue 17: a new organisation is guided from the overview (questionnaire → starter controls →
// mapping → first evidence, with progress); the settings page holds every organisation setting,
// each explained; an auditor is told on every page until when their access runs.

test("a new organisation's overview guides it step by step, and its settings are all there", async ({
  page,
}) => {
  await signUp(page, "Filip First", uniqueEmail("filip"));
  await page.getByLabel("Organisation name").fill("Krakow Payroll");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/krakow-payroll(-\d+)?$/);
  const org = new URL(page.url()).pathname;

  const guide = page.getByRole("region", { name: "Getting started" });
  await expect(guide).toContainText("0 of 4 steps done.");
  await expect(guide).toContainText("Next: answer the scoping questionnaire.");
  const steps = guide.getByRole("list", { name: "Steps" }).getByRole("listitem");
  await expect(steps).toHaveCount(4);
  await expect(
    guide.getByRole("link", { name: "Answer the scoping questionnaire" }),
  ).toHaveAttribute("href", `${org}/questionnaire`);

  await page.goto(`${org}/engagements/new`);
  await page.getByLabel("Engagement name").fill("SOC 2 Type II 2026");
  await page.getByLabel("Period start").fill("2026-01-01");
  await page.getByLabel("Period end").fill("2026-12-31");
  await page.getByRole("button", { name: "Create engagement" }).click();
  await expect(page.getByRole("heading", { name: "SOC 2 Type II 2026" })).toBeVisible();

  await page.goto(org);
  await expect(guide).toContainText("1 of 4 steps done.");
  await expect(steps.first()).toContainText("(done)");
  await guide.getByRole("link", { name: "Add starter controls" }).click();
  await expect(page).toHaveURL(new RegExp(`${org}/controls/starter$`));

  await page.goto(`${org}/settings`);
  await expect(page.getByLabel("Time zone")).toHaveValue("UTC");
  await expect(page.getByLabel("Default grace days")).toHaveValue("0");
  await expect(page.getByLabel("Design evidence freshness (days)")).toHaveValue("365");
  await expect(page.getByRole("heading", { name: "Two-factor sign-in" })).toBeVisible();
  await expect(page.getByText("No email domain is claimed")).toBeVisible();
  const elsewhere = page.getByRole("list", { name: "Settings on other pages" });
  for (const name of ["Members and roles", "Auditor access", "Reminders"])
    await expect(elsewhere.getByRole("link", { name })).toBeVisible();
});

test("an auditor is told on every page until when their access runs", async ({ page }) => {
  const org = await signInAsDemo(page, DEMO.auditor);
  const banner = page.getByRole("complementary", { name: "Your access" });
  await expect(banner).toContainText(
    /^Read-only auditor access to .+, until \d{1,2} \w{3} \d{4} \(.+\)\.$/,
  );
  await page.getByRole("link", { name: "Auditor requests" }).first().click();
  await expect(page).toHaveURL(new RegExp(`${org}/requests`));
  await expect(banner).toContainText("Read-only auditor access to");
});
