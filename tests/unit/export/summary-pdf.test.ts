import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import type { ExportControl, ExportRequirement, ExportSummary } from "@/lib/domain/export/types";
import { renderSummaryPdf } from "@/lib/export/summary-pdf";
import { makeExportControl, makeExportSummary } from "@/tests/fixtures/export-summary";

/** The text of each page, whitespace collapsed, and the page count the PDF declares. */
async function pdfText(summary: ExportSummary): Promise<{ pages: string[]; totalPages: number }> {
  const pdf = await renderSummaryPdf(summary);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { totalPages, text } = await extractText(document, { mergePages: false });
  return { pages: text.map((page) => page.replace(/\s+/g, " ")), totalPages };
}

/** The text from `start` up to `end` (or the end), failing if `start` is absent. */
function between(text: string, start: string, end?: string): string {
  const from = text.indexOf(start);
  expect(from, `"${start}" in the text`).toBeGreaterThanOrEqual(0);
  const to = end === undefined ? -1 : text.indexOf(end, from + start.length);
  return text.slice(from, to === -1 ? undefined : to);
}

let fixture: ReturnType<typeof pdfText> | undefined;
/** The sample summary is rendered once and read by several tests. */
const fixtureText = () => (fixture ??= pdfText(makeExportSummary()));

function typeIIsae(): ExportSummary {
  const base = makeExportSummary();
  const designOnly = (control: ExportControl): ExportControl => ({ ...control, operating: null, sampling: null });
  return makeExportSummary({
    engagement: {
      ...base.engagement,
      id: "eng-isae",
      name: "ISAE 3402 Type I 2026",
      family: "ISAE3402",
      familyLabel: "ISAE 3402",
      type: "TYPE_I",
      typeLabel: "Type I",
      asOfDate: "2026-03-31",
      periodStart: null,
      periodEnd: null,
      categories: [],
      objectives: [{ ref: "CO-1", title: "Only authorised people reach the payment systems", area: "IT general controls" }],
      subservices: [],
      cuecs: [],
      userResponsibilities: [],
    },
    figures: { ...base.figures, asOf: null, designDate: "2026-03-31" },
    controls: base.controls.map(designOnly),
  });
}

function largeSummary(controlCount: number): ExportSummary {
  const months = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"];
  const controls = Array.from({ length: controlCount }, (_, index) => {
    const late = index % 7 === 0;
    return makeExportControl({
      id: `ctl-${index}`,
      ref: `C-${String(index + 1).padStart(4, "0")}`,
      title: `Control ${index + 1}: a monthly review with a title long enough to wrap`,
      frequency: "monthly",
      frequencyLabel: "Monthly",
      ready: !late,
      reasons: late ? ["2026-03 missing"] : [],
      operating: {
        due: 6,
        covered: late ? 5 : 6,
        coverage: late ? 5 / 6 : 1,
        missing: late ? ["2026-03"] : [],
        slots: months.map((month, slot) => ({
          label: `2026-${month}`,
          start: `2026-${month}-01`,
          end: `2026-${month}-28`,
          state: late && slot === 2 ? "missing" : slot < 6 ? "covered" : "upcoming",
        })),
      },
      sampling: { text: "the auditor will likely test 2–5 of 12", min: 2, max: 5, population: 12 },
    });
  });
  const requirements: ExportRequirement[] = Array.from({ length: 40 }, (_, index) => ({
    id: `req-${index}`,
    code: `R${index + 1}`,
    title: `Requirement ${index + 1}`,
    group: `Group ${Math.floor(index / 10) + 1}`,
    status: "ready",
    justification: null,
    controlRefs: [],
    reasons: [],
  }));
  return makeExportSummary({ controls, requirements });
}

