// One place for the summary PDF's look: A4, the embedded Sans faces (fonts.ts),
// greys for everything secondary and a status colour that always sits next to its word. The
// sizes below are also what the text is broken into lines and paged with, so the two never
// drift apart.
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
  open: { fill: "#ffffff", stroke: COLORS.warn },
  upcoming: { fill: "#ffffff", stroke: COLORS.faint },
};

/** A4 in points and the page's padding. */
export const PAGE = { width: 595.28, height: 841.89, top: 58, bottom: 56, side: 40 } as const;

/** Text sizes in points; `line` is the height of one line (font size × line height). */
export const TEXT = {
  body: { size: 10, line: 13.5 },
  sectionTitle: { size: 15, line: 18.75 },
  subheading: { size: 11, line: 14.3 },
  table: { size: 8, line: 10 },
} as const;
/**
 * The running header and footer: text size; the page's margins above the header and below the
 * footer; where in its box the header's baseline, the footer's rule and the footer's baseline
 * (below its rule) sit.
 */
export const FRAME = {
  size: 7.5,
  top: 26,
  bottom: 24.6,
  headerBaseline: 7,
  footerRule: 15.4,
  footerBaseline: 13,
  rule: 0.5,
} as const;
/** Table cell padding. */
export const CELL = { x: 4, y: 3 } as const;
/** Vertical margins of the flow, in points. */
export const SPACING = {
  titleGap: 4,
  introGap: 12,
  sectionGap: 24,
  subheadingTop: 14,
  subheadingGap: 5,
  paragraph: 6,
  listItem: 3,
  groupTop: 8,
  groupBottom: 3,
} as const;
