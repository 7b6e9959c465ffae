import type { Page } from "@playwright/test";
import {
  allowOn,
  assertNoConsoleErrors,
  expect,
  newPerson,
  PASSWORD,
  signUp,
  test,
  uniqueEmail,
} from "./fixtures";

const SOC2 = "SOC 2 Type II 2026";
const DRY_RUN = "SOC 2 dry run (internal)";

/** An organisation of the owner's; returns its path (/o/<slug>). */
async function createOrganisation(page: Page, name: string, slug: string): Promise<string> {
  await page.getByLabel("Organisation name").fill(name);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${slug}(-\\d+)?$`));
  return new URL(page.url()).pathname;
}

/** A SOC 2 Type II engagement for calendar 2026; returns its path. */
async function createEngagement(page: Page, org: string, name: string): Promise<string> {
  await page.goto(`${org}/engagements/new`);
  await page.getByLabel("Engagement name").fill(name);
  await page.getByLabel("Period start").fill("2026-01-01");
  await page.getByLabel("Period end").fill("2026-12-31");
  await page.getByRole("button", { name: "Create engagement" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** The starter controls, pre-mapped: AC-03 (quarterly user access review) serves CC6.2. */
async function adoptStarterControls(page: Page, org: string): Promise<void> {
  await page.goto(`${org}/controls/starter`);
  await page.getByRole("button", { name: "Adopt selected controls" }).click();
  await expect(page.getByText(/Adopted \d+ controls as drafts/)).toBeVisible();
}

/** Opens AC-03 from the engagement's CC6.2 row and records a note as evidence. */
async function addAccessReviewNote(page: Page, engagement: string, title: string): Promise<void> {
  await page.goto(engagement);
  await page
    .getByRole("row", { name: /CC6\.2/ })
    .getByRole("link", { name: "AC-03" })
    .click();
  await expect(
    page.getByRole("heading", { level: 1, name: /^AC-03 · Quarterly user access review/ }),
  ).toBeVisible();
  await page.getByRole("tab", { name: "Note" }).click();
  await page.getByLabel("Evidence title").fill(title);
  await page
    .getByLabel("Note (Markdown)")
    .fill("Every system owner confirmed their user list; **three** accounts were removed.");
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByText("Evidence added.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Evidence" })).toContainText(title);
}

function isoDaysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

test("an auditor sees only the engagement they were given, asks for evidence, checks a pack, and loses access when revoked", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);

  // The owner sets up two engagements, the starter controls and one piece of evidence.
  await signUp(page, "Olivia Owner", uniqueEmail("owner"));
  const org = await createOrganisation(page, "Audited Co", "audited-co");
  const soc2 = await createEngagement(page, org, SOC2);
  const dryRun = await createEngagement(page, org, DRY_RUN);
  await adoptStarterControls(page, org);
  await addAccessReviewNote(page, soc2, "Q2 2026 access review sign-off");

  // The owner invites an auditor to the SOC 2 engagement only, for about a month.
  const auditorEmail = uniqueEmail("auditor");
  const lastDay = isoDaysFromNow(30);
  await page
    .getByRole("navigation", { name: "Organisation" })
    .getByRole("link", { name: "Auditors" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Auditors" })).toBeVisible();
  await page.getByLabel("Auditor's email address").fill(auditorEmail);
  await page.getByLabel("Last day of access").fill(lastDay);
  await page.getByRole("checkbox", { name: SOC2 }).check();
  await page.getByRole("button", { name: "Invite auditor" }).click();
  const link = await page.getByLabel("Invitation link (shown only now)").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]+$/);

  // The auditor signs up from the link in a browser of their own and accepts.
  const auditor = await newPerson(browser);
  allowOn(auditor, /status of 404/);
  await auditor.goto(link);
  await expect(auditor.getByText("You have been invited to join")).toBeVisible();
  await auditor.getByRole("link", { name: "Create an account to accept" }).click();
  await expect(auditor.getByLabel("Email")).toHaveValue(auditorEmail);
  await auditor.getByLabel("Name").fill("Alex Auditor");
  await auditor.getByLabel("Password").fill(PASSWORD);
  await auditor.getByRole("button", { name: "Create account" }).click();
  await expect(auditor).toHaveURL(/\/invite\//);
  await auditor.getByRole("button", { name: "Join Audited Co" }).click();

  // They land on their engagements: only the SOC 2 one, and no library or team in the menu.
  await expect(auditor).toHaveURL(new RegExp(`${org}/engagements$`));
  await expect(auditor.getByRole("link", { name: SOC2 })).toBeVisible();
  await expect(auditor.getByRole("link", { name: DRY_RUN })).toHaveCount(0);
  const auditorNav = auditor.getByRole("navigation", { name: "Organisation" });
  await expect(auditorNav.getByRole("link", { name: "Engagements" })).toBeVisible();
  for (const hidden of ["Controls", "Objectives", "Members", "Auditors", "Activity", "Settings"]) {
    await expect(auditorNav.getByRole("link", { name: hidden })).toHaveCount(0);
  }

  // The other engagement and the control library do not exist as far as they can tell.
  for (const path of [dryRun, `${org}/controls`]) {
    const response = await auditor.goto(path);
    expect(response?.status()).toBe(404);
    await expect(auditor.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }

  // They open CC6.2 and ask the team for the access review.
  await auditor.goto(org);
  await auditor.getByRole("link", { name: SOC2 }).click();
  await auditor.getByRole("link", { name: /^CC6\.2 / }).click();
  await expect(auditor.getByRole("heading", { level: 1, name: /^CC6\.2 · / })).toBeVisible();
  await expect(auditor.getByRole("button", { name: "Save controls" })).toHaveCount(0);
  await auditor.getByLabel("Request or comment").fill("Please provide the Q2 access review");
  await auditor.getByRole("button", { name: "Send request" }).click();
  await expect(
    auditor.getByText("Request sent. The team sees it under Auditor requests."),
  ).toBeVisible();

  // The mapped control is readable, with its evidence, but not editable.
  await auditor.getByRole("link", { name: /^AC-03 · / }).click();
  await expect(auditor.getByRole("heading", { level: 1, name: /^AC-03 · / })).toBeVisible();
  await expect(auditor.getByRole("list", { name: "Evidence" })).toContainText(
    "Q2 2026 access review sign-off",
  );
  await expect(auditor.getByRole("tab", { name: "Note" })).toHaveCount(0);

  // They export the evidence pack, wait for it, download it and check it against its manifest.
  await auditor.goto(soc2);
  await auditor.getByRole("link", { name: "Exports" }).click();
  await auditor.getByRole("button", { name: "Export Evidence pack (ZIP)" }).click();
  const packLink = auditor
    .getByRole("table", { name: "Exports" })
    .getByRole("link", { name: /\.zip$/ });
  await expect(packLink).toBeVisible({ timeout: 30_000 });
  const packName = (await packLink.textContent()) ?? "";
  const [download] = await Promise.all([auditor.waitForEvent("download"), packLink.click()]);
  expect(download.suggestedFilename()).toBe(packName);
  const packPath = test.info().outputPath(packName);
  await download.saveAs(packPath);

  await auditorNav.getByRole("link", { name: "Verify a pack" }).click();
  await auditor.getByLabel("Evidence pack (.zip)").setInputFiles(packPath);
  await auditor.getByRole("button", { name: "Verify pack" }).click();
  await expect(auditor.getByRole("region", { name: "Verification result" })).toContainText(
    new RegExp(`All [1-9]\\d* files match the manifest of "${SOC2}"`),
  );

  // Back as the owner: what the auditor looked at and downloaded is on the Auditors page.
  await page.reload();
  const access = page.getByRole("table", { name: "Auditor access" });
  await expect(access.getByRole("row", { name: /Alex Auditor/ })).toContainText(SOC2);
  await expect(access.getByRole("row", { name: /Alex Auditor/ })).toContainText("active");
  await expect(access.getByLabel(`Last day for ${SOC2}`)).toHaveValue(lastDay);
  const activity = page.getByRole("table", { name: "Auditor activity" });
  // (Each re-render of a page is logged as another view, so a page can appear more than once.)
  await expect(
    activity
      .getByRole("row")
      .filter({ hasText: "viewed" })
      .filter({ hasText: `${SOC2}: CC6.2 User registration` })
      .first(),
  ).toBeVisible();
  await expect(
    activity
      .getByRole("row")
      .filter({ hasText: "viewed" })
      .filter({ hasText: "Control AC-03 · Quarterly user access review" })
      .first(),
  ).toBeVisible();
  await expect(
    activity
      .getByRole("row")
      .filter({ hasText: "downloaded" })
      .filter({ hasText: `Export ${packName}` }),
  ).toHaveCount(1);
  await expect(activity.getByRole("row").filter({ hasText: DRY_RUN })).toHaveCount(0);
  await expect(activity).toContainText(`Alex Auditor <${auditorEmail}>`);

  // The request waits on the Requests page; the owner answers it in its thread with the evidence.
  await page
    .getByRole("navigation", { name: "Organisation" })
    .getByRole("link", { name: "Auditor requests" })
    .click();
  const requests = page.getByRole("list", { name: "Requests" });
  await expect(requests.getByRole("listitem")).toHaveCount(1);
  await expect(requests).toContainText("Please provide the Q2 access review");
  await expect(requests).toContainText("Asked by Alex Auditor");
  await requests.getByLabel("Reply", { exact: true }).fill("Attached the signed-off Q2 review.");
  await requests.getByRole("checkbox", { name: /Q2 2026 access review sign-off/ }).check();
  await requests.getByRole("button", { name: "Reply and mark answered" }).click();
  await expect(requests.getByRole("list", { name: "Thread" })).toContainText(
    "Attached the signed-off Q2 review.",
  );

  // The auditor sees the answer waiting for them, with its evidence.
  // (The navigation is the layout's: it counts again on a full load.)
  await auditor.reload();
  await expect(auditorNav.getByRole("link", { name: "Auditor requests (1)" })).toBeVisible();
  await auditorNav.getByRole("link", { name: "Auditor requests" }).click();
  const answered = auditor.getByRole("list", { name: "Requests" });
  await expect(answered).toContainText("Attached the signed-off Q2 review.");
  await expect(answered).toContainText("Evidence: Q2 2026 access review sign-off");

  // The owner revokes the access, after confirming.
  await page
    .getByRole("navigation", { name: "Organisation" })
    .getByRole("link", { name: "Auditors" })
    .click();
  await page.getByRole("button", { name: `Revoke Alex Auditor's access to ${SOC2}` }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke Alex Auditor's access?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Revoke access" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(access.getByRole("row", { name: /Alex Auditor/ })).toContainText("revoked");

  // The auditor's next click finds nothing there.
  await auditorNav.getByRole("link", { name: "Engagements" }).click();
  await expect(auditor.getByRole("heading", { name: "Page not found" })).toBeVisible();
  assertNoConsoleErrors(auditor);
});