describe("renderSummaryPdf", () => {
  it("puts the organisation, report, period, readiness and the not-an-opinion line on the cover", async () => {
    const { pages, totalPages } = await fixtureText();
    const cover = pages[0] ?? "";
    expect(cover).toContain("Demo Payments Ltd");
    expect(cover).toContain("SOC 2 Type II");
    expect(cover).toContain("Period 1 January 2026 to 31 December 2026");
    expect(cover).toContain("Generated 15 July 2026, 09:30 UTC");
    expect(cover).toContain("33%");
    expect(cover).toContain("1 of 3 applicable requirements are ready");
    expect(cover).toContain("4 requirements in scope");
    expect(cover).toMatch(/1 Ready 1 In progress 1 Unmapped 1 Not applicable/);
    expect(cover).toContain("Controls ready: 1 of 2");
    expect(cover).toContain("Readiness summary prepared by management with Assay — not an audit opinion");
    pages.forEach((page, index) => expect(page).toContain(`Demo Payments Ltd · SOC 2 Type II 2026 · page ${index + 1} of ${totalPages}`));
  });

  it("sets out scope: categories, subservice organisations with their method and CSOCs, CUECs and user responsibilities", async () => {
    const text = (await fixtureText()).pages.join(" ");
    const scope = between(text, "1. Scope", "2. Requirements");
    expect(between(scope, "Trust services categories in scope", "Subservice organisations")).toMatch(/Security .*Availability/);
    const subservices = between(scope, "Subservice organisations", "Complementary user entity controls");
    expect(subservices).toMatch(/Cloud Host Inc\. Infrastructure hosting Carve-out • Physical access to data centres is restricted\./);
    expect(between(scope, "Complementary user entity controls (CUECs)", "User entity responsibilities")).toContain(
      "Customers review their own users' access each quarter.",
    );
    expect(between(scope, "User entity responsibilities")).toContain("Customers keep their API keys secret.");
  });

  it("lists each requirement with its status word, mapped controls and reasons, under its group", async () => {
    const text = (await fixtureText()).pages.join(" ");
    const requirements = between(text, "2. Requirements", "3. Controls");
    expect(requirements).toMatch(/Logical and physical access CC6\.1 Logical access is restricted Ready AC-01/);
    expect(requirements).toMatch(/Change management CC8\.1 Changes are authorised and tested In progress CH-02 CH-02: no owner CH-02: 2026-03 missing/);
    expect(requirements).toMatch(/A1\.1 Capacity is planned Unmapped — No control is mapped yet/);
    expect(requirements).toMatch(/C1\.2 Confidential data is disposed of Not applicable/);
  });

  it("shows each control's design and operating evidence, with the missing months and the sampling guidance", async () => {
    const text = (await fixtureText()).pages.join(" ");
    const controls = between(text, "3. Controls", "4. Exceptions");
    expect(controls).toContain("Covered Missing Not yet due");
    const ready = between(controls, "AC-01", "CH-02");
    expect(ready).toContain("Dana Demo Quarterly · Manual Key control");
    expect(ready).toContain("latest 2026-01-10");
    expect(ready).toContain("2 of 2 due covered (100%)");
    expect(ready).toContain("Missing: none");
    const late = between(controls, "CH-02");
    expect(late).toMatch(/^CH-02 Not ready/);
    expect(late).toContain("No owner");
    expect(late).toContain("5 of 6 due covered (83%)");
    expect(late).toContain("Missing: 2026-03");
    expect(late).toContain("Sampling: the auditor will likely test 2–5 of 12");
    expect(late).toContain("• 1 open exception");
  });

  it("separates open from remediated exceptions and prints the N/A justifications and the sampling explanation", async () => {
    const text = (await fixtureText()).pages.join(" ");
    const open = between(text, "Open exceptions", "Remediated exceptions");
    expect(open).toContain("2026-03-12 CH-02 Medium A hotfix went out before its approval was recorded.");
    expect(open).not.toContain("One leaver");
    const remediated = between(text, "Remediated exceptions", "5. Not applicable requirements");
    expect(remediated).toContain("2026-02-02 AC-01 Low One leaver kept access for two days.");
    expect(remediated).toContain("Remediated 2026-02-05");
    expect(remediated).not.toContain("hotfix");
    expect(between(text, "5. Not applicable requirements", "6. Sampling guidance")).toContain(
      "C1.2 Confidential data is disposed of We hold no confidential customer data beyond account details.",
    );
    const sampling = between(text, "6. Sampling guidance");
    expect(sampling).toContain("guidance only");
    expect(sampling).toContain("the auditor decides the sample size");
    expect(sampling).toContain("about 4–7 occurrences to be tested out of 16");
  });

  it("renders a Type I ISAE 3402 summary with objectives and the as-of date, and no operating evidence", async () => {
    const { pages } = await pdfText(typeIIsae());
    const text = pages.join(" ");
    expect(pages[0]).toContain("ISAE 3402 Type I");
    expect(pages[0]).toContain("As-of date 31 March 2026");
    expect(pages[0]).not.toContain("Period");
    const scope = between(text, "1. Scope", "2. Requirements");
    expect(scope).toContain("Control objectives in scope");
    expect(scope).toContain("CO-1 Only authorised people reach the payment systems IT general controls");
    expect(scope).not.toContain("Trust services categories");
    expect(between(scope, "Subservice organisations", "Complementary user entity controls")).toContain("None recorded");
    expect(between(scope, "Complementary user entity controls (CUECs)", "User entity responsibilities")).toContain("None recorded");
    const controls = between(text, "3. Controls", "4. Exceptions");
    expect(controls).toContain("Design evidence");
    for (const absent of ["Operating evidence", "Not yet due", "due covered", "Sampling:"]) expect(controls).not.toContain(absent);
    expect(between(text, "6. Sampling guidance")).toContain("no sampling guidance");
  });

  it("spreads 400 controls over many pages, repeating the table header and never splitting or dropping a row", { timeout: 120_000 }, async () => {
    const summary = largeSummary(400);
    const { pages, totalPages } = await pdfText(summary);
    expect(totalPages).toBe(pages.length);
    const controlPages = pages.filter((page) => /C-\d{4} (Not ready|Ready)/.test(page));
    expect(controlPages.length).toBeGreaterThan(10);
    for (const page of controlPages) {
      expect(page).toContain("Ref Control Design evidence Operating evidence Reasons and warnings");
      // One ref, one coverage line and one sampling line per row: a split row would leave them apart.
      const rows = page.match(/C-\d{4} (Not ready|Ready)/g)?.length ?? 0;
      expect(page.match(/due covered/g)?.length).toBe(rows);
      expect(page.match(/Sampling: the auditor/g)?.length).toBe(rows);
    }
    const text = pages.join(" ");
    for (const control of summary.controls) expect(text).toContain(`${control.ref} ${control.ready ? "Ready" : "Not ready"}`);
    const groupPages = pages.filter((page) => page.includes("Code Requirement Status Controls Why not ready"));
    expect(groupPages.length).toBeGreaterThanOrEqual(1);
    expect(text).toContain("R40 Requirement 40 Ready");
  });
});
