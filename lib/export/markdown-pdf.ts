// Markdown laid out as a plain A4 PDF: headings, paragraphs, bold and italic, lists, task lists,
// quotes, rules, code and GFM tables (as tables), with a running header, a footer and page
// numbers. Used for the paperwork drafts and description.pdf, whose text the user has edited: raw
// HTML is printed as the literal text it is, never interpreted, and a node this file does not
// know prints its text. Text beyond the paperwork's Markdown limits is printed as plain
// preformatted text, never parsed. Drawn with pdfkit directly (pdf/pdfkit-document.ts): PDF/A-2b,
// tagged (H1…H6, P, L/LI/Lbl/LBody, BlockQuote, Code, Table/TR/TH/TD; header, footer, rules,
// borders and backgrounds are artifacts).
import type { ListItem, Nodes, PhrasingContent, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import { markdownLimitProblem, PAPERWORK_MARKDOWN_LIMITS } from "@/lib/domain/markdown-limits";
import { drawTable } from "./markdown-pdf-table";
import {
  artifact,
  drawRuns,
  ensureRoom,
  heightOfRuns,
  INK,
  lineGapOf,
  MUTED,
  RULE,
  type Run,
  TINT,
} from "./markdown-pdf-text";
import type { Face, GlyphCheck } from "./pdf/fonts";
import {
  openPdfDocument,
  withFace,
  type PdfKitDocument,
  type PdfStructParent,
} from "./pdf/pdfkit-document";

export type MarkdownPdfOptions = { title: string; footer: string };

const ACCENT = "#b45309";
const QUOTE = "#fffbeb";
const LINK = "#1d4ed8";

const MARGINS = { top: 56, bottom: 64, left: 60, right: 60 };
const BODY = { size: 10.5, line: 1.45, top: 0, bottom: 8 };
const HEADINGS = [
  { size: 18, line: 1.2, top: 6, bottom: 10 },
  { size: 13.5, line: 1.25, top: 10, bottom: 6 },
  { size: 11.5, line: 1.3, top: 8, bottom: 4 },
];
const CODE = { size: 9, line: 1.35, padding: 8, bottom: 8 };
const INDENT = 18;
/** A quoted block: its left border, its padding either side and under it. */
const QUOTED = { border: 3, padding: 10, bottom: 6 };

type Marks = { bold: boolean; italic: boolean; strike: boolean; color: string };
const PLAIN: Marks = { bold: false, italic: false, strike: false, color: INK };

function faceOf({ bold, italic }: Marks): Face {
  if (bold && italic) return "Sans-BoldOblique";
  if (bold) return "Sans-Bold";
  if (italic) return "Sans-Oblique";
  return "Sans";
}

/** Every piece of text under a node, for nodes printed as plain text. */
function textOf(node: Nodes): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  if (node.type === "image" || node.type === "imageReference") return node.alt ?? "";
  if ("children" in node) return (node.children as Nodes[]).map(textOf).join("");
  return "";
}

type Drawing = {
  doc: PdfKitDocument;
  glyphs: GlyphCheck;
  /** Where the blocks go: the indentation of list items, the border of a quote, the parent tag. */
  indent: number;
  quoted: boolean;
  parent: PdfStructParent;
};

/** The text as printed: characters no face has as U+FFFD, tabs and other spacing as spaces. */
function printed(drawing: Drawing, text: string): string {
  return drawing.glyphs.withGlyphs(text).replace(/[^\S\n\u00a0\u202f]/g, " ");
}

function inlines(
  drawing: Drawing,
  nodes: readonly PhrasingContent[],
  marks: Marks,
  size: number,
): Run[] {
  return nodes.flatMap((node) => inline(drawing, node, marks, size));
}

