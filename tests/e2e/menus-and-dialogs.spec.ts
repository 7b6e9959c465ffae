import { expect, test } from "./fixtures";
import { DEMO, signInAsDemo } from "./walk";

// The shell's menus and the confirmation dialogs are our own (the menu button pattern and the
// browser's modal <dialog>), not a library's: they must still work from the keyboard, close on
// Escape and a click outside, and give focus back to what opened them.

test("the account menu opens and moves with the keyboard, and Escape gives focus back", async ({
  page,
}) => {
  await signInAsDemo(page, DEMO.owner);
  const trigger = page.getByRole("button", { name: /^Account menu/ });
  await expect(trigger).toHaveAttribute("aria-expanded", "false");
  await trigger.focus();
  await page.keyboard.press("ArrowDown");
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  await expect(trigger).toHaveAttribute("aria-expanded", "true");
  await expect(menu.getByRole("menuitem", { name: "Security" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Sign out" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Security" })).toBeFocused();
  await page.keyboard.press("End");
  await expect(menu.getByRole("menuitem", { name: "Sign out" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(trigger).toBeFocused();

  await trigger.click();
  await expect(menu).toBeVisible();
  await page.locator("main").click({ position: { x: 5, y: 5 } });
  await expect(menu).toBeHidden();

  // Enter on a link item follows it.
  await trigger.click();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/account\/security$/);
});

test("the organisation menu lists the organisations and creating one", async ({ page }) => {
  await signInAsDemo(page, DEMO.owner);
  await page.getByRole("button", { name: /switch organisation$/ }).click();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem", { name: "Create organisation" })).toBeVisible();
  await menu.getByRole("menuitem", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/orgs\/new$/);
});

test("a confirmation dialog is modal, closes on Escape and on its backdrop, and focus returns", async ({
  page,
}) => {
  const base = await signInAsDemo(page, DEMO.owner);
  await page.goto(`${base}/members`);
  const opener = page.getByRole("button", { name: /^Reset password of / }).first();
  await opener.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("heading", { name: /^Reset the password of / })).toBeVisible();
  // Modal: the page behind cannot be reached with the keyboard.
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((node) => node.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  await opener.click();
  await expect(dialog).toBeVisible();
  await page.mouse.click(5, 5);
  await expect(dialog).toBeHidden();
  // Nothing was issued: the dialog closed without its action.
  await expect(page.getByText(/Reset link \(shown only now/)).toHaveCount(0);
});
