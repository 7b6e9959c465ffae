import { getDocumentProxy } from "unpdf";
import { describe, expect, it, vi } from "vitest";
import type { ControlFrequency } from "@/lib/domain/controls";
import type {
  ExportControl,
  ExportRequirement,
  ExportSlot,
  ExportSummary,
} from "@/lib/domain/export/types";
import { renderSummaryPdf } from "@/lib/export/summary-pdf";
import { makeExportControl, makeExportSummary } from "@/tests/fixtures/export-summary";
import { pdfFileFacts, STANDARD_FONT } from "./pdf-file";

type PdfPage = { text: string; items: { str: string; y: number }[]; size: number[] };

/** Each page's text in drawing order (whitespace collapsed) with where each piece sits, and the page count the PDF declares. */
async function readPdf(summary: ExportSummary): Promise<{ pages: PdfPage[]; totalPages: number }> {
  const pdf = await renderSummaryPdf(summary);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const pages: PdfPage[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const page = await document.getPage(number);
    const content = await page.getTextContent();
    const items = content.items.flatMap((item) =>
      "str" in item && item.str.trim() ? [{ str: item.str, y: item.transform[5] as number }] : [],
    );
    pages.push({
      text: items
        .map((item) => item.str)
        .join(" ")
        .replace(/\s+/g, " "),
      items,
      size: page.view.map((value) => Math.round(value)),
    });
  }
  return { pages, totalPages: document.numPages };
}

/** An A4 page's box in points, rounded. */
const A4 = [0, 0, 595, 842];

/** The text from `start` up to `end` (or the end), failing if `start` is absent. */
function between(text: string, start: string, end?: string): string {
  const from = text.indexOf(start);
  expect(from, `"${start}" in the text`).toBeGreaterThanOrEqual(0);
  const to = end === undefined ? -1 : text.indexOf(end, from + start.length);
  return text.slice(from, to === -1 ? undefined : to);
}

let fixture: ReturnType<typeof readPdf> | undefined;
/** The sample summary is rendered once and read by several tests. */
const fixtureText = async () =>
  (await (fixture ??= readPdf(makeExportSummary()))).pages.map((page) => page.text).join(" ");

function typeIIsae(): ExportSummary {
  const base = makeExportSummary();
  const designOnly = (control: ExportControl): ExportControl => ({
    ...control,
    operating: null,
    sampling: null,
  });
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
      objectives: [
        {
          ref: "CO-1",
          title: "Only authorised people reach the payment systems",
          area: "IT general controls",
        },
      ],
      subservices: [],
      cuecs: [],
      userResponsibilities: [],
    },
    figures: { ...base.figures, asOf: null, designDate: "2026-03-31" },
    controls: base.controls.map(designOnly),
  });
}

const FREQUENCIES: readonly [ControlFrequency, string, number][] = [
  ["daily", "Daily", 365],
  ["weekly", "Weekly", 52],
  ["monthly", "Monthly", 12],
  ["monthly", "Monthly", 12],
  ["quarterly", "Quarterly", 4],
  ["annual", "Annual", 1],
  ["event_driven", "Event-driven", 24],
];
const TODAY = "2026-07-15";
const dayOf = (offset: number) =>
  new Date(Date.UTC(2026, 0, 1 + offset)).toISOString().slice(0, 10);

