import AxeBuilder from "@axe-core/playwright";
import { expect, signUp, test, uniqueEmail } from "./fixtures";

// The API tokens page on the production build: an owner creates a token, sees its secret once,
// the secret works against /api/v1, the list shows its last use, and a revoked token is refused.

test("an owner creates an API token, uses it once, and revokes it", async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signUp(page, "Tomasz Token", uniqueEmail("tokens"));
  await expect(page).toHaveURL(/\/orgs\/new$/);
  await page.getByLabel("Organisation name").fill("Token Works");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/token-works(-\d+)?$/);
  const orgPath = new URL(page.url()).pathname;

  await page.goto(`${orgPath}/settings`);
  await page.getByRole("link", { name: /Create and revoke tokens/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await expect(page.getByText("No tokens yet.")).toBeVisible();

  // A blank name is refused next to the field.
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(
    page.getByText("Give the token a name, such as the job that uses it."),
  ).toBeVisible();

  await page.getByLabel("Token name").fill("GitHub Actions: backups");
  await page.getByLabel("Role").selectOption("editor");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("it is shown only this once")).toBeVisible();
  const secret = await page.getByLabel("Secret").inputValue();
  expect(secret).toMatch(/^assay_[A-Za-z0-9_-]{43}$/);
  await page.getByRole("button", { name: "Copy secret" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();

  const used = await request.get("/api/v1/engagements", {
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(used.status()).toBe(200);

  await page.getByRole("button", { name: "I have saved the secret" }).click();
  await expect(page.getByLabel("Secret")).toHaveCount(0);
  await page.reload();
  const table = page.getByRole("table", { name: "API tokens" });
  const row = table.getByRole("row", { name: /GitHub Actions: backups/ });
  await expect(row).toContainText(secret.slice(0, 12));
  await expect(row).toContainText("editor");
  await expect(row).toContainText("Every engagement");
  await expect(row).toContainText("by Tomasz Token");
  await expect(row).toContainText(/ from \S+/);
  await expect(row).not.toContainText(secret);

  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.help}`);
  expect(serious).toEqual([]);

  await row.getByRole("button", { name: "Revoke token GitHub Actions: backups" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toContainText("revoked");
  const refused = await request.get("/api/v1/engagements", {
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(refused.status()).toBe(401);

  await page.goto(`${orgPath}/activity`);
  await expect(page.getByText('revoked API token "GitHub Actions: backups"')).toBeVisible();
});
