// The building blocks every section uses: the page frame (running header and footer), and the
// headings, paragraphs and lists as flow blocks (paging.ts) with their estimated heights.
import type { ReactNode } from "react";
import { Canvas, Page, Text, View } from "@react-pdf/renderer";
import type { ExportSummary } from "@/lib/domain/export/types";
import { CONTENT_WIDTH, fitLine, printable, sectionTitleHeight, SUBHEADING_HEIGHT, textHeight, textWidth } from "./measure";
import type { FlowBlock } from "./paging";
import { Sketch, type Painter } from "./sketch";
import { COLORS, FRAME, SPACING, styles, TEXT } from "./styles";

export type PageNumbering = { pageNumber: number; totalPages: number };

/** One A4 page of the report, with the running header and footer. */
export function ReportPage({ summary, numbering, children }: { summary: ExportSummary; numbering: PageNumbering; children: ReactNode }) {
  return (
    <Page size="A4" style={styles.page}>
      <RunningHeader summary={summary} />
      <View style={styles.body}>{children}</View>
      <PageFooter summary={summary} numbering={numbering} />
    </Page>
  );
}

const RUNNING_HEADER = "Readiness summary prepared by management · not an audit opinion";
const FRAME_FACE = "Helvetica";
/** Room between the left and the right text of the header or footer. */
const FRAME_GAP = 12;

/**
 * Left and right text on one line across the content width, the left cut short (…) if the two
 * would meet. Drawn on a canvas: laying out four text nodes on every page cost react-pdf about
 * 0.4 s in a report of 250 pages.
 */
function frameLine(sketch: Sketch, left: string, right: string, baseline: number, color: string): Sketch {
  const rightText = printable(right);
  const rightWidth = textWidth(rightText, FRAME_FACE, FRAME.size);
  const leftText = fitLine(printable(left), CONTENT_WIDTH - rightWidth - FRAME_GAP, FRAME_FACE, FRAME.size);
  sketch.text(leftText, 0, baseline, FRAME_FACE, FRAME.size, color);
  return sketch.text(rightText, CONTENT_WIDTH - rightWidth, baseline, FRAME_FACE, FRAME.size, color);
}

/** The organisation and what the report is, above the body of every page but the cover. */
function RunningHeader({ summary }: { summary: ExportSummary }) {
  const paint = (painter: Painter) => {
    frameLine(new Sketch(), summary.organization.name, RUNNING_HEADER, FRAME.headerBaseline, COLORS.faint).draw(painter);
    return null;
  };
  return <Canvas style={styles.runningHeader} paint={paint} fixed />;
}

/**
 * "Organisation · Engagement" and "page X of Y" at the foot of every page, under a rule. Plain
 * text: paging.ts knows every page number, and a `render` prop would cost two more layouts of
 * every page.
 */
export function PageFooter({ summary, numbering }: { summary: ExportSummary; numbering: PageNumbering }) {
  const paint = (painter: Painter) => {
    const sketch = new Sketch().line(0, FRAME.rule / 2, CONTENT_WIDTH, FRAME.rule / 2, COLORS.ruleStrong, FRAME.rule);
    frameLine(sketch, `${summary.organization.name} · ${summary.engagement.name}`, `page ${numbering.pageNumber} of ${numbering.totalPages}`, FRAME.footerBaseline, COLORS.muted);
    sketch.draw(painter);
    return null;
  };
  return <Canvas style={styles.footer} paint={paint} fixed />;
}

/** The report's sections in order; the cover lists them and each title carries its number. */
export const SECTION_TITLES = ["Scope", "Requirements", "Controls", "Exceptions", "Not applicable requirements", "Sampling guidance"] as const;
type SectionTitle = (typeof SECTION_TITLES)[number];

/** A numbered section title and its introduction; `spaced` when it follows another section on the page. */
export function sectionTitle(title: SectionTitle, intro?: string, spaced = false): FlowBlock {
  return {
    kind: "block",
    height: sectionTitleHeight(intro) + (spaced ? SPACING.sectionGap : 0),
    keepWithNext: true,
    anchor: title,
    render: (key) => (
      <View key={key} style={spaced ? styles.sectionGap : undefined}>
        <Text style={styles.sectionTitle}>{`${SECTION_TITLES.indexOf(title) + 1}. ${title}`}</Text>
        {intro ? <Text style={styles.sectionIntro}>{intro}</Text> : null}
      </View>
    ),
  };
}

export function subheading(text: string): FlowBlock {
  return {
    kind: "block",
    height: SUBHEADING_HEIGHT,
    keepWithNext: true,
    render: (key) => (
      <Text key={key} style={styles.subheading}>
        {text}
      </Text>
    ),
  };
}

export function paragraph(text: string, { muted = false, keepWithNext = false } = {}): FlowBlock {
  return {
    kind: "block",
    height: textHeight([text], CONTENT_WIDTH) + SPACING.paragraph,
    keepWithNext,
    render: (key) => (
      <Text key={key} style={muted ? [styles.paragraph, styles.muted] : styles.paragraph}>
        {text}
      </Text>
    ),
  };
}

export function emptyNote(text = "None recorded"): FlowBlock {
  return {
    kind: "block",
    height: TEXT.body.line,
    render: (key) => (
      <Text key={key} style={styles.empty}>
        {text}
      </Text>
    ),
  };
}

const MARKER_WIDTH = 16;

/** One block per item, so a long list can run over pages. */
export function list(items: readonly string[], numbered = false): FlowBlock[] {
  if (items.length === 0) return [emptyNote()];
  return items.map((item, index) => ({
    kind: "block",
    height: textHeight([item], CONTENT_WIDTH - MARKER_WIDTH) + SPACING.listItem,
    render: (key) => (
      <View key={key} style={styles.listItem}>
        <Text style={styles.listMarker}>{numbered ? `${index + 1}.` : "•"}</Text>
        <Text style={styles.listText}>{item}</Text>
      </View>
    ),
  }));
}
