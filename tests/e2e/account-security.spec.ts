import { expect, formAlert, newPerson, signUp, test, uniqueEmail, PASSWORD } from "./fixtures";

test("signing out ends the session on the server: a copy of the old cookie can no longer create an organisation", async ({
  page,
  browser,
}) => {
  await signUp(page, "Sam Signout", uniqueEmail("signout"));
  await expect(page).toHaveURL(/\/orgs\/new$/);

  // Someone holding a copy of the session cookie, with the form open.
  const copy = await newPerson(browser);
  await copy.context().addCookies(await page.context().cookies());
  await copy.goto("/orgs/new");
  await expect(copy.getByRole("heading", { name: "Create an organisation" })).toBeVisible();

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await copy.getByLabel("Organisation name").fill("Made with a stolen cookie");
  await copy.getByRole("button", { name: "Create organisation" }).click();
  await expect(formAlert(copy)).toHaveText("Please sign in to continue.");
  await copy.goto("/orgs/new");
  await expect(copy).toHaveURL(/\/sign-in/);
  await copy.context().close();
});

test("the Security page lists both devices; signing the other out ends its session; changing the password keeps this one", async ({
  page,
  browser,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 401/); // the phone's refused sign-in
  const email = uniqueEmail("devices");
  await signUp(page, "Dana Devices", email);
  await expect(page).toHaveURL(/\/orgs\/new$/);
  const phone = await newPerson(browser);
  await phone.goto("/sign-in");
  await phone.getByLabel("Email").fill(email);
  await phone.getByLabel("Password").fill(PASSWORD);
  await phone.getByRole("button", { name: "Sign in" }).click();
  await expect(phone).toHaveURL(/\/orgs\/new$/);

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Security" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Security" })).toBeVisible();
  const devices = page.getByRole("table", { name: "Signed-in devices" });
  await expect(devices.getByRole("row")).toHaveCount(3);
  await expect(devices.getByText("This device")).toHaveCount(1);

  await devices.getByRole("button", { name: /^Sign out / }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Sign out device" }).click();
  await expect(devices.getByRole("row")).toHaveCount(2);

  await phone.goto("/orgs/new");
  await expect(phone).toHaveURL(/\/sign-in/);

  // Changing the password keeps this browser signed in (under a new session), with the new password only.
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password").fill("another long passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();
  await page.reload();
  await expect(devices.getByRole("row")).toHaveCount(2);
  await expect(devices.getByText("This device")).toHaveCount(1);
  await phone.getByLabel("Email").fill(email);
  await phone.getByLabel("Password").fill(PASSWORD);
  await phone.getByRole("button", { name: "Sign in" }).click();
  await expect(formAlert(phone)).toHaveText("Email or password is incorrect.");
  await phone.context().close();
});

test("an owner hands a member a reset link; the member chooses a new password and signs in with it", async ({
  page,
  browser,
}) => {
  await signUp(page, "Olga Owner", uniqueEmail("reset-owner"));
  await page.getByLabel("Organisation name").fill("Reset Works");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/reset-works(-\d+)?$/);
  const orgPath = new URL(page.url()).pathname;

  const memberEmail = uniqueEmail("forgetful");
  await page.goto(`${orgPath}/members`);
  await page.getByLabel("Email address").fill(memberEmail);
  await page.getByRole("button", { name: "Send invitation" }).click();
  const invitation = await page.getByLabel("Invitation link (shown only now)").inputValue();

  const member = await newPerson(browser);
  await member.goto(invitation);
  await member.getByRole("link", { name: "Create an account to accept" }).click();
  await member.getByLabel("Name").fill("Fred Forgetful");
  await member.getByLabel("Password").fill(PASSWORD);
  await member.getByRole("button", { name: "Create account" }).click();
  await member.getByRole("button", { name: /^Join Reset Works/ }).click();
  await expect(member).toHaveURL(new RegExp(`${orgPath}$`));

  await page.reload();
  await page.getByRole("button", { name: "Reset password of Fred Forgetful" }).click();
  await page.getByRole("button", { name: "Issue reset link" }).click();
  const resetLink = await page.getByLabel(/^Reset link \(shown only now/).inputValue();
  expect(resetLink).toMatch(/\/reset-password\/[A-Za-z0-9_-]+$/);

  await member.goto(resetLink);
  await expect(member.getByText(memberEmail)).toBeVisible();
  await member.getByLabel("New password").fill("a new and memorable passphrase");
  await member.getByRole("button", { name: "Set new password" }).click();
  await expect(member.getByText("Your password was changed")).toBeVisible();

  // The reset signed the member out everywhere, and the link is used up.
  await member.goto(orgPath);
  await expect(member).toHaveURL(/\/sign-in/);
  await member.goto(resetLink);
  await expect(member.getByText("This link has expired or was already used.")).toBeVisible();

  await member.goto(`/sign-in?email=${encodeURIComponent(memberEmail)}`);
  await member.getByLabel("Password").fill("a new and memorable passphrase");
  await member.getByRole("button", { name: "Sign in" }).click();
  await expect(member).toHaveURL(/\/$|\/o\//);
  await member.context().close();
});
