// The building blocks every section uses: the page frame (running header and footer), and the
// headings, paragraphs and lists as flow blocks (paging.ts), drawn at exact heights.
import type { ReactNode } from "react";
import { Canvas, Page, View } from "@react-pdf/renderer";
import type { ExportSummary } from "@/lib/domain/export/types";
import {
  baselineIn,
  CONTENT_WIDTH,
  fitLine,
  printable,
  textWidth,
  wrap,
  type Face,
} from "./measure";
import type { FlowBlock, PagePart, Paint } from "./paging";
import { Sketch, type Painter } from "./sketch";
import { COLORS, FRAME, PAGE, SPACING, styles, TEXT } from "./styles";

export type PageNumbering = { pageNumber: number; totalPages: number };

/**
 * An A4 page after the cover: the running header, the body's parts where paging.ts put them, and
 * the footer, all drawn on one canvas. react-pdf lays out and renders every element of every
 * page; one a page is its least.
 */
export function ReportPage({
  summary,
  numbering,
  parts,
}: {
  summary: ExportSummary;
  numbering: PageNumbering;
  parts: readonly PagePart[];
}) {
  const paint = (painter: Painter) => {
    const sketch = new Sketch();
    paintRunningHeader(sketch, summary);
    for (const part of parts) part.paint(sketch, FRAME_BODY_TOP + part.top);
    paintFooter(sketch, FRAME_FOOTER_TOP, summary, numbering);
    sketch.draw(painter);
    return null;
  };
  return (
    <Page size="A4" style={styles.page}>
      <Canvas style={styles.frame} paint={paint} />
    </Page>
  );
}

/** The cover's frame: room where the running header goes on other pages, the cover's content, and the footer. */
export function CoverFrame({
  summary,
  numbering,
  children,
}: {
  summary: ExportSummary;
  numbering: PageNumbering;
  children: ReactNode;
}) {
  const paint = (painter: Painter) => {
    const sketch = new Sketch();
    paintFooter(sketch, 0, summary, numbering);
    sketch.draw(painter);
    return null;
  };
  return (
    <Page size="A4" style={styles.page}>
      <View style={styles.headerSpace} />
      <View style={styles.body}>{children}</View>
      <Canvas style={styles.footer} paint={paint} />
    </Page>
  );
}

const RUNNING_HEADER = "Readiness summary prepared by management · not an audit opinion";
const FRAME_FACE = "Sans";
/** Room between the left and the right text of the header or footer. */
const FRAME_GAP = 12;
/** Where the body and the footer start, down from the top of the page's frame (below its top margin). */
const FRAME_BODY_TOP = PAGE.top - FRAME.top;
const FRAME_FOOTER_TOP = PAGE.height - PAGE.bottom - FRAME.top;

/** Left and right text on one line across the content width, the left cut short (…) if the two would meet. */
function frameLine(
  sketch: Sketch,
  left: string,
  right: string,
  baseline: number,
  color: string,
): void {
  const oneLine = (text: string) => printable(text).replace(/\s+/g, " ");
  const rightText = oneLine(right);
  const rightWidth = textWidth(rightText, FRAME_FACE, FRAME.size);
  const leftText = fitLine(
    oneLine(left),
    CONTENT_WIDTH - rightWidth - FRAME_GAP,
    FRAME_FACE,
    FRAME.size,
  );
  sketch.text(leftText, 0, baseline, FRAME_FACE, FRAME.size, color);
  sketch.text(rightText, CONTENT_WIDTH - rightWidth, baseline, FRAME_FACE, FRAME.size, color);
}

/** The organisation and what the report is, above the body of every page but the cover. */
function paintRunningHeader(sketch: Sketch, summary: ExportSummary): void {
  frameLine(sketch, summary.organization.name, RUNNING_HEADER, FRAME.headerBaseline, COLORS.faint);
}

/**
 * "Organisation · Engagement" and "page X of Y" at the foot of every page, under a rule. Plain
 * text: paging.ts knows every page number, and a `render` prop would cost two more layouts of
 * every page.
 */
function paintFooter(
  sketch: Sketch,
  top: number,
  summary: ExportSummary,
  numbering: PageNumbering,
): void {
  const rule = top + FRAME.footerRule + FRAME.rule / 2;
  sketch.line(0, rule, CONTENT_WIDTH, rule, COLORS.ruleStrong, FRAME.rule);
  frameLine(
    sketch,
    `${summary.organization.name} · ${summary.engagement.name}`,
    `page ${numbering.pageNumber} of ${numbering.totalPages}`,
    top + FRAME.footerRule + FRAME.footerBaseline,
    COLORS.muted,
  );
}

/** The report's sections in order; the cover lists them and each title carries its number. */
export const SECTION_TITLES = [
  "Scope",
  "Requirements",
  "Controls",
  "Exceptions",
  "Not applicable requirements",
  "Sampling guidance",
  "System description",
] as const;
type SectionTitle = (typeof SECTION_TITLES)[number];

/** One style of text in the flow: its size and line height, face and colour. */
type Voice = { size: number; line: number; face: Face; color: string };

