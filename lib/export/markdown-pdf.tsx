// Markdown laid out as a plain A4 PDF: headings, paragraphs, bold and italic, lists, task lists,
// quotes, rules, code and GFM tables (as tables), with a running footer and page numbers. Used
// for the paperwork drafts and description.pdf, whose text the user has edited: raw HTML is
// printed as the literal text it is, never interpreted, and a node this file does not know
// prints its text. Text beyond the paperwork's Markdown limits is printed as plain
// preformatted text, never parsed.
import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { ListItem, Nodes, PhrasingContent, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import type { ReactNode } from "react";
import { markdownLimitProblem, PAPERWORK_MARKDOWN_LIMITS } from "@/lib/domain/markdown-limits";
import { tableRows } from "./markdown-pdf-table";
import { loadFaces, PDF_LANGUAGE, warnMissingGlyphs, withGlyphs } from "./pdf/fonts";
import { renderPdf } from "./pdf/render";

export type MarkdownPdfOptions = { title: string; footer: string };

const INK = "#0f172a";
const MUTED = "#64748b";
const RULE = "#cbd5e1";
const TINT = "#f1f5f9";
const ACCENT = "#b45309";
const QUOTE = "#fffbeb";

const styles = StyleSheet.create({
  // lineHeight is set on each block, never on the page: react-pdf drops the text of a `render`
  // prop (the footer) under an ancestor with a lineHeight (diegomura/react-pdf#3083).
  page: {
    paddingTop: 56,
    paddingBottom: 64,
    paddingHorizontal: 60,
    fontFamily: "Sans",
    fontSize: 10.5,
    color: INK,
  },
  header: {
    position: "absolute",
    top: 26,
    left: 60,
    right: 60,
    fontSize: 8,
    color: MUTED,
    textAlign: "right",
  },
  footer: {
    position: "absolute",
    bottom: 30,
    left: 60,
    right: 60,
    fontSize: 8,
    color: MUTED,
    borderTopWidth: 0.5,
    borderTopColor: RULE,
    paddingTop: 6,
  },
  paragraph: { fontSize: 10.5, lineHeight: 1.45, marginBottom: 8 },
  h1: { fontSize: 18, lineHeight: 1.2, marginTop: 6, marginBottom: 10 },
  h2: { fontSize: 13.5, lineHeight: 1.25, marginTop: 10, marginBottom: 6 },
  h3: { fontSize: 11.5, lineHeight: 1.3, marginTop: 8, marginBottom: 4 },
  item: { flexDirection: "row", marginBottom: 2 },
  marker: { width: 18, textAlign: "right", paddingRight: 6, fontSize: 10.5, lineHeight: 1.45 },
  itemText: { flex: 1, fontSize: 10.5, lineHeight: 1.45 },
  listEnd: { height: 6 },
  // Quoted blocks touch: their shared border and background read as one box.
  quoted: {
    borderLeftWidth: 3,
    borderLeftColor: ACCENT,
    backgroundColor: QUOTE,
    paddingHorizontal: 10,
    marginBottom: 0,
    paddingBottom: 6,
  },
  quoteStart: { height: 6, borderLeftWidth: 3, borderLeftColor: ACCENT, backgroundColor: QUOTE },
  quoteEnd: { height: 10 },
  rule: { borderBottomWidth: 0.75, borderBottomColor: RULE, marginVertical: 10 },
  code: {
    fontFamily: "Mono",
    fontSize: 9,
    lineHeight: 1.35,
    backgroundColor: TINT,
    padding: 8,
    marginBottom: 8,
  },
  link: { color: "#1d4ed8" },
  muted: { color: MUTED },
});

type Marks = { bold: boolean; italic: boolean };
const PLAIN: Marks = { bold: false, italic: false };

function fontOf({ bold, italic }: Marks): string {
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

function inlines(nodes: readonly PhrasingContent[], marks: Marks): ReactNode[] {
  return nodes.map((node, index) => inline(node, marks, index));
}

function inline(node: PhrasingContent, marks: Marks, key: number): ReactNode {
  switch (node.type) {
    case "text":
    case "html":
      return (
        <Text key={key} style={{ fontFamily: fontOf(marks) }}>
          {node.value}
        </Text>
      );
    case "strong":
      return <Text key={key}>{inlines(node.children, { ...marks, bold: true })}</Text>;
    case "emphasis":
      return <Text key={key}>{inlines(node.children, { ...marks, italic: true })}</Text>;
    case "delete":
      return (
        <Text key={key} style={{ textDecoration: "line-through" }}>
          {inlines(node.children, marks)}
        </Text>
      );
    case "footnoteReference":
      return <Text key={key}>{`[${node.label ?? node.identifier}]`}</Text>;
    case "inlineCode":
      return (
        <Text key={key} style={{ fontFamily: "Mono", fontSize: 9.5 }}>
          {node.value}
        </Text>
      );
    case "break":
      return <Text key={key}>{"\n"}</Text>;
    case "link": {
      const label = textOf(node);
      return (
        <Text key={key}>
          <Text style={styles.link}>{inlines(node.children, marks)}</Text>
          {node.url && node.url !== label ? (
            <Text style={[styles.muted, { fontFamily: fontOf(marks) }]}>{` (${node.url})`}</Text>
          ) : null}
        </Text>
      );
    }
    case "image":
      return (
        <Text key={key} style={styles.muted}>{`[image${node.alt ? `: ${node.alt}` : ""}]`}</Text>
      );
    default:
      return (
        <Text key={key} style={{ fontFamily: fontOf(marks) }}>
          {textOf(node)}
        </Text>
      );
  }
}

// Blocks are laid out as one flat run of small elements, list items and quoted paragraphs
// included (indented and bordered by their context), never as nested containers: react-pdf
// lays out again what is left of a container at each page break, and a 5,000-item list inside
// one took minutes.

type Context = { indent: number; quoted: boolean };
const TOP: Context = { indent: 0, quoted: false };
const INDENT = 18;
/** One element of the flow; a heading is where a long document's next section may start. */
type Flow = { element: ReactNode; heading?: boolean }[];

/** Indented under a list item, and bordered inside a quote. */
function frame(context: Context) {
  return [
    context.indent ? { marginLeft: context.indent } : {},
    context.quoted ? styles.quoted : {},
  ];
}

function blocks(nodes: readonly RootContent[], context: Context, out: Flow = []): Flow {
  for (const node of nodes) block(node, context, out);
  return out;
}

function block(node: RootContent, context: Context, out: Flow): void {
  const key = out.length;
  switch (node.type) {
    case "heading": {
      const size = node.depth === 1 ? styles.h1 : node.depth === 2 ? styles.h2 : styles.h3;
      out.push({
        element: (
          <Text key={key} style={[size, ...frame(context)]} minPresenceAhead={48}>
            {inlines(node.children, { ...PLAIN, bold: true })}
          </Text>
        ),
        heading: true,
      });
      return;
    }
    case "paragraph":
      out.push({
        element: (
          <Text key={key} style={[styles.paragraph, ...frame(context)]}>
            {inlines(node.children, PLAIN)}
          </Text>
        ),
      });
      return;
    case "list":
      node.children.forEach((item, index) =>
        listItem(item, node.ordered ? `${(node.start ?? 1) + index}.` : "•", context, out),
      );
      if (!context.quoted && context.indent === 0)
        out.push({ element: <View key={out.length} style={styles.listEnd} /> });
      return;
    case "blockquote":
      out.push({
        element: (
          <View
            key={key}
            style={[styles.quoteStart, context.indent ? { marginLeft: context.indent } : {}]}
          />
        ),
      });
      blocks(node.children, { ...context, quoted: true }, out);
      if (!context.quoted) out.push({ element: <View key={out.length} style={styles.quoteEnd} /> });
      return;
    case "thematicBreak":
      out.push({ element: <View key={key} style={[styles.rule, ...frame(context)]} /> });
      return;
    case "code":
      out.push({
        element: (
          <Text key={key} style={[styles.code, ...frame(context)]}>
            {node.value}
          </Text>
        ),
      });
      return;
    case "html":
      out.push({
        element: (
          <Text key={key} style={[styles.paragraph, ...frame(context)]}>
            {node.value}
          </Text>
        ),
      });
      return;
    case "table":
      for (const row of tableRows(
        node,
        (children, bold) => inlines(children, { ...PLAIN, bold }),
        textOf,
        frame(context),
        key,
      ))
        out.push({ element: row });
      return;
    case "definition":
      return;
    default: {
      const text = textOf(node);
      if (text)
        out.push({
          element: (
            <Text key={key} style={[styles.paragraph, ...frame(context)]}>
              {text}
            </Text>
          ),
        });
    }
  }
}

/** The first paragraph beside the marker; what follows in the item indented under it. */
function listItem(item: ListItem, bullet: string, context: Context, out: Flow): void {
  const [first, ...rest] = item.children;
  const marker = item.checked === true ? "☒" : item.checked === false ? "☐" : bullet;
  const inner = { ...context, indent: context.indent + INDENT };
  out.push({
    element: (
      <View key={out.length} style={[styles.item, ...frame(context)]}>
        <Text style={styles.marker}>{marker}</Text>
        <Text style={styles.itemText}>
          {first?.type === "paragraph" ? inlines(first.children, PLAIN) : ""}
        </Text>
      </View>
    ),
  });
  blocks(first?.type === "paragraph" ? rest : item.children, inner, out);
}

/**
 * The flat run of elements cut into sections of about SECTION_SIZE, each laid out as its own page
 * flow: a section ends before a heading once it is long enough, and anywhere once it is twice
 * that. Drafts of normal length are one section; very long ones pay linear time for an
 * occasional early page break.
 */
const SECTION_SIZE = 100;

function sections(flow: Flow): ReactNode[][] {
  const runs: ReactNode[][] = [[]];
  for (const { element, heading } of flow) {
    const current = runs[runs.length - 1] ?? [];
    if (current.length >= 2 * SECTION_SIZE || (current.length >= SECTION_SIZE && heading))
      runs.push([element]);
    else current.push(element);
  }
  return runs;
}

/** Lines printed together as one block of the plain-text fallback. */
const PLAIN_LINES = 40;

/** The text as it is, in blocks of PLAIN_LINES lines. */
function plainBlocks(markdown: string): Flow {
  const lines = markdown.split(/\r\n?|\n/);
  const out: Flow = [];
  for (let start = 0; start < lines.length; start += PLAIN_LINES) {
    out.push({
      element: (
        <Text key={out.length} style={styles.code}>
          {lines.slice(start, start + PLAIN_LINES).join("\n")}
        </Text>
      ),
    });
  }
  return out;
}

/** GitHub-flavoured Markdown: tables, task lists, strikethrough, autolinks and footnotes. */
function parse(markdown: string) {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

function MarkdownDocument({ markdown, title, footer }: { markdown: string } & MarkdownPdfOptions) {
  const flow =
    markdownLimitProblem(markdown, PAPERWORK_MARKDOWN_LIMITS, "draft") === null
      ? blocks(parse(markdown).children, TOP)
      : plainBlocks(markdown);
  return (
    <Document
      title={title}
      creator="Assay"
      producer="Assay"
      conformance="PDF/A-2b"
      language={PDF_LANGUAGE}
    >
      {sections(flow).map((run, index) => (
        <Page key={index} size="A4" style={styles.page}>
          <Text style={styles.header} fixed>
            {title}
          </Text>
          {run}
          <Text
            style={styles.footer}
            fixed
            render={({ pageNumber, totalPages }) =>
              `${footer} · page ${pageNumber} of ${totalPages}`
            }
          />
        </Page>
      ))}
    </Document>
  );
}

/** Lays `markdown` out as an A4 PDF with `title` in the running header and `footer` with page numbers. */
export async function renderMarkdownPdf(
  markdown: string,
  options: MarkdownPdfOptions,
): Promise<Buffer> {
  try {
    return await renderPdf(async () => {
      await loadFaces();
      const printed = {
        markdown: withGlyphs(markdown),
        title: withGlyphs(options.title),
        footer: withGlyphs(options.footer),
      };
      return <MarkdownDocument {...printed} />;
    });
  } finally {
    warnMissingGlyphs(options.title);
  }
}
