import { expect, signUp, test, uniqueEmail } from "./fixtures";

const HEADER = "ref,title,description,owner_email,status,frequency,nature,key,criteria,objectives";

test("a CSV import with a bad row shows the problem and changes nothing, then succeeds when fixed", async ({
  page,
}) => {
  await signUp(page, "Ivy Importer", uniqueEmail("importer"));
  await page.getByLabel("Organisation name").fill("Import Demo");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/import-demo(-\d+)?$/);
  const org = new URL(page.url()).pathname;

  const bad = [
    HEADER,
    "IMP-01,Quarterly access review,,,implemented,quarterly,manual,yes,CC6.2;CC6.3,",
    "IMP-02,Nightly backups,,,implemented,hourly,automated,no,A1.2,",
  ].join("\n");
  await page.goto(`${org}/controls/import`);
  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "controls.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("button", { name: "Check file" }).click();
  const problems = page.getByRole("table", { name: "Problems found" });
  await expect(problems).toBeVisible();
  await expect(problems.getByRole("row")).toHaveCount(2);
  await expect(problems).toContainText("frequency");
  await expect(page.getByRole("button", { name: "Import controls" })).toBeDisabled();

  await page.goto(`${org}/controls`);
  await expect(page.getByText("No controls yet.")).toBeVisible();

  await page.goto(`${org}/controls/import`);
  await page.getByLabel("Or paste CSV").fill(bad.replace("hourly", "daily"));
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByText("2 controls will be created.")).toBeVisible();
  await page.getByRole("button", { name: "Import controls" }).click();
  await expect(page.getByText(/^Imported\./)).toBeVisible();
  await page.getByRole("link", { name: "Back to controls" }).click();
  const table = page.getByRole("table", { name: "Controls" });
  await expect(table.getByRole("link", { name: "Quarterly access review" })).toBeVisible();
  await expect(table.getByRole("link", { name: "Nightly backups" })).toBeVisible();
  await expect(table.getByRole("row", { name: /IMP-01/ })).toContainText("2 requirements");
});

test("a re-import with blank cells shows each change old → new and keeps the narrative, unless blanks clear", async ({
  page,
}) => {
  await signUp(page, "Iris Reimport", uniqueEmail("reimport"));
  await page.getByLabel("Organisation name").fill("Reimport Demo");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/reimport-demo(-\d+)?$/);
  const org = new URL(page.url()).pathname;

  await page.goto(`${org}/controls/import`);
  await page
    .getByLabel("Or paste CSV")
    .fill(
      [
        HEADER,
        "IMP-01,Access review,The narrative the auditor reads,,implemented,quarterly,manual,yes,CC6.2,",
      ].join("\n"),
    );
  await page.getByRole("button", { name: "Check file" }).click();
  await page.getByRole("button", { name: "Import controls" }).click();
  await expect(page.getByText(/^Imported\./)).toBeVisible();

  await page.goto(`${org}/controls/import`);
  const titleOnly = [HEADER, "IMP-01,Quarterly access review,,,,,,,,"].join("\n");
  await page.getByLabel("Or paste CSV").fill(titleOnly);
  await page.getByRole("button", { name: "Check file" }).click();
  const planned = page.getByRole("table", { name: "Planned changes" });
  await expect(planned.getByRole("row", { name: /IMP-01/ })).toContainText(
    "title: Access review → Quarterly access review",
  );
  await expect(planned).not.toContainText("description");

  await page.getByLabel("Blank cells clear values").check();
  await expect(page.getByRole("button", { name: "Import controls" })).toBeDisabled();
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(page.getByRole("table", { name: "Problems found" })).toContainText("Enter a status");
  await page
    .getByLabel("Or paste CSV")
    .fill(
      [HEADER, "IMP-01,Quarterly access review,,,implemented,quarterly,manual,yes,CC6.2,"].join(
        "\n",
      ),
    );
  await page.getByRole("button", { name: "Check file" }).click();
  await expect(planned.getByRole("row", { name: /IMP-01/ })).toContainText(
    "description: The narrative the auditor reads → (blank)",
  );

  await page.getByLabel("Blank cells clear values").uncheck();
  await page.getByLabel("Or paste CSV").fill(titleOnly);
  await page.getByRole("button", { name: "Check file" }).click();
  await page.getByRole("button", { name: "Import controls" }).click();
  await expect(page.getByText(/^Imported\./)).toBeVisible();
  await page.goto(`${org}/controls`);
  await page.getByRole("link", { name: "Quarterly access review" }).click();
  await expect(page.getByText("The narrative the auditor reads")).toBeVisible();
});
