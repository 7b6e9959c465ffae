// The building blocks every section uses: the page frame (running header and footer), section
// titles, lists and status marks.
import type { ReactNode } from "react";
import { Page, Text, View } from "@react-pdf/renderer";
import type { ExportSummary } from "@/lib/domain/export/types";
import type { RequirementStatus } from "@/lib/domain/requirement-status";
import { STATUS_WORDS } from "../matrix-labels";
import { COLORS, STATUS_COLORS, styles } from "./styles";

/** A4 page that flows onto as many pages as its content needs, each with header and footer. */
export function ReportPage({ summary, children }: { summary: ExportSummary; children: ReactNode }) {
  return (
    <Page size="A4" style={styles.page}>
      <View style={styles.runningHeader} fixed>
        <Text>{summary.organization.name}</Text>
        <Text>Readiness summary prepared by management · not an audit opinion</Text>
      </View>
      <View style={styles.body}>{children}</View>
      <PageFooter summary={summary} />
    </Page>
  );
}

/** "Organisation · Engagement · page X of Y" at the foot of every page. */
export function PageFooter({ summary }: { summary: ExportSummary }) {
  const label = `${summary.organization.name} · ${summary.engagement.name}`;
  return <Text style={styles.footer} fixed render={({ pageNumber, totalPages }) => `${label} · page ${pageNumber} of ${totalPages}`} />;
}

/** The report's sections in order; the cover lists them and each title carries its number. */
export const SECTION_TITLES = ["Scope", "Requirements", "Controls", "Exceptions", "Not applicable requirements", "Sampling guidance"] as const;

export function SectionTitle({ title, intro }: { title: (typeof SECTION_TITLES)[number]; intro?: string }) {
  return (
    <View minPresenceAhead={80}>
      <Text style={styles.sectionTitle}>{`${SECTION_TITLES.indexOf(title) + 1}. ${title}`}</Text>
      {intro ? <Text style={styles.sectionIntro}>{intro}</Text> : null}
    </View>
  );
}

/** Kept on the same page as at least the start of what follows it. */
export function Subheading({ children }: { children: string }) {
  return (
    <Text style={styles.subheading} minPresenceAhead={60}>
      {children}
    </Text>
  );
}

export function EmptyNote({ children = "None recorded" }: { children?: string }) {
  return <Text style={styles.empty}>{children}</Text>;
}

export function List({ items, numbered = false }: { items: readonly string[]; numbered?: boolean }) {
  if (items.length === 0) return <EmptyNote />;
  return (
    <View>
      {items.map((item, index) => (
        <View key={index} style={styles.listItem} wrap={false}>
          <Text style={styles.listMarker}>{numbered ? `${index + 1}.` : "•"}</Text>
          <Text style={styles.listText}>{item}</Text>
        </View>
      ))}
    </View>
  );
}

/** The status word, with its colour as a second cue rather than the only one. */
export function StatusMark({ status }: { status: RequirementStatus }) {
  return <Mark color={STATUS_COLORS[status]} label={STATUS_WORDS[status]} />;
}

export function ReadyMark({ ready }: { ready: boolean }) {
  return <Mark color={ready ? COLORS.good : COLORS.warn} label={ready ? "Ready" : "Not ready"} />;
}

function Mark({ color, label }: { color: string; label: string }) {
  return (
    <View style={styles.statusMark}>
      <View style={[styles.statusDot, { backgroundColor: color }]} />
      <Text style={[styles.bold, { color }]}>{label}</Text>
    </View>
  );
}

/** Secondary lines inside a table cell, as one text block (fewer nodes for the layout engine); empty lines are skipped. */
export function CellLines({ lines, muted = true }: { lines: readonly string[]; muted?: boolean }) {
  const text = lines.filter(Boolean).join("\n");
  if (!text) return null;
  return <Text style={muted ? [styles.cellLine, styles.muted] : styles.cellLine}>{text}</Text>;
}