test("after a summary is marked as sent, the exports page lists the evidence added since", async ({
  page,
}) => {
  await signUp(page, "Sasha Sender", uniqueEmail("sender"));
  const org = await createOrganisation(page, "Sent Exports", "sent-exports");
  const engagement = await createEngagement(page, org, SOC2);
  await adoptStarterControls(page, org);

  // Nothing has been sent yet.
  await page.goto(engagement);
  await page.getByRole("link", { name: "Exports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Exports · ${SOC2}` })).toBeVisible();
  const exportsPage = new URL(page.url()).pathname;
  const since = page.locator("section").filter({
    has: page.getByRole("heading", { name: "Since the last export sent to the auditor" }),
  });
  await expect(since).toContainText("No export has been sent to the auditor yet.");

  // Export the PDF summary and wait for it to be ready.
  await page.getByRole("button", { name: "Export Readiness summary (PDF)" }).click();
  const exports = page.getByRole("table", { name: "Exports" });
  const pdfLink = exports.getByRole("link", { name: /\.pdf$/ });
  await expect(pdfLink).toBeVisible({ timeout: 30_000 });
  const pdfName = (await pdfLink.textContent()) ?? "";
  await expect(
    exports.getByRole("row").filter({ has: page.getByRole("link", { name: pdfName }) }),
  ).toContainText("ready");

  // Mark it as sent: the comparison starts from it.
  await page.getByRole("button", { name: `Mark ${pdfName} as sent to the auditor` }).click();
  await expect(
    page.getByRole("button", { name: `Mark ${pdfName} as sent to the auditor` }),
  ).toHaveCount(0);
  await expect(since).toContainText(`Last sent: ${pdfName}`);
  await expect(since).toContainText("Nothing has changed since.");

  // New evidence afterwards shows up as one addition.
  await addAccessReviewNote(page, engagement, "Q3 2026 access review sign-off");
  await page.goto(exportsPage);
  const evidence = since.getByRole("region", { name: "Evidence added or removed" });
  await expect(evidence).toContainText("Evidence: 1 added, 0 removed");
  await expect(evidence).toContainText("added: Q3 2026 access review sign-off");
});
