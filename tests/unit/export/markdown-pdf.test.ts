import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { managementAssertionDraft } from "@/lib/domain/export/paperwork";
import { renderMarkdownPdf } from "@/lib/export/markdown-pdf";
import { makeExportSummary } from "@/tests/fixtures/export-summary";
import { pdfFileFacts, STANDARD_FONT } from "./pdf-file";

const OPTIONS = {
  title: "Management assertion (draft)",
  footer: "Demo Payments Ltd · DRAFT — not for issue",
};

/** The text of each page, whitespace collapsed. */
async function pagesOf(pdf: Buffer): Promise<string[]> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(document, { mergePages: false });
  return text.map((page) => page.replace(/\s+/g, " "));
}

describe("renderMarkdownPdf", () => {
  it("renders an A4 PDF whose text reads as the Markdown does, without the markup", async () => {
    const markdown = [
      "# Heading one",
      "A paragraph with **bold words**, *italic words* and `inline code`.",
      "## Heading two",
      "- first bullet",
      "- second bullet",
      "",
      "1. first step",
      "2. second step",
      "",
      "> A quoted banner.",
      "",
      "---",
      "",
      "After the rule.",
    ].join("\n\n");

    const pdf = await renderMarkdownPdf(markdown, OPTIONS);
    const [page] = await pagesOf(pdf);

    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1")).toMatch(/\/MediaBox\s*\[\s*0 0 595\.\d+ 841\.\d+\s*\]/);
    for (const text of [
      "Heading one",
      "A paragraph with bold words, italic words and inline code.",
      "Heading two",
      "first bullet",
      "second bullet",
      "1. first step",
      "2. second step",
      "A quoted banner.",
      "After the rule.",
    ]) {
      expect(page).toContain(text);
    }
    expect(page).not.toContain("**");
    expect(page).not.toMatch(/(^| )# /);
    const fonts = pdfFileFacts(pdf).descriptors.map((font) => font.fontName?.split("+")[1]);
    expect(fonts.sort()).toEqual([
      "DejaVuSansCondensed",
      "DejaVuSansCondensed-Bold",
      "DejaVuSansCondensed-Oblique",
      "DejaVuSansMono",
    ]);
  });

  it("is a PDF/A-2b file with every font embedded (line breaks and tabs too), and prints Greek, Cyrillic and Latin Extended as typed", async () => {
    // A hard break and a tab too, which no face has a glyph for.
    const markdown =
      "# Łódź\n\nZofia Łukasiewicz-Müller, Ελλάδα, **Москва**, *Ærø*, `İstanbul`.\n\nOne  \ntwo\n\n```\n\tcode\n```";
    const pdf = await renderMarkdownPdf(markdown, { title: "Ελλάδα", footer: "Москва Ærø" });
    const [page] = await pagesOf(pdf);
    expect(page).toContain("Łódź");
    expect(page).toContain("Zofia Łukasiewicz-Müller, Ελλάδα, Москва, Ærø, İstanbul.");
    expect(page).toContain("Москва Ærø · page 1 of 1");
    const facts = pdfFileFacts(pdf);
    expect([facts.pdfaPart, facts.pdfaConformance, facts.lang, facts.xmpTitle]).toEqual([
      "2",
      "B",
      "en-GB",
      "Ελλάδα",
    ]);
    expect(facts.outputIntents).toEqual([{ subtype: "GTS_PDFA1", hasProfile: true }]);
    expect(facts.baseFonts.filter((name) => STANDARD_FONT.test(name))).toEqual([]);
    for (const descriptor of facts.descriptors)
      expect(descriptor.embedded, descriptor.fontName).toEqual(["FontFile2"]);
  });

  it("is tagged: headings, paragraphs, lists and tables in a structure tree, every font embedded", async () => {
    const markdown = [
      "# Heading one",
      "A paragraph.",
      "## Heading two",
      "- a bullet",
      "| Name | Value |\n| --- | --- |\n| one | **two** |",
      "> quoted",
      "```\ncode\n```",
    ].join("\n\n");
    const facts = pdfFileFacts(await renderMarkdownPdf(markdown, OPTIONS));

    expect(facts.marked).toBe(true);
    expect(facts.hasStructTree).toBe(true);
    for (const type of [
      "Document",
      "H1",
      "H2",
      "P",
      "L",
      "LI",
      "Lbl",
      "LBody",
      "Table",
      "TR",
      "TH",
      "TD",
      "BlockQuote",
      "Code",
    ])
      expect(facts.structTypes, type).toContain(type);
    expect(facts.structTypes.filter((type) => type === "TH")).toHaveLength(2);
    expect(facts.structTypes.filter((type) => type === "TD")).toHaveLength(2);
    expect(facts.descriptors.length).toBeGreaterThan(0);
    for (const descriptor of facts.descriptors)
      expect(descriptor.embedded, descriptor.fontName).toEqual(["FontFile2"]);
    expect(facts.baseFonts.filter((name) => STANDARD_FONT.test(name))).toEqual([]);
  });

  it("renders PDFs asked for at once one after another, each with its own text, and keeps every letter's text across PDFs", async () => {
    // "ó" in bold, then a bold "o" in the next PDF: fontkit's glyph cache once lost the "o".
    const [first, second] = await Promise.all([
      renderMarkdownPdf("# Łódź\n\nFirst", OPTIONS),
      renderMarkdownPdf("**Second Intro**", OPTIONS),
    ]);
    expect((await pagesOf(first))[0]).toContain("Łódź First");
    expect((await pagesOf(second))[0]).toContain("Second Intro");
  });

  it("prints raw HTML as literal text, never interpreting it", async () => {
    const pdf = await renderMarkdownPdf(
      "Before <b>not bold</b> after.\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>",
      OPTIONS,
    );
    const [page] = await pagesOf(pdf);

    expect(page).toContain("Before <b>not bold</b> after.");
    expect(page).toContain("<script>alert('x')</script>");
    expect(page).toContain("<img src=x onerror=alert(1)>");
  });

  it("prints the text of links and images, and of what it does not lay out specially", async () => {
    const pdf = await renderMarkdownPdf(
      "See [the guide](https://example.com/guide) and ![a chart](chart.png).\n\n    indented code\n\n[ref]: https://example.com",
      OPTIONS,
    );
    const [page] = await pagesOf(pdf);

    expect(page).toContain("the guide (https://example.com/guide)");
    expect(page).toContain("[image: a chart]");
    expect(page).toContain("indented code");
    expect(page).not.toContain("[ref]");
  });

  it("puts the title and the footer with page numbers on every page", async () => {
    const markdown = Array.from(
      { length: 120 },
      (_, index) => `Paragraph ${index + 1} of a long draft that runs over several pages.`,
    ).join("\n\n");

    const pages = await pagesOf(await renderMarkdownPdf(markdown, OPTIONS));

    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) => {
      expect(page).toContain("Management assertion (draft)");
      expect(page).toContain(
        `Demo Payments Ltd · DRAFT — not for issue · page ${index + 1} of ${pages.length}`,
      );
    });
    expect(pages.join(" ")).toContain("Paragraph 120 of a long draft");
  });

  it("runs a list item over a page break and goes on under it on the same page", async () => {
    // In the management assertion, a nested item runs over the first page's end: the next item
    // followed it on a page of its own, leaving a page holding one word.
    const pages = await pagesOf(
      await renderMarkdownPdf(managementAssertionDraft(makeExportSummary()), OPTIONS),
    );
    expect(pages.length).toBeGreaterThan(1);
    const running =
      /Management assertion \(draft\)|Demo Payments Ltd · DRAFT — not for issue · page \d+ of \d+/g;
    const body = pages.map((page) => page.replace(running, "").trim());
    for (const text of body.slice(0, -1)) expect(text.length).toBeGreaterThan(400);
  });

  it(
    "keeps every item of a long document, in order, with page numbers running on across its sections",
    { timeout: 30_000 },
    async () => {
      const markdown = Array.from({ length: 6 }, (_, section) =>
        [
          `## Section ${section + 1}`,
          Array.from(
            { length: 60 },
            (_, item) => `- Item ${section * 60 + item + 1} of the long list`,
          ).join("\n"),
        ].join("\n\n"),
      ).join("\n\n");

      const pages = await pagesOf(await renderMarkdownPdf(markdown, OPTIONS));
      const all = pages.join(" ");

      const found = [...all.matchAll(/Item (\d+) of the long list/g)].map((match) =>
        Number(match[1]),
      );
      expect(found).toEqual(Array.from({ length: 360 }, (_, index) => index + 1));
      pages.forEach((page, index) =>
        expect(page).toContain(`page ${index + 1} of ${pages.length}`),
      );
    },
  );

  it(
    "prints a draft beyond the Markdown limits as its plain text, in order, without parsing it",
    { timeout: 60_000 },
    async () => {
      const markdown = `Intro line\n${"- ".repeat(5000)}x\n${Array.from({ length: 100 }, (_, index) => `**line ${index + 1}**`).join("\n")}`;

      const all = (await pagesOf(await renderMarkdownPdf(markdown, OPTIONS))).join(" ");

      const at = (text: string) => all.indexOf(text);
      expect(at("Intro line - - - - - -")).toBeGreaterThanOrEqual(0);
      expect(at("- - x")).toBeGreaterThan(at("Intro line"));
      expect(at("**line 1**")).toBeGreaterThan(at("- - x"));
      expect(at("**line 100**")).toBeGreaterThan(at("**line 99**"));
      expect(all).not.toContain("•");
    },
  );

  it("lays out a whole management assertion draft, banner first", async () => {
    const pages = await pagesOf(
      await renderMarkdownPdf(managementAssertionDraft(makeExportSummary()), OPTIONS),
    );
    const all = pages.join(" ");

    expect(pages[0]).toMatch(
      /^.*DRAFT for management review — not for issue\. Generated by Assay on 15 July 2026\./,
    );
    expect(all.indexOf("DRAFT for management review")).toBeLessThan(
      all.indexOf("Management's assertion (draft)"),
    );
    expect(all).toContain("Signed for and on behalf of Demo Payments Ltd");
    expect(all).toContain("CH-02, 12 March 2026 (medium severity)");
  });
});
