import { readFile } from "node:fs/promises";
import { extractText, getDocumentProxy } from "unpdf";
import { expect, signUp, test, uniqueEmail } from "./fixtures";

// The paperwork PDF is laid out in a job process forked by the production server: the edited
// draft comes back as a PDF with the edit in it.
test("an edited management assertion downloads as a PDF", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, "Olivia Owner", uniqueEmail("owner"));
  await page.getByLabel("Organisation name").fill("Paper Co");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/paper-co(-\d+)?$/);
  const org = new URL(page.url()).pathname;
  await page.goto(`${org}/engagements/new`);
  await page.getByLabel("Engagement name").fill("SOC 2 Type II 2026");
  await page.getByLabel("Period start").fill("2026-01-01");
  await page.getByLabel("Period end").fill("2026-12-31");
  await page.getByRole("button", { name: "Create engagement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "SOC 2 Type II 2026" })).toBeVisible();

  await page.goto(`${new URL(page.url()).pathname}/paperwork`);
  const draft = page.getByLabel(/draft \(Markdown, editable\)/);
  await draft.fill(`${await draft.inputValue()}\n\nSigned for the board by Olivia Owner.`);
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }),
    page.getByRole("button", { name: "Download PDF" }).click(),
  ]);
  const file = test.info().outputPath("draft.pdf");
  await download.saveAs(file);
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(await readFile(file))), {
    mergePages: true,
  });
  expect(text).toContain("Signed for the board by Olivia Owner.");
});