const VOICES = {
  title: { ...TEXT.sectionTitle, face: "Sans-Bold", color: COLORS.ink },
  subheading: { ...TEXT.subheading, face: "Sans-Bold", color: COLORS.ink },
  body: { ...TEXT.body, face: "Sans", color: COLORS.text },
  muted: { ...TEXT.body, face: "Sans", color: COLORS.muted },
  empty: { ...TEXT.body, face: "Sans-Oblique", color: COLORS.muted },
} satisfies Record<string, Voice>;

/** A paragraph of the flow: its voice, room above and below, and an indent with a marker ("•", "1.") in it. */
type Prose = {
  text: string;
  voice: Voice;
  above?: number;
  below?: number;
  indent?: number;
  marker?: string;
};

type ProseLine = { text: string; x: number; top: number; voice: Voice };

/**
 * A list item longer than this many lines (its marker counts as one) is cut into blocks of this
 * many, so it can run over pages; small, so that a block moving to the next page leaves little
 * room unused (all of a page's blocks are drawn on its one canvas, so more blocks cost nothing).
 */
const MAX_BLOCK_LINES = 6;

/** Draws lines of prose laid out from 0, at `top`. */
const paintLines =
  (lines: readonly ProseLine[]): Paint =>
  (sketch, top) => {
    for (const line of lines)
      sketch.text(
        line.text,
        line.x,
        baselineIn(top + line.top, line.voice.line, line.voice.size),
        line.voice.face,
        line.voice.size,
        line.voice.color,
      );
  };

/** Lays paragraphs out one under another from the top: their lines, and the height they take. */
function layOut(paragraphs: readonly Prose[]): { lines: ProseLine[]; height: number } {
  const lines: ProseLine[] = [];
  let y = 0;
  for (const { text, voice, above = 0, below = 0, indent = 0, marker } of paragraphs) {
    y += above;
    if (marker)
      lines.push({ text: marker, x: 0, top: y, voice: { ...voice, color: COLORS.muted } });
    for (const line of wrap(printable(text), CONTENT_WIDTH - indent, voice.face, voice.size)) {
      lines.push({ text: line, x: indent, top: y, voice });
      y += voice.line;
    }
    y += below;
  }
  return { lines, height: y };
}

function proseBlock(
  paragraphs: readonly Prose[],
  options: { keepWithNext?: boolean; anchor?: string } = {},
): FlowBlock {
  const { lines, height } = layOut(paragraphs);
  return { kind: "block", height, ...options, paint: paintLines(lines) };
}

/** A numbered section title and its introduction; `spaced` when it follows another section on the page. */
export function sectionTitle(title: SectionTitle, intro?: string, spaced = false): FlowBlock {
  return proseBlock(
    [
      {
        text: `${SECTION_TITLES.indexOf(title) + 1}. ${title}`,
        voice: VOICES.title,
        above: spaced ? SPACING.sectionGap : 0,
        below: SPACING.titleGap,
      },
      ...(intro ? [{ text: intro, voice: VOICES.muted, below: SPACING.introGap }] : []),
    ],
    { keepWithNext: true, anchor: title },
  );
}

export function subheading(text: string): FlowBlock {
  return proseBlock(
    [
      {
        text,
        voice: VOICES.subheading,
        above: SPACING.subheadingTop,
        below: SPACING.subheadingGap,
      },
    ],
    { keepWithNext: true },
  );
}

/** One of our own sentences or a short summary (never a member's text of any length: see list()). */
export function paragraph(text: string, { muted = false, keepWithNext = false } = {}): FlowBlock {
  return proseBlock(
    [{ text, voice: muted ? VOICES.muted : VOICES.body, below: SPACING.paragraph }],
    { keepWithNext },
  );
}

export function emptyNote(text = "None recorded"): FlowBlock {
  return proseBlock([{ text, voice: VOICES.empty }]);
}

const MARKER_WIDTH = 16;

/** One block per item (or per few lines of a long one), so a long list can run over pages. */
export function list(items: readonly string[], numbered = false): FlowBlock[] {
  if (items.length === 0) return [emptyNote()];
  return items.flatMap((item, index) => {
    const { lines } = layOut([
      {
        text: item,
        voice: VOICES.body,
        indent: MARKER_WIDTH,
        marker: numbered ? `${index + 1}.` : "•",
      },
    ]);
    const blocks: FlowBlock[] = [];
    for (let first = 0; first < lines.length; first += MAX_BLOCK_LINES) {
      const chunk = lines.slice(first, first + MAX_BLOCK_LINES);
      const offset = chunk[0]?.top ?? 0;
      const last = first + MAX_BLOCK_LINES >= lines.length;
      const height =
        Math.max(...chunk.map((line) => line.top - offset + line.voice.line)) +
        (last ? SPACING.listItem : 0);
      const moved = chunk.map((line) => ({ ...line, top: line.top - offset }));
      blocks.push({ kind: "block", height, paint: paintLines(moved) });
    }
    return blocks;
  });
}
