import type { Page } from "@playwright/test";
import { assertNoConsoleErrors, expect, signUp, test, uniqueEmail } from "./fixtures";
import { inviteAndJoinAuditor } from "./auditors";

const SOC2 = "SOC 2 Type II 2026";

async function createEngagement(page: Page, org: string): Promise<string> {
  await page.goto(`${org}/engagements/new`);
  await page.getByLabel("Engagement name").fill(SOC2);
  await page.getByLabel("Period start").fill("2026-01-01");
  await page.getByLabel("Period end").fill("2026-12-31");
  await page.getByRole("button", { name: "Create engagement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: SOC2 })).toBeVisible();
  return new URL(page.url()).pathname;
}

test("the team writes, submits and approves a description section; the dashboard shows completeness; an auditor reads it", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await signUp(page, "Olivia Owner", uniqueEmail("owner"));
  await page.getByLabel("Organisation name").fill("Described Co");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/described-co(-\d+)?$/);
  const org = new URL(page.url()).pathname;
  await page.goto(`${org}/controls/starter`);
  await page.getByRole("button", { name: "Adopt selected controls" }).click();
  await expect(page.getByText(/Adopted \d+ controls as drafts/)).toBeVisible();
  const engagement = await createEngagement(page, org);

  await page.getByRole("link", { name: "System description" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "System description" })).toBeVisible();
  await expect(page.getByLabel("Description completeness")).toHaveText("0 of 10 sections approved");
  await page.getByRole("link", { name: "System components" }).click();
  await page
    .getByLabel(/^Text \(Markdown/)
    .fill(
      "Access is reviewed by [[AC-03]] and [[NOPE-1]].\n\n| Layer | Tool |\n| --- | --- |\n| Hosting | Cloud |",
    );
  await expect(page.getByText("Unknown control refs: NOPE-1")).toBeVisible();
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByLabel("Preview");
  await expect(preview.getByRole("link", { name: "AC-03" })).toBeVisible();
  await expect(preview.getByRole("cell", { name: "Cloud" })).toBeVisible();
  await page.getByRole("button", { name: "Write" }).click();
  await page.getByRole("button", { name: "Save section" }).click();
  await expect(page.getByText("Saved as version 1.")).toBeVisible();

  await page.getByRole("button", { name: "Submit for review" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText("In review", { exact: true }).first()).toBeVisible();
  await page.getByRole("button", { name: "Approve" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(/Approved since/)).toBeVisible();

  await page.goto(`${engagement}/dashboard`);
  await expect(page.getByLabel("Description completeness")).toHaveText("1 of 10 sections approved");

  // An auditor of the engagement reads the section, with no editor.
  const auditor = await inviteAndJoinAuditor(page, browser, {
    org,
    orgName: "Described Co",
    engagementName: SOC2,
    auditorName: "Alex Auditor",
  });
  await auditor.goto(`${engagement}/description/components`);
  await expect(auditor.getByRole("cell", { name: "Cloud" })).toBeVisible();
  await expect(auditor.getByRole("link", { name: "AC-03" })).toBeVisible();
  await expect(auditor.getByRole("button", { name: "Save section" })).toHaveCount(0);
  await expect(
    auditor.getByText("You can read this section; only the team edits it."),
  ).toBeVisible();

  // The auditor asks about the section; the team sees it beside the section and answers it
  // under Auditor requests, where the request links back to the section.
  await auditor.getByLabel("Ask about this section").fill("Which region hosts the database?");
  await auditor.getByRole("button", { name: "Send request" }).click();
  await expect(
    auditor.getByText("Request sent. The team sees it beside this section."),
  ).toBeVisible();
  const requests = auditor.getByRole("region", { name: "Requests on this section" });
  await expect(requests.getByText("Which region hosts the database?")).toBeVisible();

  await page.goto(`${engagement}/description/components`);
  const onSection = page.getByRole("region", { name: "Requests on this section" });
  await expect(onSection.getByText("Which region hosts the database?")).toBeVisible();
  await expect(
    onSection.getByText("1 open, 0 answered and waiting for the auditor, 0 accepted."),
  ).toBeVisible();
  await onSection.getByRole("link", { name: "Answer in Auditor requests" }).click();
  const card = page.getByRole("article", { name: /^Request Which region hosts/ });
  await card.getByRole("link", { name: "System description: System components" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "System components" })).toBeVisible();
  assertNoConsoleErrors(page);
  assertNoConsoleErrors(auditor);
});
