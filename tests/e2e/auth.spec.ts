import { expect, formAlert, signUp, test, uniqueEmail, PASSWORD } from "./fixtures";

test("sign-in answers the same for an unknown email and a wrong password, then signs in and out", async ({
  page,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 401/); // the refused credential posts
  const email = uniqueEmail("alice");
  await signUp(page, "Alice Example", email);
  await expect(page).toHaveURL(/\/orgs\/new$/);

  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("wrong password entirely");
  await page.getByRole("button", { name: "Sign in" }).click();
  const wrongPassword = await formAlert(page).textContent();

  await page.getByLabel("Email").fill(uniqueEmail("nobody"));
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(formAlert(page)).toHaveText("Email or password is incorrect.");
  expect(wrongPassword).toBe("Email or password is incorrect.");

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/orgs\/new$/);
});

test("sign-up validates every field next to it", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Email").fill("not an email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await expect(page.getByText("Enter a valid email address.")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("not an email");
});

test("repeated failed sign-ins for one email are slowed down with a clear message", async ({
  page,
  allowConsoleErrors,
}) => {
  allowConsoleErrors(/status of 401/); // the refused credential posts
  const email = uniqueEmail("target");
  await signUp(page, "Tara Target", email);
  await expect(page).toHaveURL(/\/orgs\/new$/);
  await page.getByRole("button", { name: "Account menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong password ${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(formAlert(page)).toHaveText("Email or password is incorrect.");
  }
  // Even the right password is refused while the email is throttled.
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(formAlert(page)).toHaveText(
    /Too many failed sign-in attempts\. Try again in \d+ minute/,
  );
});

test("security headers are sent", async ({ request }) => {
  const response = await request.get("/sign-in");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
});