function inline(drawing: Drawing, node: PhrasingContent, marks: Marks, size: number): Run[] {
  const run = (text: string, as: Marks = marks, face: Face = faceOf(as), at = size): Run[] => [
    { text: printed(drawing, text), face, size: at, color: as.color, strike: as.strike },
  ];
  switch (node.type) {
    case "text":
    case "html":
      return run(node.value);
    case "strong":
      return inlines(drawing, node.children, { ...marks, bold: true }, size);
    case "emphasis":
      return inlines(drawing, node.children, { ...marks, italic: true }, size);
    case "delete":
      return inlines(drawing, node.children, { ...marks, strike: true }, size);
    case "footnoteReference":
      return run(`[${node.label ?? node.identifier}]`);
    case "inlineCode":
      return run(node.value, marks, "Mono", 9.5);
    case "break":
      return run("\n");
    case "link": {
      const label = textOf(node);
      const text = inlines(drawing, node.children, { ...marks, color: LINK }, size);
      return node.url && node.url !== label
        ? [...text, ...run(` (${node.url})`, { ...marks, color: MUTED })]
        : text;
    }
    case "image":
      return run(`[image${node.alt ? `: ${node.alt}` : ""}]`, { ...PLAIN, color: MUTED });
    default:
      return run(textOf(node));
  }
}

/** The left edge and width of the blocks in this context. */
function box(drawing: Drawing): { x: number; width: number } {
  const { doc, indent, quoted } = drawing;
  const x = MARGINS.left + indent;
  const width = doc.page.width - MARGINS.right - x;
  const inset = quoted ? QUOTED.border + QUOTED.padding : 0;
  return { x: x + inset, width: width - inset - (quoted ? QUOTED.padding : 0) };
}

/** The quote's background and left border behind a block `height` high from `top`. */
function quoteBackground(drawing: Drawing, top: number, height: number): void {
  const { doc } = drawing;
  const x = MARGINS.left + drawing.indent;
  const width = doc.page.width - MARGINS.right - x;
  artifact(doc, () => {
    doc.rect(x, top, width, height).fill(QUOTE);
    doc.rect(x, top, QUOTED.border, height).fill(ACCENT);
  });
}

/**
 * A block of text (`draw` given its left edge and width) that needs `height(width)` points: in a
 * quote on its background, moved to the next page whole if it fits one; elsewhere started on the
 * next page unless `keep` points of it fit on this one, then left to break where pdfkit breaks.
 */
function framed(
  drawing: Drawing,
  height: (width: number) => number,
  keep: (width: number) => number,
  draw: (x: number, width: number) => void,
  marginBottom: number,
): void {
  const { doc } = drawing;
  const { x, width } = box(drawing);
  if (!drawing.quoted) {
    ensureRoom(doc, keep(width));
    draw(x, width);
    doc.y += marginBottom;
    return;
  }
  const tall = height(width) + QUOTED.bottom;
  ensureRoom(doc, tall);
  const top = doc.y;
  const page = doc.page;
  quoteBackground(drawing, top, tall);
  draw(x, width);
  // A block taller than a page ran over; below its text then, not below where it began.
  doc.y = doc.page === page ? Math.max(doc.y + QUOTED.bottom, top + tall) : doc.y + QUOTED.bottom;
}

type TextStyle = { size: number; line: number; top: number; bottom: number };

/** A paragraph-like block of runs tagged `tag`; `ahead` is how much must follow it on its page. */
function textBlock(drawing: Drawing, tag: string, runs: Run[], style: TextStyle, ahead = 0): void {
  const { doc } = drawing;
  const lineGap = lineGapOf(doc, "Sans", style.size, style.line);
  const height = (width: number) => heightOfRuns(doc, runs, width, style.size, lineGap);
  doc.y += style.top;
  framed(
    drawing,
    height,
    (width) => (ahead ? height(width) + ahead : style.size * style.line),
    (x, width) =>
      drawing.parent.add(
        doc.struct(tag, () => drawRuns(doc, runs, { x, y: doc.y, width, lineGap })),
      ),
    style.bottom,
  );
}

/** Splits a line of monospaced text into lines of at most `width` characters, at a space if one is near. */
function monoLines(line: string, width: number): string[] {
  const chars = Array.from(line);
  const lines: string[] = [];
  while (chars.length > width) {
    const space = chars.lastIndexOf(" ", width);
    const cut = space > 0 ? space + 1 : width;
    lines.push(chars.splice(0, cut).join(""));
  }
  lines.push(chars.join(""));
  return lines;
}

