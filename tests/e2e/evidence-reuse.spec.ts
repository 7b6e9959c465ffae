import { expect, test } from "./fixtures";
import { DEMO, signInAsDemo } from "./walk";

// Evidence reuse from a control page: the choice of other controls is drawn only when it is
// opened (a control page once drew every control of the organisation under every item), and
// linking an item makes it support the chosen control too.

test("an item of evidence is linked to another control from the control page", async ({ page }) => {
  const base = await signInAsDemo(page, DEMO.owner);
  await page.goto(`${base}/controls`);
  await page.getByRole("link", { name: "Single sign-on with MFA and password policy" }).click();
  await expect(page).toHaveURL(/\/controls\/c[a-z0-9]+/);
  const heading = await page.getByRole("heading", { level: 1 }).textContent();
  const ref = /^([A-Z]+-\d+)/.exec(heading ?? "")?.[1] ?? "";
  expect(ref).not.toBe("");

  // The demo gives every control its design procedure: "<ref> procedure approved".
  const title = `${ref} procedure approved`;
  const item = page.getByRole("listitem").filter({ hasText: title }).first();
  const choice = item.getByLabel(`Also supports (${title})`);
  await expect(choice).toHaveCount(0);
  await item.getByText("Use for another control").click();
  await expect(choice).toBeVisible();
  const options = await choice.locator("option").allTextContents();
  expect(options.some((label) => label.startsWith(`${ref} `))).toBe(false);
  const other = options.find((label) => /^[A-Z]+-\d+ /.test(label));
  expect(other).toBeDefined();
  await choice.selectOption({ label: other ?? "" });
  await item.getByRole("button", { name: "Link evidence" }).click();
  await expect(item.getByText("Linked.")).toBeVisible();
  await expect(page.getByText(`also supports ${other?.split(" ")[0]}`)).toBeVisible();
});