/** A large organisation: controls of mixed frequencies, one in six not ready (a daily one missing a month in a row), ~7 controls a requirement. */
function largeSummary(controlCount: number, requirementCount: number): ExportSummary {
  const controls = Array.from({ length: controlCount }, (_, index): ExportControl => {
    const [frequency, frequencyLabel, count] = FREQUENCIES[index % FREQUENCIES.length] ?? [
      "annual",
      "Annual",
      1,
    ];
    const late = index % 6 === 0;
    const slots = Array.from({ length: count }, (_, slot): ExportSlot => {
      const start = dayOf(Math.floor((slot * 365) / count));
      const missing = late && (slot % 9 === 2 || (frequency === "daily" && slot > 40 && slot < 70));
      return {
        label: frequency === "daily" ? start : `${frequencyLabel} ${slot + 1}`,
        start,
        end: start,
        state: start >= TODAY ? "upcoming" : missing ? "missing" : "covered",
      };
    });
    const missing = slots.filter((slot) => slot.state === "missing").map((slot) => slot.label);
    const due = slots.filter((slot) => slot.state !== "upcoming").length;
    return makeExportControl({
      id: `ctl-${index}`,
      ref: `${["AC", "CH", "OP", "HR"][index % 4]}-${String(index + 1).padStart(4, "0")}`,
      title: `${frequencyLabel} review of privileged access to the production databases (${index + 1})`,
      frequency,
      frequencyLabel,
      ready: missing.length === 0,
      reasons:
        missing.length === 0
          ? []
          : [
              `${missing.slice(0, 5).join(" missing, ")} missing${missing.length > 5 ? ` and ${missing.length - 5} more` : ""}`,
            ],
      requirementCodes: [`R${(index % requirementCount) + 1}`],
      operating: {
        due,
        covered: due - missing.length,
        coverage: due === 0 ? null : (due - missing.length) / due,
        missing,
        slots,
      },
      sampling: {
        text: `the auditor will likely test 2–5 of ${count}`,
        min: 2,
        max: 5,
        population: count,
      },
    });
  });
  const requirements = Array.from({ length: requirementCount }, (_, index): ExportRequirement => {
    const mapped = controls.filter((_, control) => control % requirementCount === index);
    const status =
      index % 37 === 5
        ? "not_applicable"
        : mapped.some((control) => !control.ready)
          ? "in_progress"
          : "ready";
    return {
      id: `req-${index}`,
      code: `R${index + 1}`,
      title: `Requirement ${index + 1}: the entity restricts and monitors access`,
      group: `Group ${Math.floor(index / 10) + 1}`,
      status,
      justification: status === "not_applicable" ? "Not relevant to the service." : null,
      controlRefs: status === "not_applicable" ? [] : mapped.map((control) => control.ref),
      reasons:
        status === "in_progress"
          ? mapped.flatMap((control) =>
              control.reasons.map((reason) => `${control.ref}: ${reason}`),
            )
          : [],
    };
  });
  return makeExportSummary({ controls, requirements });
}

