import { resetServerClock, setServerClock } from "./clock";
import { expect, signUp, test, uniqueEmail } from "./fixtures";

// Readiness v2 at midnight: when the organisation's day changes, the new day's occurrence of a
// daily control is open (not yet due), so nothing falls to "missing" while nothing happened.

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

test.afterEach(() => resetServerClock());

test("a daily control stays ready when the server's clock moves past midnight", async ({
  page,
}) => {
  const todayMs = Date.parse(`${isoDay(Date.now())}T00:00:00Z`);
  const today = isoDay(todayMs);
  const tomorrow = isoDay(todayMs + DAY_MS);
  const dayAfter = isoDay(todayMs + 2 * DAY_MS);
  const periodStart = isoDay(todayMs - 20 * DAY_MS);
  setServerClock(new Date(todayMs + 23 * 3_600_000 + 50 * 60_000)); // today, 23:50 UTC

  await signUp(page, "Nina Night", uniqueEmail("nina"));
  await page.getByLabel("Organisation name").fill("Midnight Demo");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/midnight-demo(-\d+)?$/);
  const org = new URL(page.url()).pathname;

  await page.goto(`${org}/engagements/new`);
  await page.getByLabel("Engagement name").fill("SOC 2 Type II rolling");
  await page.getByLabel("Period start").fill(periodStart);
  await page.getByLabel("Period end").fill(isoDay(todayMs + 40 * DAY_MS));
  await page.getByRole("button", { name: "Create engagement" }).click();
  await expect(page.getByRole("heading", { name: "SOC 2 Type II rolling" })).toBeVisible();

  await page.goto(`${org}/controls/new`);
  await page.getByLabel("Reference").fill("OPS-01");
  await page.getByLabel("Title").fill("Daily backup check");
  await page
    .getByLabel("Description (design narrative)")
    .fill("Every day the on-call engineer confirms last night's backups completed.");
  await page.getByLabel("Owner").selectOption({ label: "Nina Night" });
  await page.getByLabel("Status").selectOption("implemented");
  await page.getByLabel("Frequency").selectOption("daily");
  await page.getByRole("button", { name: "Create control" }).click();
  await expect(page.getByRole("heading", { name: /^OPS-01/ })).toBeVisible();
  const control = new URL(page.url()).pathname;
  await page.getByLabel("Filter").fill("CC1.1");
  await page.getByRole("checkbox", { name: /^CC1\.1 / }).check();
  await page.getByRole("button", { name: "Save mappings" }).click();
  await expect(page.getByText("Mappings saved.")).toBeVisible();

  // Design evidence, then one log export covering every day from the period's start to today.
  await page.getByRole("tab", { name: "Note" }).click();
  await page.getByLabel("Evidence title").fill("Backup runbook");
  await page.getByLabel("Note (Markdown)").fill("The runbook the on-call engineer follows.");
  await page.getByLabel("Purpose").selectOption("design");
  await page.getByLabel("Effective date").fill(periodStart);
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Evidence added.")).toBeVisible();

  await page.goto(control);
  await page.getByRole("tab", { name: "Note" }).click();
  await page.getByLabel("Evidence title").fill("Backup job log");
  await page
    .getByLabel("Note (Markdown)")
    .fill("Every night's backup job, exported from the scheduler.");
  await page.getByLabel("Purpose").selectOption("operating");
  await page.getByLabel("Effective date").fill(periodStart);
  await page.getByLabel("Covers until (optional)").fill(today);
  // A range over many days is for the occurrences its dates overlap, not the first one only.
  await expect(page.getByLabel("Occurrence", { exact: true })).toHaveValue("");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Evidence added.")).toBeVisible();

  const standing = page.getByRole("list", { name: "Readiness in each engagement" });
  await page.goto(control);
  await expect(standing).toContainText(
    /Ready · Design ready · Operating: 20 of 20 due occurrences covered \(100%\)/,
  );

  // Five minutes past midnight: yesterday is due (and covered); the new day is open.
  setServerClock(new Date(todayMs + DAY_MS + 5 * 60_000));
  await page.goto(control);
  await expect(standing).toContainText(
    /Ready · Design ready · Operating: 21 of 21 due occurrences covered \(100%\)/,
  );
  await expect(standing).toContainText(`Open: ${tomorrow} (due ${dayAfter})`);
  await expect(standing).not.toContainText("Missing:");
  await expect(standing).not.toContainText("Not ready");
});
