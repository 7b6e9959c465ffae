import type { Page } from "@playwright/test";
import { expect, newPerson, signUp, test } from "./fixtures";

// Single sign-on end to end against a real OpenID provider on loopback (tests/e2e/oidc-provider.ts,
// started by playwright.config.ts): a newcomer from the claimed domain joins the organisation;
// a tampered issuer, a replayed state, an unverified email and a stranger's domain are refused.

const domain = `sso-${Date.now().toString(36)}.example.org`;

/** Its login page styles load a web font: offline, the request fails and the console says so. */
async function offline(page: Page): Promise<void> {
  await page.route(/^https?:\/\/(?!localhost|127\.0\.0\.1)/, (route) => route.abort());
}

/** From our sign-in page through the provider's login, up to its consent page. */
async function toConsent(page: Page, login: string): Promise<void> {
  await offline(page);
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Sign in with Test ID" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await expect(page.getByRole("button", { name: "Continue" })).toBeVisible();
}

/** The whole way: login and consent at the provider, back to the app. */
async function ssoSignIn(page: Page, login: string): Promise<void> {
  await toConsent(page, login);
  await page.getByRole("button", { name: "Continue" }).click();
}

/**
 * Signs in up to the provider's redirect back and returns that callback URL, unvisited: the
 * consent is posted here and the provider's redirects followed by hand, short of the app.
 */
async function callbackUrlFor(page: Page, login: string): Promise<string> {
  await toConsent(page, login);
  let seen = "";
  const consent = /^http:\/\/127\.0\.0\.1:\d+\/interaction\//;
  await page.route(consent, async (route) => {
    const posted = await route.fetch({ maxRedirects: 0 });
    const resume = posted.headers()["location"] ?? "";
    const answer = await page
      .context()
      .request.get(new URL(resume, route.request().url()).toString(), { maxRedirects: 0 });
    seen = answer.headers()["location"] ?? "";
    await route.fulfill({ status: 200, contentType: "text/plain", body: "held back" });
  });
  await page.getByRole("button", { name: "Continue" }).click();
  await expect.poll(() => seen).toContain("/api/sso/callback");
  await page.unroute(consent);
  return seen;
}

test("single sign-on: a newcomer joins by domain; bad answers are refused", async ({
  page,
  browser,
}) => {
  // An owner claims the domain and lets its people join as viewers.
  await signUp(page, "Oona Owner", `oona-${Date.now().toString(36)}@${domain}`);
  await expect(page).toHaveURL(/\/orgs\/new$/);
  await page.getByLabel("Organisation name").fill("SSO Works");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/sso-works(-\d+)?$/);
  const orgPath = new URL(page.url()).pathname;
  await page.goto(`${orgPath}/settings`);
  await page.getByRole("link", { name: /Claim your email domain/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Single sign-on" })).toBeVisible();
  await page.getByLabel("Email domain").fill("gmail.com");
  await page.getByRole("button", { name: "Save single sign-on settings" }).click();
  await expect(page.getByText(/gmail\.com is a public mail service/)).toBeVisible();
  await page.getByLabel("Email domain").fill(domain.toUpperCase());
  await page.getByLabel(/join as/).selectOption("viewer");
  await page.getByRole("button", { name: "Save single sign-on settings" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  // A newcomer from the domain signs in with SSO and lands in the organisation as a viewer.
  const newcomer = await newPerson(browser);
  await ssoSignIn(newcomer, `nina@${domain}`);
  await expect(newcomer).toHaveURL(new RegExp(`${orgPath}$`));
  await expect(newcomer.getByRole("heading", { level: 1, name: "SSO Works" })).toBeVisible();

  // A stranger from another domain is refused with a clear message.
  const stranger = await newPerson(browser);
  await ssoSignIn(stranger, "sam@elsewhere.example.net");
  await expect(stranger).toHaveURL(/\/sign-in\?sso=no_account$/);
  await expect(stranger.getByText(/no Assay account for this email address/)).toBeVisible();

  // An unverified email is refused.
  const unverified = await newPerson(browser);
  await ssoSignIn(unverified, `unverified:uma@${domain}`);
  await expect(unverified).toHaveURL(/\/sign-in\?sso=email_unverified$/);
  await expect(
    unverified.getByText(/did not confirm that your email address is verified/),
  ).toBeVisible();

  // A tampered issuer in the provider's answer is refused (openid-client checks iss).
  const tampered = await newPerson(browser);
  const answer = new URL(await callbackUrlFor(tampered, `tia@${domain}`));
  expect(answer.searchParams.get("iss")).toMatch(/^http:\/\/127\.0\.0\.1:/);
  answer.searchParams.set("iss", "https://evil.example.net");
  await tampered.goto(answer.toString());
  await expect(tampered).toHaveURL(/\/sign-in\?sso=provider$/);
  await expect(tampered.getByText(/could not be verified \(wrong issuer/)).toBeVisible();

  // A replayed state: the first use signs in, the same answer again is refused.
  const replay = await newPerson(browser);
  const once = await callbackUrlFor(replay, `rita@${domain}`);
  await replay.goto(once);
  await expect(replay).toHaveURL(new RegExp(`${orgPath}$`));
  // Even with this browser's state cookie put back, the attempt was used.
  const state = new URL(once).searchParams.get("state") ?? "";
  await replay.context().clearCookies();
  await replay
    .context()
    .addCookies([{ name: "assay-sso-state", value: state, domain: "localhost", path: "/api/sso" }]);
  await replay.goto(once);
  await expect(replay).toHaveURL(/\/sign-in\?sso=state$/);
  await expect(replay.getByText(/expired or was already used/)).toBeVisible();
});
