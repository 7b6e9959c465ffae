import { generate } from "otplib";
import type { Page } from "@playwright/test";
import { expect, formAlert, newPerson, PASSWORD, signUp, test, uniqueEmail } from "./fixtures";

// The journey of #11: enrol, sign out, sign in with a code the test computes from the setup
// key, sign in with a recovery code, and that recovery code refused the second time; then an
// organisation requiring two-factor sends a member who has not enrolled to enrolment.

const CODE_LABEL = "Code from your authenticator app (or a recovery code)";

async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

/** Email and password, then (asked for it) the second factor. */
async function signIn(page: Page, email: string, code: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel(CODE_LABEL).fill(code);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Enrols the signed-in user from the account page the way a person would (password, key, code); the app's key and codes. */
async function enrol(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.goto("/account/two-factor");
  // A session alone cannot turn it on: the current password first.
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Set up two-factor" }).click();
  await expect(page.getByText("That password is not right.")).toBeVisible();
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Set up two-factor" }).click();
  await expect(
    page.getByRole("img", { name: "QR code to scan with your authenticator app" }),
  ).toBeVisible();
  const secret = ((await page.getByLabel("Setup key").textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  await page.getByLabel("Code from your authenticator app").fill("000000");
  await page.getByRole("button", { name: "Turn on two-factor" }).click();
  await expect(page.getByText("That code is not right.")).toBeVisible();
  await page.getByLabel("Code from your authenticator app").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Turn on two-factor" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" });
  await expect(list.getByRole("listitem")).toHaveCount(10);
  const recoveryCodes = await list.getByRole("listitem").allTextContents();
  for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/);
  return { secret, recoveryCodes };
}

test("enrol in two-factor, then sign in with an authenticator code and with a recovery code, used once", async ({
  page,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 401/); // the credential posts answered "a code is needed" or refused
  const email = uniqueEmail("tess");
  await signUp(page, "Tess Twofactor", email);
  await expect(page).toHaveURL(/\/orgs\/new$/);

  const { secret, recoveryCodes } = await enrol(page);
  await page.getByRole("button", { name: "I have saved my codes" }).click();
  await expect(page.getByText(/Two-factor sign-in is on since/)).toBeVisible();
  await expect(page.getByText("10 of 10 recovery codes left.")).toBeVisible();

  await signOut(page);
  // The code of the next time step: the current one was used to confirm enrolment.
  const nextStepCode = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
  await signIn(page, email, nextStepCode);
  await expect(page).toHaveURL(/\/orgs\/new$/);

  await signOut(page);
  const [recoveryCode = ""] = recoveryCodes;
  await signIn(page, email, recoveryCode.toUpperCase());
  await expect(page).toHaveURL(/\/orgs\/new$/);
  await page.goto("/account/two-factor");
  await expect(page.getByText("9 of 10 recovery codes left.")).toBeVisible();

  await signOut(page);
  await signIn(page, email, recoveryCode);
  await expect(formAlert(page)).toHaveText(/That code is not right/);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an owner requires two-factor; a member without it is sent to enrolment and let in once enrolled", async ({
  page,
  browser,
}) => {
  await signUp(page, "Owen Owner", uniqueEmail("owen"));
  await page.getByLabel("Organisation name").fill("Strict Payments");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/strict-payments(-\d+)?$/);
  const orgPath = new URL(page.url()).pathname;

  await page.goto(`${orgPath}/members`);
  const memberEmail = uniqueEmail("mia");
  await page.getByLabel("Email address").fill(memberEmail);
  await page.getByLabel("Role", { exact: true }).selectOption("editor");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const link = await page.getByLabel("Invitation link (shown only now)").inputValue();
  const member = await newPerson(browser);
  await member.goto(link);
  await member.getByRole("link", { name: "Create an account to accept" }).click();
  await member.getByLabel("Name").fill("Mia Member");
  await member.getByLabel("Password").fill(PASSWORD);
  await member.getByRole("button", { name: "Create account" }).click();
  await member.getByRole("button", { name: /^Join Strict Payments/ }).click();
  await expect(member).toHaveURL(new RegExp(`${orgPath}$`));

  await enrol(page);
  await page.goto(`${orgPath}/settings`);
  const waiting = page.getByRole("table", { name: "Members without two-factor" });
  await expect(waiting.getByRole("cell", { name: "Mia Member" })).toBeVisible();
  await page.getByRole("button", { name: "Require two-factor for every member" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Require two-factor" }).click();
  await expect(page.getByText("Members must use two-factor.")).toBeVisible();

  await member.goto(`${orgPath}/controls`);
  await expect(member).toHaveURL(/\/account\/two-factor$/);
  await expect(
    member.getByText(/Strict Payments requires two-factor sign-in\. Set it up to continue\./),
  ).toBeVisible();
  await enrol(member);
  await member.getByRole("button", { name: "I have saved my codes" }).click();
  await member.goto(`${orgPath}/controls`);
  await expect(member).toHaveURL(new RegExp(`${orgPath}/controls$`));

  await page.reload();
  await expect(page.getByText("Every member has two-factor on.")).toBeVisible();
});
