import type { Page } from "@playwright/test";
import { expect, signUp, test, uniqueEmail } from "./fixtures";
import { DEMO, signInAsDemo, walkOrganisation } from "./walk";

// What a person reads: words instead of stored codes on every page, nothing answered for them in
// the questionnaire, success messages where they look, selects wide enough for their values,
// and bulk edit that selects a whole page.

test.describe.configure({ timeout: 180_000 });

/** Visible text that looks like a stored code ("semi_annual"), outside code, ids and file names. */
async function codesShown(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const code = /\b[a-z]+_[a-z_]+\b/g;
    const found: string[] = [];
    const skip = "code, pre, kbd, samp, script, style, noscript, [data-raw]";
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(skip)) continue;
      const inSelect = parent.closest("select");
      if (!inSelect && !parent.checkVisibility()) continue;
      if (inSelect && !inSelect.checkVisibility()) continue;
      const text = node.textContent ?? "";
      for (const match of text.matchAll(code)) {
        // A file name or an address is the user's own text.
        const around = text.slice(
          Math.max(0, match.index - 40),
          match.index + match[0].length + 40,
        );
        if (/[\w-]+\.[a-z0-9]{2,5}\b|@|\/\//.test(around)) continue;
        found.push(`${match[0]} in "${text.trim().slice(0, 80)}"`);
      }
    }
    return found;
  });
}

for (const who of ["owner", "viewer", "auditor"] as const) {
  test(`the demo ${who} reads words, not stored codes, on every page`, async ({ page }) => {
    await signInAsDemo(page, DEMO[who]);
    const found: string[] = [];
    const visited = await walkOrganisation(
      page,
      async (path) => {
        for (const shown of await codesShown(page)) found.push(`${path}: ${shown}`);
      },
      40,
    );
    expect(visited.length, "pages walked").toBeGreaterThan(who === "auditor" ? 3 : 10);
    expect(found).toEqual([]);
  });
}

/** Options of the owner, status, frequency and nature selects wider than the room the select gives them. */
async function truncatedSelects(page: Page): Promise<string[]> {
  return page.locator("select").evaluateAll((selects) => {
    const canvas = document.createElement("canvas").getContext("2d")!;
    return (selects as HTMLSelectElement[])
      .filter((select) =>
        ["owner", "ownerId", "status", "frequency", "nature"].includes(select.name),
      )
      .filter((select) => select.checkVisibility())
      .flatMap((select) => {
        const style = getComputedStyle(select);
        canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const room =
          select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return [...select.options]
          .filter((option) => canvas.measureText(option.text).width > room + 0.5)
          .map(
            (option) => `${select.id || select.name}: "${option.text}" in ${Math.round(room)}px`,
          );
      });
  });
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`owner, status and frequency selects show their values whole at ${viewport.width} px`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const org = await signInAsDemo(page, DEMO.owner);
    await page.goto(`${org}/controls`);
    await expect(page.getByLabel("Frequency", { exact: true })).toBeVisible();
    expect(await truncatedSelects(page)).toEqual([]);
    await page.locator(`table a[href^="${org}/controls/c"]`).first().click();
    await expect(page.getByRole("button", { name: "Save control" })).toBeVisible();
    expect(await truncatedSelects(page)).toEqual([]);
  });
}

test("the questionnaire starts unanswered and names each open question", async ({ page }) => {
  const org = await signInAsDemo(page, DEMO.owner);
  await page.goto(`${org}/questionnaire`);
  await expect(page.getByRole("radio")).toHaveCount(6);
  for (const radio of await page.getByRole("radio").all()) await expect(radio).not.toBeChecked();

  await page.getByRole("button", { name: "Recommend reports" }).click();
  await expect(page.getByRole("heading", { name: "Recommendation" })).toHaveCount(0);
  await expect(page.getByText("3 questions are not answered yet")).toBeVisible();
  const financial = page.getByRole("group", { name: /financial reporting/ });
  await expect(financial).toHaveAccessibleDescription(
    "Choose whether your service affects your clients' financial reporting.",
  );
  await expect(financial.getByLabel("Yes")).toBeFocused();

  await financial.getByLabel("No").check();
  await page
    .getByRole("group", { name: /secure their data/ })
    .getByLabel("Yes")
    .check();
  await page
    .getByRole("group", { name: /first SOC/ })
    .getByLabel("No")
    .check();
  await page.getByRole("button", { name: "Recommend reports" }).click();
  await expect(page.getByText("One question is not answered yet")).toBeVisible();
  await page
    .getByRole("group", { name: /last report period/ })
    .getByLabel("No")
    .check();
  await page.getByRole("button", { name: "Recommend reports" }).click();
  await expect(page.getByRole("heading", { name: /^SOC 2 Type II/ })).toBeVisible();
});

test("adopting starter controls says so in view, and bulk edit selects the whole page", async ({
  page,
}) => {
  await signUp(page, "Wera Words", uniqueEmail("words"));
  await page.getByLabel("Organisation name").fill("Plain Words");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/plain-words(-\d+)?$/);
  const org = new URL(page.url()).pathname;

  await page.goto(`${org}/controls/starter`);
  await page.getByRole("button", { name: "Adopt selected controls" }).click();
  const adopted = page.getByRole("status").filter({ hasText: /Adopted \d+ controls as drafts/ });
  await expect(adopted).toBeInViewport();
  const count = Number((await adopted.textContent())?.match(/Adopted (\d+)/)?.[1]);
  expect(count).toBeGreaterThan(10);

  await page.goto(`${org}/controls`);
  await page.getByLabel("Select all on this page").check();
  await expect(page.getByText(`${count} selected.`)).toBeVisible();
  await page.getByLabel("Set status").selectOption({ label: "Designed" });
  await page.getByRole("button", { name: "Apply to selected" }).click();
  await expect(page.getByText(`Updated ${count} controls.`)).toBeVisible();
  await page.goto(`${org}/controls?status=designed`);
  await expect(page.getByText(`${count} controls · page 1 of 1`)).toBeVisible();
});
