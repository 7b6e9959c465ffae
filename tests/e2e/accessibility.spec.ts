import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { DEMO, signInAsDemo, walkOrganisation } from "./walk";

// axe-core over every page a person of each role can reach from their organisation's pages
// (one page per route: the walk follows links and keeps the first of each path pattern), and the
// signed-out pages. Any serious or critical violation fails, with the page and the rule named.

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    // Off by default in axe (experimental), and the violation an earlier audit found on every page.
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${new URL(page.url()).pathname}: ${violation.id} (${violation.impact}) ${violation.help} at ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(" "))
          .join(", ")}`,
    );
}

test.describe.configure({ timeout: 240_000 });

test("signed-out pages have no serious accessibility violations", async ({ page }) => {
  const found: string[] = [];
  for (const path of ["/sign-in", "/sign-up", "/forgot-password"]) {
    await page.goto(path);
    found.push(...(await seriousViolations(page)));
  }
  expect(found).toEqual([]);
});

for (const who of ["owner", "viewer", "auditor"] as const) {
  test(`every page the demo ${who} reaches has no serious accessibility violations`, async ({
    page,
  }) => {
    await signInAsDemo(page, DEMO[who]);
    const found: string[] = [];
    const visited = await walkOrganisation(page, async () => {
      found.push(...(await seriousViolations(page)));
    });
    expect(visited.length, "pages walked").toBeGreaterThan(who === "auditor" ? 3 : 15);
    expect(found).toEqual([]);
  });
}

test("the evidence tabs move with the arrow keys, like a tab list", async ({ page }) => {
  const org = await signInAsDemo(page, DEMO.owner);
  await page.goto(`${org}/controls`);
  await page.locator(`table a[href^="${org}/controls/c"]`).first().click();
  await expect(page).toHaveURL(/\/controls\/c[a-z0-9]+/);
  const tabs = page.getByRole("tablist", { name: "Kind of evidence" });
  const files = tabs.getByRole("tab", { name: "Files" });
  await expect(files).toHaveAttribute("aria-selected", "true");
  await files.focus();
  await page.keyboard.press("ArrowLeft");
  const link = tabs.getByRole("tab", { name: "Link" });
  await expect(link).toBeFocused();
  await expect(link).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel", { name: "Link" })).toBeVisible();
  await page.keyboard.press("Home");
  await expect(tabs.getByRole("tab", { name: "Note" })).toBeFocused();
  await page.keyboard.press("End");
  await expect(files).toBeFocused();
  // One tab stop for the whole list: the unselected tabs are out of the Tab order.
  await expect(tabs.getByRole("tab", { name: "Note" })).toHaveAttribute("tabindex", "-1");
});
