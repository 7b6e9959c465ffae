import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { assertNoConsoleErrors, expect, signUp, test, uniqueEmail } from "./fixtures";
import { inviteAndJoinAuditor } from "./auditors";

// The auditor's request list round trip: the team imports the auditor's CSV (their columns,
// their date formats), answers a request in its thread with a new file, the auditor accepts
// the answer, and the list goes back in the auditor's own columns with the answering file's
// path in the evidence pack.

const SOC2 = "SOC 2 Type II 2026";
const LIST = [
  "Comments,PBC Ref,Due date,Requested item,TSC",
  ",PBC-1,31/12/2026,Quarterly user access review for Q2,CC6.2",
  "Sent twice,PBC-2,46388,Change tickets for March,CC8.1",
].join("\n");

test("import the auditor's CSV list, answer a request with a new file, the auditor accepts, export the list", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  await signUp(page, "Tess Team", uniqueEmail("team"));
  await page.getByLabel("Organisation name").fill("Round Trip Co");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/o\/round-trip-co(-\d+)?$/);
  const org = new URL(page.url()).pathname;
  await page.goto(`${org}/engagements/new`);
  await page.getByLabel("Engagement name").fill(SOC2);
  await page.getByLabel("Period start").fill("2026-01-01");
  await page.getByLabel("Period end").fill("2026-12-31");
  await page.getByRole("button", { name: "Create engagement" }).click();
  await expect(page.getByRole("heading", { level: 1, name: SOC2 })).toBeVisible();
  await page.goto(`${org}/controls/starter`);
  await page.getByRole("button", { name: "Adopt selected controls" }).click();
  await expect(page.getByText(/Adopted \d+ controls as drafts/)).toBeVisible();

  // The team imports the list: header found, columns suggested, a clean dry run, then in.
  await page.goto(`${org}/requests`);
  await page.getByText("Import a request list").click();
  await page.getByLabel("Request list (CSV or XLSX)").setInputFiles({
    name: "Auditor PBC.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(LIST),
  });
  await page.getByRole("button", { name: "Read the list" }).click();
  const mapping = page.getByRole("region", { name: "Column mapping" });
  await expect(mapping.getByLabel("Request id")).toHaveValue("PBC Ref");
  await expect(mapping.getByLabel("Description")).toHaveValue("Requested item");
  await expect(mapping.getByLabel("Due date")).toHaveValue("Due date");
  await expect(mapping.getByLabel("Criterion or objective")).toHaveValue("TSC");
  await expect(mapping.getByRole("status")).toContainText("2 new, 0 updated, 0 with errors");
  await mapping.getByRole("button", { name: "Import 2 requests" }).click();
  await expect(page.getByText("Imported: 2 new, 0 updated.")).toBeVisible();

  const pbc1 = page.getByRole("article", { name: "Request PBC-1" });
  await expect(pbc1).toContainText("due 2026-12-31");
  await expect(pbc1).toContainText("AC-03");
  await expect(page.getByRole("article", { name: "Request PBC-2" })).toContainText(
    "due 2027-01-01",
  );

  // The team answers PBC-1 with a new file uploaded in the reply.
  await pbc1.getByLabel("Reply", { exact: true }).fill("The **Q2** review, signed off.");
  await pbc1.getByLabel("Upload new evidence").setInputFiles({
    name: "q2-access-review.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("Q2 access review: 42 accounts checked, 3 removed. Signed: Tess."),
  });
  await pbc1.getByRole("button", { name: "Reply and mark answered" }).click();
  const thread = pbc1.getByRole("list", { name: "Thread" });
  await expect(thread).toContainText("Evidence: q2-access-review.txt");
  await expect(pbc1).toContainText("Answered");

  // The team invites the auditor, who accepts the answer.
  const auditor = await inviteAndJoinAuditor(page, browser, {
    org,
    orgName: "Round Trip Co",
    engagementName: SOC2,
    auditorName: "Ari Auditor",
  });
  const nav = auditor.getByRole("navigation", { name: "Organisation" });
  await nav.getByRole("link", { name: "Auditor requests (1)" }).click();
  const theirs = auditor.getByRole("article", { name: "Request PBC-1" });
  await theirs.getByRole("button", { name: "Accept the answer" }).click();
  await expect(theirs).toContainText("Accepted");
  await expect(nav.getByRole("link", { name: "Auditor requests", exact: true })).toBeVisible();

  // The list goes back in the auditor's columns, with state, answer and the file's pack path.
  await page.goto(`${org}/requests`);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "answered list (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("Auditor PBC (answered).csv");
  const rows = parse(await readFile(await download.path())) as string[][];
  expect(rows[0]).toEqual([
    "Comments",
    "PBC Ref",
    "Due date",
    "Requested item",
    "TSC",
    "State",
    "Answer",
    "Answered by",
    "Answered at",
    "Files",
  ]);
  expect(rows[1]?.slice(0, 7)).toEqual([
    "",
    "PBC-1",
    "31/12/2026",
    "Quarterly user access review for Q2",
    "CC6.2",
    "Accepted",
    "The **Q2** review, signed off.",
  ]);
  expect(rows[1]?.[7]).toBe("Tess Team");
  // CC6.2 is served by several starter controls: the file sits in each of their folders.
  const files = rows[1]?.[9]?.split("\n") ?? [];
  expect(files.length).toBeGreaterThan(0);
  for (const file of files)
    expect(file).toMatch(/^controls\/[A-Z]+-\d+ [^/]+\/\d{4}-\d{2}-\d{2} q2-access-review\.txt$/);
  expect(files.some((file) => file.startsWith("controls/AC-03 "))).toBe(true);
  expect(rows[2]?.slice(0, 6)).toEqual([
    "Sent twice",
    "PBC-2",
    "46388",
    "Change tickets for March",
    "CC8.1",
    "Open",
  ]);
  assertNoConsoleErrors(page);
  assertNoConsoleErrors(auditor);
});
