import { expect, test } from "./fixtures";
import { DEMO, signInAsDemo, walkOrganisation } from "./walk";

// On a phone (390 × 844, an iPhone's CSS viewport) no page scrolls sideways: wide tables scroll
// inside their own box, which says so. The navigation folds behind a "Menu" button.

test.use({ viewport: { width: 390, height: 844 } });
test.describe.configure({ timeout: 240_000 });

test("the navigation folds into a menu on a phone", async ({ page }) => {
  await signInAsDemo(page, DEMO.owner);
  const nav = page.getByRole("navigation", { name: "Organisation" });
  await expect(nav).toBeHidden();
  const header = await page.locator("header").boundingBox();
  expect(header?.height ?? 999).toBeLessThan(120);
  const menu = page.getByRole("button", { name: "Menu", exact: true });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(nav.getByRole("link", { name: "Controls" })).toBeVisible();
  await nav.getByRole("link", { name: "Controls" }).click();
  await expect(page).toHaveURL(/\/controls$/);
  await expect(nav).toBeHidden();
});

test("no page the demo owner reaches scrolls sideways at 390 px", async ({ page }) => {
  await signInAsDemo(page, DEMO.owner);
  const tooWide: string[] = [];
  const visited = await walkOrganisation(page, async (path) => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) tooWide.push(`${path}: ${width} px`);
  });
  expect(visited.length, "pages walked").toBeGreaterThan(15);
  expect(tooWide).toEqual([]);
});

test("no page the demo owner reaches scrolls on past the end of its content", async ({ page }) => {
  await signInAsDemo(page, DEMO.owner);
  const tooTall: string[] = [];
  await walkOrganisation(page, async (path) => {
    // Something hidden but laid out (a visually hidden table, say) makes the page scroll on blank.
    const blank = await page.evaluate(() => {
      const main = document.querySelector("main");
      if (!main) return 0;
      const end = main.getBoundingClientRect().bottom + window.scrollY;
      return document.documentElement.scrollHeight - Math.max(end, window.innerHeight);
    });
    if (blank > 120) tooTall.push(`${path}: ${Math.round(blank)} px of blank`);
  });
  expect(tooTall).toEqual([]);
});