/** Preformatted text on a tint, as many of its lines on each page as fit. */
function codeBlock(drawing: Drawing, value: string): void {
  const { doc } = drawing;
  const { x, width } = box(drawing);
  const lineGap = lineGapOf(doc, "Mono", CODE.size, CODE.line);
  const step = CODE.size * CODE.line;
  const perLine = Math.max(1, Math.floor((width - 2 * CODE.padding) / doc.widthOfString("M")));
  const lines = printed(drawing, value.replace(/\t/g, "    "))
    .split("\n")
    .flatMap((line) => monoLines(line, perLine));
  for (let at = 0; at < lines.length;) {
    ensureRoom(doc, 2 * CODE.padding + step);
    const room = Math.floor((doc.page.maxY() - doc.y - 2 * CODE.padding) / step);
    const chunk = lines.slice(at, at + Math.max(1, room));
    at += chunk.length;
    const top = doc.y;
    const height = 2 * CODE.padding + chunk.length * step;
    if (drawing.quoted) quoteBackground(drawing, top, height + QUOTED.bottom);
    artifact(doc, () => doc.rect(x, top, width, height).fill(TINT));
    drawing.parent.add(
      doc.struct("Code", () => {
        withFace(doc, "Mono").fontSize(CODE.size).fillColor(INK);
        chunk.forEach((line, index) =>
          doc.text(line, x + CODE.padding, top + CODE.padding + index * step + lineGap / 2, {
            lineBreak: false,
          }),
        );
      }),
    );
    doc.y = top + height + (drawing.quoted ? QUOTED.bottom : 0);
    if (at < lines.length) doc.continueOnNewPage();
  }
  doc.y += drawing.quoted ? 0 : CODE.bottom;
}

function blocks(drawing: Drawing, nodes: readonly RootContent[]): void {
  for (const node of nodes) block(drawing, node);
}

function block(drawing: Drawing, node: RootContent): void {
  const { doc } = drawing;
  switch (node.type) {
    case "heading": {
      const style = HEADINGS[Math.min(node.depth, 3) - 1] ?? BODY;
      const runs = inlines(drawing, node.children, { ...PLAIN, bold: true }, style.size);
      textBlock(drawing, `H${node.depth}`, runs, style, 48);
      return;
    }
    case "paragraph":
      textBlock(drawing, "P", inlines(drawing, node.children, PLAIN, BODY.size), BODY);
      return;
    case "list": {
      const list = doc.struct("L");
      drawing.parent.add(list);
      node.children.forEach((item, index) =>
        listItem(
          { ...drawing, parent: list },
          item,
          node.ordered ? `${(node.start ?? 1) + index}.` : "•",
        ),
      );
      if (!drawing.quoted && drawing.indent === 0) doc.y += 6;
      return;
    }
    case "blockquote": {
      const quote = doc.struct("BlockQuote");
      drawing.parent.add(quote);
      ensureRoom(doc, 6 + BODY.size * BODY.line);
      quoteBackground({ ...drawing, quoted: false }, doc.y, 6);
      doc.y += 6;
      blocks({ ...drawing, quoted: true, parent: quote }, node.children);
      if (!drawing.quoted) doc.y += 10;
      return;
    }
    case "thematicBreak": {
      const { x, width } = box(drawing);
      doc.y += 10;
      ensureRoom(doc, 1);
      const y = doc.y + 0.375;
      artifact(doc, () =>
        doc
          .moveTo(x, y)
          .lineTo(x + width, y)
          .lineWidth(0.75)
          .strokeColor(RULE)
          .stroke(),
      );
      doc.y += 0.75 + 10;
      return;
    }
    case "code":
      codeBlock(drawing, node.value);
      return;
    case "html":
      textBlock(drawing, "P", inlines(drawing, [node], PLAIN, BODY.size), BODY);
      return;
    case "table":
      drawTable(
        doc,
        node,
        { ...box(drawing), parent: drawing.parent },
        (children, bold) => inlines(drawing, children, { ...PLAIN, bold }, 9.5),
        textOf,
      );
      return;
    case "definition":
      return;
    default: {
      const text = textOf(node);
      if (text)
        textBlock(
          drawing,
          "P",
          inlines(drawing, [{ type: "text", value: text }], PLAIN, BODY.size),
          BODY,
        );
    }
  }
}

