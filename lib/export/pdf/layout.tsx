// The building blocks every section uses: the page frame (running header and footer), and the
// headings, paragraphs and lists as flow blocks (paging.ts) with their estimated heights.
import type { ReactNode } from "react";
import { Page, Text, View } from "@react-pdf/renderer";
import type { ExportSummary } from "@/lib/domain/export/types";
import { CONTENT_WIDTH, sectionTitleHeight, SUBHEADING_HEIGHT, textHeight } from "./measure";
import type { FlowBlock } from "./paging";
import { SPACING, styles, TEXT } from "./styles";

export type PageNumbering = { pageNumber: number; totalPages: number };

/** One A4 page of the report, with the running header and footer. */
export function ReportPage({ summary, numbering, children }: { summary: ExportSummary; numbering: PageNumbering; children: ReactNode }) {
  return (
    <Page size="A4" style={styles.page}>
      <View style={styles.runningHeader} fixed>
        <Text>{summary.organization.name}</Text>
        <Text>Readiness summary prepared by management · not an audit opinion</Text>
      </View>
      <View style={styles.body}>{children}</View>
      <PageFooter summary={summary} numbering={numbering} />
    </Page>
  );
}

/**
 * "Organisation · Engagement" and "page X of Y" at the foot of every page. Plain text, not a
 * `render` prop: paging.ts knows every page number, and a render prop would cost two more
 * layouts of every page.
 */
export function PageFooter({ summary, numbering }: { summary: ExportSummary; numbering: PageNumbering }) {
  return (
    <View style={styles.footer} fixed>
      <Text>{`${summary.organization.name} · ${summary.engagement.name}`}</Text>
      <Text>{`page ${numbering.pageNumber} of ${numbering.totalPages}`}</Text>
    </View>
  );
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
