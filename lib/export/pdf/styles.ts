// One place for the summary PDF's look: A4, the built-in Helvetica family (no font loading),
// greys for everything secondary and a status colour that always sits next to its word.
import { StyleSheet } from "@react-pdf/renderer";
import type { RequirementStatus } from "@/lib/domain/requirement-status";
import type { SlotStateName } from "@/lib/domain/readiness/operating";

export const COLORS = {
  ink: "#111827",
  text: "#1f2937",
  muted: "#6b7280",
  faint: "#9ca3af",
  rule: "#e5e7eb",
  ruleStrong: "#d1d5db",
  tint: "#f3f4f6",
  brand: "#1e3a8a",
  good: "#15803d",
  warn: "#b45309",
  bad: "#b91c1c",
} as const;

export const STATUS_COLORS: Record<RequirementStatus, string> = {
  ready: COLORS.good,
  in_progress: COLORS.warn,
  unmapped: COLORS.bad,
  not_applicable: COLORS.muted,
};

export const SLOT_COLORS: Record<SlotStateName, { fill: string; stroke: string }> = {
  covered: { fill: "#16a34a", stroke: "#16a34a" },
  missing: { fill: "#fee2e2", stroke: "#dc2626" },
  upcoming: { fill: "#ffffff", stroke: COLORS.faint },
};

/** A4 in points and the page's padding; paging.ts sizes table pages from the same numbers. */
export const PAGE = { width: 595.28, height: 841.89, top: 58, bottom: 56, side: 40 } as const;
/** Table text and cell padding, also used by paging.ts to estimate row heights. */
export const TABLE_TEXT = { size: 8.5, lineHeight: 1.3, cellPadding: 4, lineGap: 1.5 } as const;

// lineHeight is set on the content, never on the page: react-pdf drops the text of a `render`
// prop (the page footer) under any ancestor with a lineHeight (diegomura/react-pdf#3083). An
// inherited lineHeight is absolute (resolved with the font size where it is set), so it always
// comes with its fontSize and larger text sets its own.
export const styles = StyleSheet.create({
  page: {
    fontFamily: "Helvetica",
    fontSize: 10,
    color: COLORS.text,
    paddingTop: PAGE.top,
    paddingBottom: PAGE.bottom,
    paddingHorizontal: PAGE.side,
  },
  body: { fontSize: 10, lineHeight: 1.35 },
  runningHeader: {
    position: "absolute",
    top: 26,
    left: PAGE.side,
    right: PAGE.side,
    flexDirection: "row",
    justifyContent: "space-between",
    fontSize: 7.5,
    color: COLORS.faint,
  },
  footer: {
    position: "absolute",
    bottom: 26,
    left: PAGE.side,
    right: PAGE.side,
    paddingTop: 6,
    borderTopWidth: 0.5,
    borderTopColor: COLORS.ruleStrong,
    fontSize: 7.5,
    color: COLORS.muted,
  },
  sectionTitle: { fontFamily: "Helvetica-Bold", fontSize: 15, lineHeight: 1.25, color: COLORS.ink, marginBottom: 4 },
  sectionIntro: { color: COLORS.muted, marginBottom: 12 },
  subheading: { fontFamily: "Helvetica-Bold", fontSize: 11, lineHeight: 1.3, color: COLORS.ink, marginTop: 14, marginBottom: 5 },
  paragraph: { marginBottom: 6 },
  muted: { color: COLORS.muted },
  bold: { fontFamily: "Helvetica-Bold" },
  empty: { color: COLORS.muted, fontFamily: "Helvetica-Oblique" },
  listItem: { flexDirection: "row", marginBottom: 3 },
  listMarker: { width: 16, color: COLORS.muted },
  listText: { flex: 1 },
  table: { borderTopWidth: 0.5, borderTopColor: COLORS.ruleStrong, fontSize: TABLE_TEXT.size, lineHeight: TABLE_TEXT.lineHeight },
  headerRow: {
    flexDirection: "row",
    backgroundColor: COLORS.tint,
    borderBottomWidth: 0.75,
    borderBottomColor: COLORS.ruleStrong,
    fontFamily: "Helvetica-Bold",
    fontSize: 7.5,
    color: COLORS.muted,
  },
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: COLORS.rule },
  groupRow: { paddingTop: 8, paddingBottom: 3, paddingHorizontal: 4, borderBottomWidth: 0.5, borderBottomColor: COLORS.ruleStrong },
  groupText: { fontFamily: "Helvetica-Bold", fontSize: 9, color: COLORS.brand },
  cell: { padding: TABLE_TEXT.cellPadding },
  cellLine: { marginTop: TABLE_TEXT.lineGap },
  statusMark: { flexDirection: "row", alignItems: "center" },
  statusDot: { width: 6, height: 6, borderRadius: 3, marginRight: 4 },
});
