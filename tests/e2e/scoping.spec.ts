import { expect, formAlert, signUp, test, uniqueEmail } from "./fixtures";

test("from the questionnaire to mapped controls in two engagements, with a justified N/A", async ({
  page,
}) => {
  await signUp(page, "Quinn Lead", uniqueEmail("lead"));
  await page.getByLabel("Organisation name").fill("Scoping Demo");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/scoping-demo(-\d+)?$/);
  const org = new URL(page.url()).pathname;

  // Which report do we need? Financial reporting for clients abroad, plus security questions.
  await page.goto(`${org}/questionnaire`);
  await page
    .getByRole("group", { name: /affect your clients' financial reporting/ })
    .getByLabel("Yes")
    .check();
  await page.getByLabel("Mostly outside the US").check();
  await page
    .getByRole("group", { name: /secure their data/ })
    .getByLabel("Yes")
    .check();
  await page
    .getByRole("group", { name: /first SOC/ })
    .getByLabel("Yes")
    .check();
  await page
    .getByRole("group", { name: /within the next 6 months/ })
    .getByLabel("No")
    .check();
  await page.getByRole("button", { name: "Recommend reports" }).click();
  await expect(page.getByRole("heading", { name: "ISAE 3402 Type II" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^SOC 2 Type II — Security/ })).toBeVisible();
  await expect(
    page.getByText(/Clients and auditors outside the US usually ask for ISAE 3402/).first(),
  ).toBeVisible();

  await page.getByRole("button", { name: "Create these 2 engagements" }).click();
  await expect(page.getByText("Choose when the Type II period starts.")).toBeVisible();
  await page.getByLabel("Type II period start").fill("2026-01-01");
  await page.getByLabel("Type II period end").fill("2026-12-31");
  await page.getByRole("button", { name: "Create these 2 engagements" }).click();
  await expect(page.getByText("Created 2 engagements.")).toBeVisible();

  // The SOC 2 engagement starts with every security criterion unmapped.
  await page.goto(`${org}/engagements`);
  await page.getByRole("link", { name: /^SOC 2 Type II/ }).click();
  await expect(page).toHaveURL(/\/engagements\/[^/]+$/);
  const soc2 = new URL(page.url()).pathname;
  await expect(page.getByRole("link", { name: "unmapped (33)" })).toBeVisible();
  await page.getByRole("link", { name: "unmapped (33)" }).click();
  await expect(page.getByRole("table", { name: "Requirements" }).getByRole("row")).toHaveCount(34);

  // Adopt the starter controls.
  await page.goto(`${org}/controls/starter`);
  await page.getByRole("button", { name: "Adopt selected controls" }).click();
  await expect(page.getByText(/Adopted \d+ controls as drafts/)).toBeVisible();

  // Write our own control and map it to CC6.1 and to a SOC 1 / ISAE objective.
  await page.goto(`${org}/controls/new`);
  await page.getByLabel("Reference").fill("E2E-01");
  await page.getByLabel("Title").fill("Badge access review by the office manager");
  await page.getByRole("button", { name: "Create control" }).click();
  await expect(
    page.getByRole("heading", { name: "E2E-01 · Badge access review by the office manager" }),
  ).toBeVisible();
  await page.getByLabel("Filter").fill("CC6.1");
  await page.getByRole("checkbox", { name: /^CC6\.1 / }).check();
  await page.getByLabel("Filter").fill("ITGC-01");
  await page.getByRole("checkbox", { name: /^ITGC-01 / }).check();
  await page.getByRole("button", { name: "Save mappings" }).click();
  await expect(page.getByText("Mappings saved.")).toBeVisible();

  // Map once, seen in both engagements.
  await page.goto(soc2);
  await expect(
    page.getByRole("row", { name: /CC6\.1/ }).getByRole("link", { name: "E2E-01" }),
  ).toBeVisible();
  await page.goto(`${org}/engagements`);
  await page.getByRole("link", { name: /^ISAE 3402 Type II/ }).click();
  await expect(
    page.getByRole("row", { name: /ITGC-01/ }).getByRole("link", { name: "E2E-01" }),
  ).toBeVisible();

  // Not applicable needs a justification.
  await page.goto(soc2);
  await page.getByRole("link", { name: /CC9\.2/ }).click();
  await page.getByRole("button", { name: "Mark not applicable" }).click();
  await expect(
    page.getByText("Explain in at least 10 characters why this does not apply."),
  ).toBeVisible();
  await page
    .getByLabel("Justification")
    .fill("We have no vendors or business partners that touch the system.");
  await page.getByRole("button", { name: "Mark not applicable" }).click();
  await expect(page.getByText("Marked not applicable in this engagement:")).toBeVisible();
  await page.goto(soc2);
  await expect(page.getByRole("link", { name: "not applicable (1)" })).toBeVisible();
  await expect(formAlert(page)).toHaveCount(0);
});
