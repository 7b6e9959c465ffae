import type { Browser, Page } from "@playwright/test";
import { allowOn, expect, newPerson, PASSWORD, uniqueEmail } from "./fixtures";

/**
 * The team (signed in on `page`) invites an outside auditor to one engagement for 30 days; the
 * auditor creates an account from the link and joins. Returns the auditor's page, on the
 * organisation's engagements.
 */
export async function inviteAndJoinAuditor(
  page: Page,
  browser: Browser,
  to: { org: string; orgName: string; engagementName: string; auditorName: string },
): Promise<Page> {
  await page.goto(`${to.org}/auditors`);
  await page.getByLabel("Auditor's email address").fill(uniqueEmail("auditor"));
  await page
    .getByLabel("Last day of access")
    .fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  await page.getByRole("checkbox", { name: to.engagementName }).check();
  await page.getByRole("button", { name: "Invite auditor" }).click();
  const link = await page.getByLabel("Invitation link (shown only now)").inputValue();
  const auditor = await newPerson(browser);
  allowOn(auditor, /status of 404/);
  await auditor.goto(link);
  await auditor.getByRole("link", { name: "Create an account to accept" }).click();
  await auditor.getByLabel("Name").fill(to.auditorName);
  await auditor.getByLabel("Password").fill(PASSWORD);
  await auditor.getByRole("button", { name: "Create account" }).click();
  await expect(auditor).toHaveURL(/\/invite\//);
  await auditor.getByRole("button", { name: `Join ${to.orgName}` }).click();
  await expect(auditor).toHaveURL(new RegExp(`${to.org}/engagements$`));
  return auditor;
}