describe("renderSummaryPdf", () => {
  it("puts the organisation, report, period, readiness, contents and the not-an-opinion line on the cover, and numbers every page", async () => {
    const { pages, totalPages } = await (fixture ??= readPdf(makeExportSummary()));
    const cover = pages[0]?.text ?? "";
    expect(cover).toContain("Demo Payments Ltd");
    expect(cover).toContain("SOC 2 Type II");
    expect(cover).toContain("Period 1 January 2026 to 31 December 2026");
    expect(cover).toContain("Generated 15 July 2026, 09:30 UTC");
    expect(cover).toContain(`Activity log head #42 ${"4a".repeat(32)} Checkpoint not signed`);
    expect(cover).toContain("33%");
    expect(cover).toContain("1 of 3 applicable requirements are ready");
    expect(cover).toContain("4 requirements in scope");
    expect(cover).toMatch(/1 Ready 1 In progress 1 Unmapped 1 Not applicable/);
    expect(cover).toContain("Controls ready: 1 of 2");
    expect(cover).toContain(
      "Readiness summary prepared by management with Assay — not an audit opinion",
    );
    expect(cover).toContain(
      "1 Scope 2 2 Requirements 3 3 Controls 4 4 Exceptions 5 5 Not applicable requirements 5 6 Sampling guidance 5 7 System description 5",
    );
    expect(totalPages).toBe(5);
    pages.forEach((page, index) =>
      expect(page.text).toContain(
        `Demo Payments Ltd · SOC 2 Type II 2026 page ${index + 1} of ${totalPages}`,
      ),
    );
  });

  it("lists the system description's sections with their review state, and its completeness on the cover, apart from readiness", async () => {
    const summary = makeExportSummary();
    summary.description = {
      completeness: { approved: 1, total: 2, text: "1 of 2 sections approved" },
      sections: [
        {
          id: "s1",
          key: "services",
          title: "Services provided",
          state: "approved",
          owner: "Zofia Łukasiewicz-Müller",
          approvedBy: "Dana Owner",
          approvedAt: "2026-07-01T10:00:00.000Z",
          version: 3,
          shared: true,
          body: "We run payroll.",
          evidence: [],
          unknownRefs: [],
        },
        {
          id: "s2",
          key: "boundaries",
          title: "System boundaries",
          state: "in_review",
          owner: null,
          approvedBy: null,
          approvedAt: null,
          version: 1,
          shared: false,
          body: "See [[ZZ-9]].",
          evidence: [],
          unknownRefs: ["ZZ-9"],
        },
      ],
    };
    const { pages } = await readPdf(summary);
    expect(pages[0]?.text).toContain(
      "System description 1 of 2 sections approved (not part of readiness)",
    );
    const text = pages.map((page) => page.text).join(" ");
    expect(text).toContain("7. System description");
    expect(text).toContain(
      "Services provided: approved by Dana Owner on 1 July 2026; owner Zofia Łukasiewicz-Müller; shared with the organisation's other engagements",
    );
    expect(text).toContain("System boundaries: in review; refers to unknown controls ZZ-9");
  });

  it("sets out scope: categories, subservice organisations with their method and CSOCs, CUECs and user responsibilities", async () => {
    const scope = between(await fixtureText(), "1. Scope", "2. Requirements");
    expect(
      between(scope, "Trust services categories in scope", "Subservice organisations"),
    ).toMatch(/Security .*Availability/);
    const subservices = between(
      scope,
      "Subservice organisations",
      "Complementary user entity controls",
    );
    expect(subservices).toMatch(
      /Cloud Host Inc\. Infrastructure hosting Carve-out • Physical access to data centres is restricted\./,
    );
    expect(
      between(scope, "Complementary user entity controls (CUECs)", "User entity responsibilities"),
    ).toContain("Customers review their own users' access each quarter.");
    expect(between(scope, "User entity responsibilities")).toContain(
      "Customers keep their API keys secret.",
    );
  });

  it("lists each requirement with its status word, mapped controls and the controls holding it back, under its group", async () => {
    const requirements = between(await fixtureText(), "2. Requirements", "3. Controls");
    expect(requirements).toContain("Code Requirement Status Controls Why not ready");
    expect(requirements).toMatch(
      /Logical and physical access CC6\.1 Logical access is restricted Ready AC-01 Change management/,
    );
    expect(requirements).toMatch(
      /Change management CC8\.1 Changes are authorised and tested In progress CH-02 Not ready: CH-02/,
    );
    expect(requirements).toMatch(/A1\.1 Capacity is planned Unmapped — No control is mapped yet/);
    expect(requirements).toMatch(
      /C1\.2 Confidential data is disposed of Not applicable — Justified under Not applicable requirements/,
    );
  });

  it("gives each control its owner, frequency, nature, design and operating evidence and likely sample, then why the ones needing attention do", async () => {
    const controls = between(await fixtureText(), "3. Controls", "4. Exceptions");
    expect(controls).toContain("Covered Missing Open, not yet due Not started");
    expect(controls).toMatch(
      /Ref Control and owner Frequency and nature Key Design evidence, latest Operating evidence Likely sample/,
    );
    expect(controls).toContain(
      "AC-01 Ready Quarterly access review Dana Demo Quarterly Manual Yes 1 item 2026-01-10 2 of 2 due (100%) 2 of 4",
    );
    expect(controls).toContain(
      "CH-02 Not ready Change approval before release No owner Monthly IT-dependent manual No 1 item 2026-01-10 5 of 6 due (83%) 2–5 of 12",
    );
    const attention = between(controls, "Controls needing attention Each control");
    expect(attention).toContain("Ref Reasons and warnings Missing occurrences");
    expect(attention).toContain(
      "CH-02 Not ready • no owner • 2026-03 missing • 1 open exception 2026-03",
    );
    expect(attention).not.toContain("AC-01");
  });

  it("separates open from remediated exceptions and prints the N/A justifications and the sampling explanation", async () => {
    const text = await fixtureText();
    const open = between(text, "Open exceptions", "Remediated exceptions");
    expect(open).toContain(
      "2026-03-12 CH-02 Medium A hotfix went out before its approval was recorded.",
    );
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
    const { pages } = await readPdf(typeIIsae());
    const text = pages.map((page) => page.text).join(" ");
    expect(pages[0]?.text).toContain("ISAE 3402 Type I");
    expect(pages[0]?.text).toContain("As-of date 31 March 2026");
    expect(pages[0]?.text).not.toContain("Period");
    const scope = between(text, "1. Scope", "2. Requirements");
    expect(scope).toContain("Control objectives in scope");
    expect(scope).toContain(
      "CO-1 Only authorised people reach the payment systems IT general controls",
    );
    expect(scope).not.toContain("Trust services categories");
    expect(
      between(scope, "Subservice organisations", "Complementary user entity controls"),
    ).toContain("None recorded");
    expect(
      between(scope, "Complementary user entity controls (CUECs)", "User entity responsibilities"),
    ).toContain("None recorded");
    const controls = between(text, "3. Controls", "4. Exceptions");
    expect(controls).toContain("Design evidence");
    expect(controls).toContain(
      "CH-02 Not ready Change approval before release No owner Monthly IT-dependent manual No 1 item 2026-01-10",
    );
    for (const absent of [
      "Operating evidence",
      "Not yet due",
      "due (",
      "Likely sample",
      "Missing occurrences",
    ])
      expect(controls).not.toContain(absent);
    expect(between(text, "6. Sampling guidance")).toContain("no sampling guidance");
  });

  it("prints names in other scripts as typed in the tables, and a character the fonts lack as �, named in a warning", async () => {
    const [, late] = makeExportSummary().controls;
    const summary = makeExportSummary({
      controls: [
        makeExportControl({
          title: "Przegląd dostępu — Łódź Ελλάδα Москва 日本",
          owner: "Ærø İstanbul",
        }),
        ...(late ? [late] : []),
      ],
    });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const text = (await readPdf(summary)).pages.map((page) => page.text).join(" ");
      expect(between(text, "3. Controls")).toContain(
        "AC-01 Ready Przegląd dostępu — Łódź Ελλάδα Москва �� Ærø İstanbul",
      );
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(
        /2 characters have no glyph.*日 U\+65E5, 本 U\+672C/,
      );
    } finally {
      warn.mockRestore();
    }
  });

  it("prints names on the cover, header and footer as typed, on one line, accents composed", async () => {
    const base = makeExportSummary();
    const summary = makeExportSummary({
      organization: { ...base.organization, name: "Zofia Łukasiewicz-Müller\nCafe\u0301" },
      engagement: { ...base.engagement, name: "Łódź Ελλάδα Москва Ærø İstanbul" },
    });
    const { pages } = await readPdf(summary);
    const [cover, second] = pages;
    expect(cover?.text).toContain("Zofia Łukasiewicz-Müller Café");
    expect(cover?.text).toContain("Łódź Ελλάδα Москва Ærø İstanbul");
    expect(second?.items.map((item) => item.str.trim())).toContain(
      "Zofia Łukasiewicz-Müller Café · Łódź Ελλάδα Москва Ærø İstanbul",
    );
    expect(second?.items.filter((item) => item.y > 790).map((item) => item.str.trim())).toContain(
      "Zofia Łukasiewicz-Müller Café",
    );
  });

  it("is a PDF/A-2b file: XMP identification, an sRGB output intent, title, language, every font embedded", async () => {
    const base = makeExportSummary();
    const summary = makeExportSummary({
      organization: { ...base.organization, name: "Zofia Łukasiewicz-Müller" },
    });
    const facts = pdfFileFacts(await renderSummaryPdf(summary));
    expect(facts.version).toBe("1.7");
    expect(facts.pdfaPart).toBe("2");
    expect(facts.pdfaConformance).toBe("B");
    expect(facts.outputIntents).toEqual([{ subtype: "GTS_PDFA1", hasProfile: true }]);
    expect(facts.lang).toBe("en-GB");
    expect(facts.xmpTitle).toBe("Zofia Łukasiewicz-Müller: SOC 2 Type II readiness summary");
    expect(facts.baseFonts.length).toBeGreaterThan(0);
    expect(facts.baseFonts.filter((name) => STANDARD_FONT.test(name))).toEqual([]);
    expect(facts.descriptors.length).toBeGreaterThanOrEqual(2);
    for (const descriptor of facts.descriptors) {
      expect(descriptor.fontName).toMatch(/^[A-Z]{6}\+DejaVuSans/);
      expect(descriptor.embedded, descriptor.fontName).toEqual(["FontFile2"]);
    }
  });

  it("is tagged: a structure tree of headings, paragraphs, lists and tables, marked as tagged", async () => {
    const facts = pdfFileFacts(await renderSummaryPdf(makeExportSummary()));
    expect(facts.marked).toBe(true);
    expect(facts.hasStructTree).toBe(true);
    const types = new Set(facts.structTypes);
    for (const type of ["Document", "H1", "H2", "P", "L", "LI", "LBody", "Table", "TR", "TH", "TD"])
      expect(types, type).toContain(type);
    // The cover's title and the seven numbered sections.
    expect(facts.structTypes.filter((type) => type === "H1")).toHaveLength(8);
  });

  it("keeps the cover to one page and cuts names too long for the running header or footer short, never over the page number", async () => {
    const base = makeExportSummary();
    // As long as the forms allow: 80 characters for an organisation, 120 for an engagement.
    const long = "Very Long Organisation Name Holdings International Payments Settlement Group Ltd";
    expect(long).toHaveLength(80);
    const summary = makeExportSummary({
      organization: { ...base.organization, name: long },
      engagement: { ...base.engagement, name: `${long} SOC 2 Type II 2026 for the card process` },
    });
    expect(summary.engagement.name).toHaveLength(120);
    const { pages, totalPages } = await readPdf(summary);
    pages.forEach((page, index) => {
      expect(page.size, `page ${index + 1} is A4`).toEqual(A4);
      const footer = page.items.filter((item) => item.y < 50).map((item) => item.str.trim());
      expect(footer).toContain(`page ${index + 1} of ${totalPages}`);
      const named = footer.find((str) => str.startsWith("Very Long Organisation"));
      expect(named, `page ${index + 1}`).toMatch(/…$/);
      if (index > 0) {
        const header = page.items.filter((item) => item.y > 790).map((item) => item.str.trim());
        expect(header).toContain("Readiness summary prepared by management · not an audit opinion");
        expect(header.find((str) => str.startsWith("Very Long Organisation"))).toMatch(/…$/);
      }
    });
  });

  it("fits the cover's content above its disclaimer with the longest names the forms allow and a system description", async () => {
    const base = makeExportSummary();
    const long = "Very Long Organisation Name Holdings International Payments Settlement Group Ltd";
    const summary = makeExportSummary({
      organization: { ...base.organization, name: long },
      engagement: { ...base.engagement, name: `${long} SOC 2 Type II 2026 for the card process` },
    });
    summary.description = {
      completeness: { approved: 0, total: 1, text: "0 of 1 sections approved" },
      sections: [],
    };
    const { pages } = await readPdf(summary);
    const items = pages[0]?.items ?? [];
    const lowest = (str: string) =>
      Math.min(...items.filter((item) => item.str.trim() === str).map((item) => item.y));
    const disclaimer = lowest(
      "Readiness summary prepared by management with Assay — not an audit opinion",
    );
    // The last entry of the contents sits above the disclaimer's box (its title's line and padding).
    expect(lowest("System description") - disclaimer).toBeGreaterThan(20);
    expect(items.some((item) => item.str.includes("0 of 1 sections approved"))).toBe(true);
  });

  it("runs a list item longer than a page over pages, every word kept in order and nothing outside the page body", async () => {
    const base = makeExportSummary();
    const words = Array.from({ length: 900 }, (_, index) => `w${index}`);
    const summary = makeExportSummary({
      engagement: {
        ...base.engagement,
        cuecs: ["Customers review access.", words.join(" "), "Customers keep keys secret."],
      },
    });
    const { pages } = await readPdf(summary);
    for (const page of pages.slice(1)) {
      expect(page.size).toEqual(A4);
      const outside = page.items
        .filter((item) => item.y < 50 || item.y > 790)
        .map((item) => item.str.trim());
      expect(
        outside.filter(
          (str) =>
            !/^(Demo Payments Ltd.*|Readiness summary prepared by management · not an audit opinion|page \d+ of \d+)$/.test(
              str,
            ),
        ),
      ).toEqual([]);
    }
    const text = pages.map((page) => page.text).join(" ");
    const listed = between(
      text,
      "Complementary user entity controls (CUECs)",
      "User entity responsibilities",
    );
    expect(listed.match(/\bw\d+\b/g)).toEqual(words);
    expect(listed).toMatch(
      /1\. Customers review access\. 2\. w0 w1 .* w899 3\. Customers keep keys secret\./,
    );
    expect(pages.filter((page) => /\bw\d+\b/.test(page.text)).length).toBeGreaterThan(1);
  });

  it(
    "spreads 2,000 controls over pages: headers repeated, no row split or dropped, every page numbered, nothing outside the page body",
    { timeout: 120_000 },
    async () => {
      const summary = largeSummary(2000, 300);
      const { pages, totalPages } = await readPdf(summary);
      pages.forEach((page, index) => {
        expect(page.size, `page ${index + 1} is A4`).toEqual(A4);
        expect(page.text).toContain(`page ${index + 1} of ${totalPages}`);
        // Text below the body's foot or above its head is only the running header and footer.
        const outside = page.items
          .filter((item) => item.y < 50 || item.y > 790)
          .map((item) => item.str);
        expect(
          outside.filter(
            (str) =>
              !/^(Demo Payments Ltd.*|Readiness summary prepared by management · not an audit opinion|page \d+ of \d+)$/.test(
                str.trim(),
              ),
          ),
        ).toEqual([]);
      });
      const header =
        "Ref Control and owner Frequency and nature Key Design evidence, latest Operating evidence Likely sample";
      const controlPages = pages.filter((page) => page.text.includes(header));
      expect(controlPages.length).toBeGreaterThan(40);
      const listed = new Map<string, string>();
      for (const { text } of controlPages) {
        const rows = [
          ...between(text, header, "Controls needing attention").matchAll(
            /\b([A-Z]{2}-\d{4}) (Ready|Not ready)\b/g,
          ),
        ];
        // One ref, one coverage and one sample per row: a split row would leave them on different pages.
        expect(text.match(/\d+ of \d+ due \(\d+%\)|Nothing due yet/g)?.length).toBe(rows.length);
        expect(text.match(/\b2–5 of \d+\b/g)?.length).toBe(rows.length);
        for (const [, ref, status] of rows) listed.set(ref ?? "", status ?? "");
      }
      expect(listed).toEqual(
        new Map(
          summary.controls.map((control) => [control.ref, control.ready ? "Ready" : "Not ready"]),
        ),
      );
      const text = pages.map((page) => page.text).join(" ");
      expect(
        pages.filter((page) => page.text.includes("Code Requirement Status Controls Why not ready"))
          .length,
      ).toBeGreaterThan(1);
      expect(text).toContain("R300 Requirement 300: the entity restricts and monitors access");
      const attention = between(text, "Controls needing attention Each control", "4. Exceptions");
      for (const control of summary.controls.filter((candidate) => !candidate.ready))
        expect(attention).toContain(`${control.ref} Not ready`);
      // A daily control's run of missing days is one range, every other missing day listed.
      expect(between(attention, "AC-0001 Not ready", "OP-0007")).toMatch(
        /2026-01-03, 2026-01-12, 2026-01-21, 2026-01-30, 2026-02-08, 2026-02-11 to 2026-03-11 \(29 days\)/,
      );
    },
  );
});
