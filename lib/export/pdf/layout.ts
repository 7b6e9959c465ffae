// The building blocks every section uses: the page frame (running header and footer), and the
// headings, paragraphs and lists as flow blocks (paging.ts), drawn at exact heights and tagged
// (structure.ts). Everything is drawn in the frame's coordinates: from the page's side padding
// and its top margin above the running header (FRAME_ORIGIN).
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
import { Sketch } from "./sketch";
import { ARTIFACT, tag, type Marking, type Tag } from "./structure";
import { COLORS, FRAME, PAGE, SPACING, TEXT } from "./styles";

export type PageNumbering = { pageNumber: number; totalPages: number };

/** Where the frame's (0, 0) is on the page. */
export const FRAME_ORIGIN = { x: PAGE.side, y: FRAME.top } as const;

/** An A4 page after the cover: the running header, the body's parts where paging.ts put them, and the footer. */
export function reportPageSketch(
  summary: ExportSummary,
  numbering: PageNumbering,
  parts: readonly PagePart[],
): Sketch {
  const sketch = new Sketch();
  paintRunningHeader(sketch, summary);
  for (const part of parts) part.paint(sketch, FRAME_BODY_TOP + part.top);
  paintFooter(sketch, summary, numbering);
  return sketch;
}

/** The cover's frame: the footer under what `sketch` holds (no running header). */
export function paintCoverFrame(
  sketch: Sketch,
  summary: ExportSummary,
  numbering: PageNumbering,
): Sketch {
  paintFooter(sketch, summary, numbering);
  return sketch;
}

const RUNNING_HEADER = "Readiness summary prepared by management · not an audit opinion";
const FRAME_FACE = "Sans";
/** Room between the left and the right text of the header or footer. */
const FRAME_GAP = 12;
/** Where the body and the footer start, down from the top of the page's frame (below its top margin). */
export const FRAME_BODY_TOP = PAGE.top - FRAME.top;
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
  const artifact = { mark: ARTIFACT };
  sketch.text(leftText, 0, baseline, FRAME_FACE, FRAME.size, color, artifact);
  sketch.text(
    rightText,
    CONTENT_WIDTH - rightWidth,
    baseline,
    FRAME_FACE,
    FRAME.size,
    color,
    artifact,
  );
}

/** The organisation and what the report is, above the body of every page but the cover. */
function paintRunningHeader(sketch: Sketch, summary: ExportSummary): void {
  frameLine(sketch, summary.organization.name, RUNNING_HEADER, FRAME.headerBaseline, COLORS.faint);
}

/**
 * "Organisation · Engagement" and "page X of Y" at the foot of every page, under a rule. Plain
 * text: paging.ts knows every page number.
 */
function paintFooter(sketch: Sketch, summary: ExportSummary, numbering: PageNumbering): void {
  const top = FRAME_FOOTER_TOP;
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
  /** The element its lines belong to; a marker goes in a Lbl of the same parent. */
  mark: Tag;
  above?: number;
  below?: number;
  indent?: number;
  marker?: string;
};

type ProseLine = { text: string; x: number; top: number; voice: Voice; mark: Marking };

/**
 * A list item longer than this many lines (its marker counts as one) is cut into blocks of this
 * many, so it can run over pages; small, so that a block moving to the next page leaves little
 * room unused (all of a page's blocks are drawn on its one sketch, so more blocks cost nothing).
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
        { mark: line.mark },
      );
  };

/** Lays paragraphs out one under another from the top: their lines, and the height they take. */
function layOut(paragraphs: readonly Prose[]): { lines: ProseLine[]; height: number } {
  const lines: ProseLine[] = [];
  let y = 0;
  for (const { text, voice, mark, above = 0, below = 0, indent = 0, marker } of paragraphs) {
    y += above;
    if (marker)
      lines.push({
        text: marker,
        x: 0,
        top: y,
        voice: { ...voice, color: COLORS.muted },
        mark: tag("Lbl", mark.parent),
      });
    for (const line of wrap(printable(text), CONTENT_WIDTH - indent, voice.face, voice.size)) {
      lines.push({ text: line, x: indent, top: y, voice, mark });
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
        mark: tag("H1"),
        above: spaced ? SPACING.sectionGap : 0,
        below: SPACING.titleGap,
      },
      ...(intro
        ? [{ text: intro, voice: VOICES.muted, mark: tag("P"), below: SPACING.introGap }]
        : []),
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
        mark: tag("H2"),
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
    [{ text, voice: muted ? VOICES.muted : VOICES.body, mark: tag("P"), below: SPACING.paragraph }],
    { keepWithNext },
  );
}

export function emptyNote(text = "None recorded"): FlowBlock {
  return proseBlock([{ text, voice: VOICES.empty, mark: tag("P") }]);
}

const MARKER_WIDTH = 16;

/** One block per item (or per few lines of a long one), so a long list can run over pages. */
export function list(items: readonly string[], numbered = false): FlowBlock[] {
  if (items.length === 0) return [emptyNote()];
  const listTag = tag("L");
  return items.flatMap((item, index) => {
    const { lines } = layOut([
      {
        text: item,
        voice: VOICES.body,
        mark: tag("LBody", tag("LI", listTag)),
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
