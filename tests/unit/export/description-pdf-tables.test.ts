import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { descriptionMarkdown } from "@/lib/domain/export/description-md";
import type { ExportDescription } from "@/lib/domain/export/types";
import { renderMarkdownPdf } from "@/lib/export/markdown-pdf";

// description.pdf is description.md laid out by the Markdown PDF renderer: a GFM table in a
// section prints as a table (cells side by side in rows), never as the pipes it was typed with.

const TABLE = [
  "| Component | Hosted at | Owner |",
  "| --- | :---: | ---: |",
  "| Payroll API | **Frankfurt** region | Platform |",
  "| Customer database | Dublin | Data team |",
].join("\n");

const DESCRIPTION: ExportDescription = {
  completeness: { approved: 0, total: 1, text: "0 of 1 sections approved" },
  sections: [
    {
      id: "s1",
      key: "components",
      title: "System components",
      state: "draft",
      owner: null,
      approvedBy: null,
      approvedAt: null,
      version: 1,
      shared: false,
      body: `Our infrastructure:\n\n${TABLE}\n\n- [x] Diagram attached\n- [ ] Review ~~pending~~ booked\n\nAfter the table.`,
      evidence: [],
      unknownRefs: [],
    },
  ],
};

type Item = { text: string; x: number; y: number };

/** The text pieces of the first page with where they start (PDF points, y growing upwards). */
async function itemsOf(pdf: Buffer): Promise<{ items: Item[]; text: string }> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const page = await document.getPage(1);
  const content = await page.getTextContent();
  const items = content.items.flatMap((item) =>
    "str" in item && item.str.trim()
      ? [{ text: item.str.trim(), x: item.transform[4] as number, y: item.transform[5] as number }]
      : [],
  );
  const { text } = await extractText(document, { mergePages: true });
  return { items, text: text.replace(/\s+/g, " ") };
}

function at(items: Item[], text: string): Item {
  const found = items.find((item) => item.text === text);
  if (!found)
    throw new Error(
      `"${text}" is not a piece of the page: ${items.map((i) => i.text).join(" / ")}`,
    );
  return found;
}

describe("description.pdf with a table in a section", () => {
  it("prints the table's cells side by side in rows, header first, without the pipes", async () => {
    const markdown = descriptionMarkdown("SOC 2 Type II 2026", "Acme", DESCRIPTION);
    const { items, text } = await itemsOf(
      await renderMarkdownPdf(markdown, { title: "System description", footer: "Acme" }),
    );

    expect(text).not.toContain("|");
    expect(text).not.toContain("---");
    const header = ["Component", "Hosted at", "Owner"].map((cell) => at(items, cell));
    const first = ["Payroll API", "Platform"].map((cell) => at(items, cell));
    const second = ["Customer database", "Dublin", "Data team"].map((cell) => at(items, cell));
    for (const row of [header, first, second]) {
      // One row: the same baseline, cells left to right.
      expect(new Set(row.map((cell) => Math.round(cell.y))).size).toBe(1);
      const xs = row.map((cell) => cell.x);
      expect(xs).toEqual([...xs].sort((a, b) => a - b));
    }
    // Rows top to bottom; a column's cells in the same column.
    expect(header[0]!.y).toBeGreaterThan(first[0]!.y);
    expect(first[0]!.y).toBeGreaterThan(second[0]!.y);
    expect(Math.abs(header[0]!.x - second[0]!.x)).toBeLessThan(1);
    // The bold part of a cell stays in its cell.
    expect(text).toContain("Frankfurt region");
    expect(at(items, "Frankfurt").x).toBeGreaterThan(first[0]!.x);
    expect(at(items, "Frankfurt").x).toBeLessThan(first[1]!.x);
    expect(text.indexOf("Our infrastructure:")).toBeLessThan(text.indexOf("Component"));
    expect(text.indexOf("Data team")).toBeLessThan(text.indexOf("After the table."));
  });

  it("prints task list items with a box, ticked or not, and struck text without the tildes", async () => {
    const markdown = descriptionMarkdown("SOC 2 Type II 2026", "Acme", DESCRIPTION);
    const { text } = await itemsOf(
      await renderMarkdownPdf(markdown, { title: "System description", footer: "Acme" }),
    );

    expect(text).toContain("☒ Diagram attached");
    expect(text).toContain("☐ Review pending booked");
    expect(text).not.toContain("[x]");
    expect(text).not.toContain("~~");
    expect(text).not.toContain("\uFFFD");
  });
});
