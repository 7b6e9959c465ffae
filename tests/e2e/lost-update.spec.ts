import { assertNoConsoleErrors, expect, signUp, test, uniqueEmail, watchConsole } from "./fixtures";

// Finding 7 in the browser: a control form opened before someone retired the control.

const STALE =
  /^Changed by Alice Adams at \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC since you opened it\.$/;

test("a stale control form is refused with who and when, keeps what was typed, and saves on the latest version", async ({
  page,
}) => {
  await signUp(page, "Alice Adams", uniqueEmail("alice"));
  await page.getByLabel("Organisation name").fill("Lost Update Demo");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/lost-update-demo(-\d+)?$/);
  const org = new URL(page.url()).pathname;

  await page.goto(`${org}/controls/new`);
  await page.getByLabel("Reference").fill("AC-01");
  await page.getByLabel("Title").fill("Access review");
  await page.getByLabel("Description (design narrative)").fill("The old narrative.");
  await page.getByLabel("Status").selectOption("implemented");
  await page.getByRole("button", { name: "Create control" }).click();
  await expect(page.getByRole("heading", { name: "AC-01 · Access review" })).toBeVisible();
  const control = new URL(page.url()).pathname;

  // A second tab opens the same control before the first one retires it.
  const second = await page.context().newPage();
  watchConsole(second);
  await second.goto(control);
  await page.getByLabel("Status").selectOption("retired");
  await page.getByRole("button", { name: "Save control" }).click();
  await expect(page.getByText("Control saved.")).toBeVisible();

  // The second tab changes only the title and the narrative, and saves.
  await second.getByLabel("Title").fill("Quarterly access review");
  await second
    .getByLabel("Description (design narrative)")
    .fill("The new narrative, typed in the second tab.");
  await second.getByRole("button", { name: "Save control" }).click();
  const refusal = second.getByRole("alert").filter({ hasText: "since you opened it" });
  await expect(refusal).toBeVisible();
  await expect(refusal.locator("p").first()).toHaveText(STALE);
  await expect(refusal).toContainText("Nothing was saved; what you typed is still in the form.");
  await expect(second.getByLabel("Title")).toHaveValue("Quarterly access review");
  await expect(second.getByLabel("Status")).toHaveValue("implemented");

  // Loading the latest version keeps the typed fields and shows the others as they are now.
  await second.getByRole("button", { name: "Load the latest version" }).click();
  await expect(second.getByText(/^The latest version is loaded\./)).toBeVisible();
  await expect(second.getByLabel("Status")).toHaveValue("retired");
  await expect(second.getByLabel("Title")).toHaveValue("Quarterly access review");
  await expect(second.getByLabel("Description (design narrative)")).toHaveValue(
    "The new narrative, typed in the second tab.",
  );
  await expect(second.getByLabel("Reference")).toHaveValue("AC-01");

  await second.getByRole("button", { name: "Save control" }).click();
  await expect(second.getByText("Control saved.")).toBeVisible();
  await page.reload();
  await expect(
    page.getByRole("heading", { name: "AC-01 · Quarterly access review" }),
  ).toBeVisible();
  await expect(page.getByLabel("Status")).toHaveValue("retired");
  await expect(page.getByLabel("Description (design narrative)")).toHaveValue(
    "The new narrative, typed in the second tab.",
  );
  assertNoConsoleErrors(second);
});

test("bulk edit names the controls changed since the list was loaded and changes none", async ({
  page,
}) => {
  await signUp(page, "Alice Adams", uniqueEmail("alice-bulk"));
  await page.getByLabel("Organisation name").fill("Bulk Demo");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/bulk-demo(-\d+)?$/);
  const org = new URL(page.url()).pathname;
  for (const ref of ["AC-01", "AC-02"]) {
    await page.goto(`${org}/controls/new`);
    await page.getByLabel("Reference").fill(ref);
    await page.getByLabel("Title").fill(`Control ${ref}`);
    await page.getByRole("button", { name: "Create control" }).click();
    await expect(page.getByRole("heading", { name: `${ref} · Control ${ref}` })).toBeVisible();
  }
  const edited = new URL(page.url()).pathname;

  await page.goto(`${org}/controls`);
  const other = await page.context().newPage();
  watchConsole(other);
  await other.goto(edited);
  await other.getByLabel("Status").selectOption("retired");
  await other.getByRole("button", { name: "Save control" }).click();
  await expect(other.getByText("Control saved.")).toBeVisible();

  await page.getByRole("checkbox", { name: "Select AC-01" }).check();
  await page.getByRole("checkbox", { name: "Select AC-02" }).check();
  await page.getByLabel("Set status").selectOption("implemented");
  await page.getByRole("button", { name: "Apply to selected" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "Nothing was changed" });
  await expect(refusal).toContainText(
    /Changed since you opened the list: AC-02 by Alice Adams at .+ UTC\./,
  );
  await expect(page.getByRole("row", { name: /AC-01/ })).toContainText("Draft");

  await page.getByRole("button", { name: "Load the latest version" }).click();
  await expect(page.getByRole("row", { name: /AC-02/ })).toContainText("Retired");
  await expect(page.getByRole("checkbox", { name: "Select AC-02" })).toBeChecked();
  await page.getByRole("button", { name: "Apply to selected" }).click();
  await expect(page.getByText("Updated 2 controls.")).toBeVisible();
  await expect(page.getByRole("row", { name: /AC-02/ })).toContainText("Implemented");
  assertNoConsoleErrors(other);
});
