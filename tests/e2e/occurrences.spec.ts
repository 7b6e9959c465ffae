import { expect, signUp, test, uniqueEmail } from "./fixtures";

// Issue 13: from the control page's strip, evidence is added for a missing occurrence (the form
// comes preselected) and the cell turns covered; the item is then corrected and deleted with a
// reason, and the occurrence is missing again.

test("add evidence to a missing occurrence from the strip, correct it, delete it with a reason", async ({
  page,
}) => {
  await signUp(page, "Olga Occurrence", uniqueEmail("olga"));
  await page.getByLabel("Organisation name").fill("Occurrence Demo");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/occurrence-demo(-\d+)?$/);
  const org = new URL(page.url()).pathname;

  await page.goto(`${org}/engagements/new`);
  await page.getByLabel("Engagement name").fill("SOC 2 Type II 2026");
  await page.getByLabel("Period start").fill("2026-01-01");
  await page.getByLabel("Period end").fill("2026-12-31");
  await page.getByRole("button", { name: "Create engagement" }).click();
  await expect(page.getByRole("heading", { name: "SOC 2 Type II 2026" })).toBeVisible();

  await page.goto(`${org}/controls/new`);
  await page.getByLabel("Reference").fill("OC-01");
  await page.getByLabel("Title").fill("Quarterly access review");
  await page.getByLabel("Frequency").selectOption("quarterly");
  await page.getByLabel("Grace days").fill("7");
  await page.getByRole("button", { name: "Create control" }).click();
  await expect(page.getByRole("heading", { name: /^OC-01/ })).toBeVisible();
  await page.getByLabel("Filter").fill("CC6.2");
  await page.getByRole("checkbox", { name: /^CC6\.2 / }).check();
  await page.getByRole("button", { name: "Save mappings" }).click();
  await expect(page.getByText("Mappings saved.")).toBeVisible();
  await page.reload();

  const strip = page.getByRole("list", { name: "Occurrences over the period" });
  await expect(page.getByRole("list", { name: "Legend" })).toContainText("missing");
  await strip.getByRole("link", { name: /^2026-Q1: missing/ }).click();
  await expect(page).toHaveURL(/slot=2026-Q1/);
  await expect(page).toHaveURL(/purpose=operating/);

  await page.getByRole("tab", { name: "Note" }).click();
  await expect(page.getByLabel("Occurrence", { exact: true })).toHaveValue("2026-Q1");
  await page.getByLabel("Evidence title").fill("Q1 review, done in April");
  await page.getByLabel("Note (Markdown)").fill("Every account reviewed; two removed.");
  await page.getByLabel("Effective date").fill("2026-04-03");
  // The effective date does not move a preselected occurrence.
  await expect(page.getByLabel("Occurrence", { exact: true })).toHaveValue("2026-Q1");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Evidence added.")).toBeVisible();
  await expect(strip).toContainText("2026-Q1: covered");
  await expect(strip.getByRole("link", { name: /^2026-Q1:/ })).toHaveCount(0);

  // A correction: a new title, the same occurrence.
  const evidence = page.getByRole("list", { name: "Evidence" });
  await expect(evidence).toContainText("for 2026-Q1");
  await page.getByRole("button", { name: "Edit evidence Q1 review, done in April" }).click();
  const editor = page.getByRole("dialog", { name: "Correct this evidence" });
  await editor.getByLabel("Evidence title").fill("Q1 access review");
  await editor.getByRole("button", { name: "Save correction" }).click();
  await expect(editor).toHaveCount(0);
  await expect(evidence).toContainText("Q1 access review");

  // Deleted with a reason: the occurrence is missing again.
  await page.getByRole("button", { name: "Delete evidence Q1 access review" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete this evidence?" });
  await confirm.getByLabel("Reason for deleting").fill("Recorded against the wrong control");
  await confirm.getByRole("button", { name: "Delete evidence" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByText("No evidence yet.")).toBeVisible();
  await expect(strip.getByRole("link", { name: /^2026-Q1: missing/ })).toBeVisible();

  await page.goto(`${org}/activity`);
  await expect(page.getByRole("main")).toContainText("Recorded against the wrong control");
});