/** The first paragraph beside the marker; what follows in the item indented under it. */
function listItem(drawing: Drawing, item: ListItem, bullet: string): void {
  const { doc } = drawing;
  const [first, ...rest] = item.children;
  const marker = item.checked === true ? "☒" : item.checked === false ? "☐" : bullet;
  const li = doc.struct("LI");
  drawing.parent.add(li);
  const body = doc.struct("LBody");
  const runs =
    first?.type === "paragraph" ? inlines(drawing, first.children, PLAIN, BODY.size) : [];
  const lineGap = lineGapOf(doc, "Sans", BODY.size, BODY.line);
  const line = BODY.size * BODY.line;
  framed(
    drawing,
    (width) => (runs.length ? heightOfRuns(doc, runs, width - INDENT, BODY.size, lineGap) : line),
    () => line,
    (x, width) => {
      const top = doc.y;
      const page = doc.page;
      li.add(
        doc.struct("Lbl", () => {
          withFace(doc, "Sans").fontSize(BODY.size).fillColor(INK);
          const text = printed(drawing, marker);
          doc.text(text, x + INDENT - 6 - doc.widthOfString(text), top, { lineBreak: false });
        }),
      );
      li.add(body);
      body.add(
        doc.struct("P", () =>
          drawRuns(doc, runs, { x: x + INDENT, y: top, width: width - INDENT, lineGap }),
        ),
      );
      // An item that ran over onto the next page ends where its text does, not a line below top.
      if (doc.page === page) doc.y = Math.max(doc.y, top + line);
    },
    2,
  );
  const inner = { ...drawing, indent: drawing.indent + INDENT, parent: body };
  blocks(inner, first?.type === "paragraph" ? rest : item.children);
}

/** Lines printed together as one block of the plain-text fallback. */
const PLAIN_LINES = 40;

/** GitHub-flavoured Markdown: tables, task lists, strikethrough, autolinks and footnotes. */
function parse(markdown: string) {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/** The title at the top right and the footer with "page N of M" at the bottom of every page. */
function runningHeads(doc: PdfKitDocument, title: string, footer: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = 0; index < count; index += 1) {
    const page = doc.switchToPage(start + index);
    const width = page.width - MARGINS.left - MARGINS.right;
    artifact(doc, () => {
      withFace(doc, "Sans").fontSize(8).fillColor(MUTED);
      doc.text(title, MARGINS.left, 26, { width, align: "right" });
      const text = doc.currentLineHeight(true);
      const rule = page.height - 30 - text - 6;
      doc
        .moveTo(MARGINS.left, rule)
        .lineTo(MARGINS.left + width, rule)
        .lineWidth(0.5)
        .strokeColor(RULE)
        .stroke();
      doc
        .fillColor(MUTED)
        .text(`${footer} · page ${index + 1} of ${count}`, MARGINS.left, rule + 6, {
          lineBreak: false,
        });
    });
  }
}

/** Lays `markdown` out as an A4 PDF with `title` in the running header and `footer` with page numbers. */
export async function renderMarkdownPdf(
  markdown: string,
  options: MarkdownPdfOptions,
): Promise<Buffer> {
  const { doc, glyphs, finish } = openPdfDocument(options.title, MARGINS);
  try {
    const title = glyphs.withGlyphs(options.title);
    const root = doc.struct("Document");
    doc.addStructure(root);
    const drawing: Drawing = { doc, glyphs, indent: 0, quoted: false, parent: root };
    if (markdownLimitProblem(markdown, PAPERWORK_MARKDOWN_LIMITS, "draft") === null)
      blocks(drawing, parse(markdown).children);
    else {
      const lines = markdown.split(/\r\n?|\n/);
      for (let start = 0; start < lines.length; start += PLAIN_LINES)
        codeBlock(drawing, lines.slice(start, start + PLAIN_LINES).join("\n"));
    }
    runningHeads(doc, title, glyphs.withGlyphs(options.footer));
    return await finish();
  } finally {
    glyphs.warn(options.title);
  }
}
