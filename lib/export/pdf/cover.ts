// Page one: who, which report, which dates, and the readiness figure an auditor looks at first.
// Laid out top to bottom in the frame's coordinates (layout.ts), the disclaimer at the foot of
// the body; every height comes from the lines the text breaks into (measure.ts).
import type { ExportSummary } from "@/lib/domain/export/types";
import type { RequirementStatus } from "@/lib/domain/requirement-status";
import { REQUIREMENT_STATUS_LABELS } from "@/lib/domain/labels";
import { longDate, longTimestamp, percent, plural, reportTitle, reportWindow } from "./format";
import { FRAME_BODY_TOP, paintCoverFrame, SECTION_TITLES, type PageNumbering } from "./layout";
import { baselineIn, CONTENT_WIDTH, printable, textWidth, wrap, type Face } from "./measure";
import { Sketch } from "./sketch";
import { tag, type Tag } from "./structure";
import { COLORS, PAGE, STATUS_COLORS, TEXT } from "./styles";

/** The body's line: every text of the cover without a line height of its own. */
const LINE = TEXT.body.line;
const BODY_BOTTOM = FRAME_BODY_TOP + PAGE.height - PAGE.top - PAGE.bottom - 1;
const FACT_LABEL_WIDTH = 130;
const FACT_PADDING = 5;
const RULE = 0.5;
const COUNT = { gap: 8, padding: 8, inset: 10, border: 3, number: 20, numberLine: 24, label: 8.5 };
const READINESS = { size: 56, gap: 16 };
const CONTENTS = { width: 300, number: 18, padding: 2 };
const DISCLAIMER_BOX = { border: 0.75, padding: 12 };

/**
 * The organisation's name as large as keeps it to two lines (at 17 points, names of ordinary
 * words up to the forms' 80 characters do): a long name must not push the cover onto a second
 * page.
 */
function organizationSize(name: string): number {
  return [26, 21].find((size) => wrap(name, CONTENT_WIDTH, "Sans-Bold", size).length <= 2) ?? 17;
}

const DISCLAIMER =
  "It sets out management's own view of how far the evidence it holds meets the requirements in scope. " +
  "The service auditor forms its own opinion, chooses its own samples and may reach different conclusions.";

const COUNTED: readonly RequirementStatus[] = [
  "ready",
  "in_progress",
  "unmapped",
  "not_applicable",
];

type CoverProps = {
  summary: ExportSummary;
  numbering: PageNumbering;
  /** The page each section starts on. */
  sectionPages: ReadonlyMap<string, number>;
};

type Style = { face: Face; size: number; line: number; color: string; spacing?: number };

const STYLES = {
  kicker: { face: "Sans-Bold", size: 9, line: LINE, color: COLORS.brand, spacing: 1.5 },
  report: { face: "Sans", size: 17, line: 17 * 1.3, color: COLORS.ink },
  label: { face: "Sans", size: 10, line: LINE, color: COLORS.muted },
  value: { face: "Sans", size: 10, line: LINE, color: COLORS.ink },
  code: { face: "Mono", size: 7.5, line: LINE, color: COLORS.ink },
  body: { face: "Sans", size: 10, line: LINE, color: COLORS.text },
  muted: { face: "Sans", size: 10, line: LINE, color: COLORS.muted },
  title: { face: "Sans-Bold", size: 10, line: LINE, color: COLORS.ink },
} satisfies Record<string, Style>;

/** The cover drawn top down: `y` is where the next text goes. */
class CoverWriter {
  readonly sketch = new Sketch();
  y = FRAME_BODY_TOP + 14;
  /** The room left between parts, at full size. */
  gaps = 0;

  /** `scale`: how much of each gap between parts is left. */
  constructor(private readonly scale: number) {}

  gap(points: number): void {
    this.gaps += points;
    this.y += points * this.scale;
  }

  /** `text` broken to `width` at (x, top), as content of `mark`; its height. */
  lines(text: string, style: Style, mark: Tag, x = 0, top = this.y, width = CONTENT_WIDTH): number {
    const lines = wrap(printable(text), width - x, style.face, style.size);
    lines.forEach((line, index) =>
      this.sketch.text(
        line,
        x,
        baselineIn(top + index * style.line, style.line, style.size),
        style.face,
        style.size,
        style.color,
        { mark, spacing: style.spacing },
      ),
    );
    return lines.length * style.line;
  }

  /** A paragraph at the cursor, with room above and below. */
  paragraph(text: string, style: Style, mark: Tag, above = 0, below = 0): void {
    this.gap(above);
    this.y += this.lines(text, style, mark);
    this.gap(below);
  }

  rule(color: string): void {
    this.sketch.line(0, this.y + RULE / 2, CONTENT_WIDTH, this.y + RULE / 2, color, RULE);
    this.y += RULE;
  }

  /** A row of the facts table: the label, and the value's paragraphs one under another. */
  fact(table: Tag, label: string, values: readonly { text: string; style: Style }[]): void {
    const row = tag("TR", table);
    const top = this.y + FACT_PADDING;
    const labelHeight = this.lines(label, STYLES.label, tag("TH", row), 0, top, FACT_LABEL_WIDTH);
    const cell = tag("TD", row);
    let valueHeight = 0;
    for (const { text, style } of values)
      valueHeight += this.lines(
        text,
        style,
        cell,
        FACT_LABEL_WIDTH,
        top + valueHeight,
        CONTENT_WIDTH,
      );
    this.y = top + Math.max(labelHeight, valueHeight) + FACT_PADDING;
    this.rule(COLORS.rule);
  }
}

/**
 * The cover. The gaps between its parts shrink (to a quarter at most) when its content would run
 * into the disclaimer at the foot: names of two lines and a system description take room of their
 * own, and a cover must stay one page.
 */
export function coverSketch({ summary, numbering, sectionPages }: CoverProps): Sketch {
  const disclaimer = disclaimerLayout();
  const top = BODY_BOTTOM - disclaimer.height;
  let cover = coverContent(summary, sectionPages, 1);
  const over = cover.y - top;
  if (over > 0 && cover.gaps > 0)
    cover = coverContent(summary, sectionPages, Math.max(0.25, 1 - over / cover.gaps));
  drawDisclaimer(cover, disclaimer, top);
  return paintCoverFrame(cover.sketch, summary, numbering);
}

/** Everything above the disclaimer, each gap between parts `scale` of its full size. */
function coverContent(
  summary: ExportSummary,
  sectionPages: ReadonlyMap<string, number>,
  scale: number,
): CoverWriter {
  const { engagement, figures } = summary;
  const { counts } = figures;
  const applicable = counts.total - counts.not_applicable;
  const cover = new CoverWriter(scale);
  const { sketch } = cover;

  cover.y += cover.lines("READINESS SUMMARY", STYLES.kicker, tag("P"), 0, cover.y, Infinity);
  cover.gap(10);
  // Members' words, reduced to what the fonts can print, as everywhere else in the report.
  const organization = printable(summary.organization.name);
  const size = organizationSize(organization);
  cover.paragraph(
    organization,
    { face: "Sans-Bold", size, line: size * 1.15, color: COLORS.ink },
    tag("H1"),
  );
  cover.paragraph(reportTitle(engagement), STYLES.report, tag("P"), 4);

  cover.gap(22);
  cover.rule(COLORS.ruleStrong);
  const facts = tag("Table");
  const value = (text: string) => [{ text, style: STYLES.value }];
  cover.fact(facts, "Engagement", value(engagement.name));
  cover.fact(
    facts,
    engagement.type === "TYPE_I" ? "As-of date" : "Period",
    value(reportWindow(engagement)),
  );
  cover.fact(facts, "Readiness measured at", value(longDate(figures.asOf ?? figures.designDate)));
  cover.fact(facts, "Generated", value(longTimestamp(summary.generatedAt)));
  if (summary.description)
    cover.fact(
      facts,
      "System description",
      value(`${summary.description.completeness.text} (not part of readiness)`),
    );
  const head = summary.activityHead;
  const signed = head.checkpoint?.signature
    ? `Checkpoint signed with key ${head.checkpoint.keyId ?? "?"}`
    : "Checkpoint not signed (no signing key configured)";
  cover.fact(facts, "Activity log head", [
    { text: `#${head.seq} ${head.hash}`, style: STYLES.code },
    { text: signed, style: STYLES.muted },
  ]);

  // The readiness figure, and its caption centred beside it.
  cover.gap(34);
  const figure = percent(counts.readinessPercent);
  const figureWidth = textWidth(figure, "Sans-Bold", READINESS.size);
  const caption = `Readiness: ${counts.ready} of ${applicable} applicable requirements are ready. Requirements marked not applicable are left out.`;
  const captionX = figureWidth + READINESS.gap;
  const captionLines = wrap(caption, CONTENT_WIDTH - captionX, "Sans", 10).length;
  const rowHeight = Math.max(READINESS.size, captionLines * LINE);
  const readiness = tag("P");
  cover.lines(
    figure,
    { face: "Sans-Bold", size: READINESS.size, line: READINESS.size, color: COLORS.brand },
    readiness,
    0,
    cover.y + (rowHeight - READINESS.size) / 2,
  );
  cover.lines(
    caption,
    STYLES.muted,
    readiness,
    captionX,
    cover.y + (rowHeight - captionLines * LINE) / 2,
  );
  cover.y += rowHeight;

  cover.paragraph(
    `${plural(counts.total, "requirement")} in scope`,
    STYLES.title,
    tag("H2"),
    26,
    6,
  );
  const boxWidth = (CONTENT_WIDTH - (COUNTED.length - 1) * COUNT.gap) / COUNTED.length;
  const boxHeight = 2 * COUNT.padding + COUNT.numberLine + LINE;
  COUNTED.forEach((status, index) => {
    const x = index * (boxWidth + COUNT.gap);
    sketch.background(x, cover.y, boxWidth, boxHeight, COLORS.tint);
    sketch.box(x, cover.y, COUNT.border, boxHeight, STATUS_COLORS[status]);
    const textX = x + COUNT.border + COUNT.inset;
    const width = x + boxWidth - COUNT.inset;
    const count = tag("P");
    const numberTop = cover.y + COUNT.padding;
    cover.lines(
      String(counts[status]),
      { face: "Sans-Bold", size: COUNT.number, line: COUNT.numberLine, color: COLORS.ink },
      count,
      textX,
      numberTop,
      width,
    );
    cover.lines(
      REQUIREMENT_STATUS_LABELS[status],
      { face: "Sans", size: COUNT.label, line: LINE, color: COLORS.muted },
      count,
      textX,
      numberTop + COUNT.numberLine,
      width,
    );
  });
  cover.y += boxHeight;
  cover.paragraph(
    `Controls ready: ${figures.controls.ready} of ${figures.controls.total} (${figures.controls.notReady} not ready).`,
    STYLES.body,
    tag("P"),
    10,
  );

  // The contents: each section's number, title and the page it starts on.
  cover.paragraph("Contents", STYLES.title, tag("H2"), 30 + 26, 6);
  const contents = tag("TOC");
  SECTION_TITLES.forEach((title, index) => {
    const item = tag("TOCI", contents);
    const top = cover.y + CONTENTS.padding;
    cover.lines(String(index + 1), STYLES.muted, item, 0, top, CONTENTS.number);
    cover.lines(title, STYLES.body, item, CONTENTS.number, top, CONTENTS.width);
    const page = String(sectionPages.get(title) ?? "");
    cover.lines(page, STYLES.muted, item, CONTENTS.width - textWidth(page, "Sans", 10), top);
    cover.y = top + LINE + CONTENTS.padding;
  });

  return cover;
}

const DISCLAIMER_TITLE =
  "Readiness summary prepared by management with Assay — not an audit opinion";
const DISCLAIMER_INSET = DISCLAIMER_BOX.border + DISCLAIMER_BOX.padding;
const DISCLAIMER_WIDTH = CONTENT_WIDTH - 2 * DISCLAIMER_INSET;
const DISCLAIMER_TITLE_GAP = 4;

function disclaimerLayout() {
  const titleLines = wrap(DISCLAIMER_TITLE, DISCLAIMER_WIDTH, "Sans-Bold", 10).length;
  const textLines = wrap(DISCLAIMER, DISCLAIMER_WIDTH, "Sans", 10).length;
  const height = 2 * DISCLAIMER_INSET + (titleLines + textLines) * LINE + DISCLAIMER_TITLE_GAP;
  return { titleLines, height };
}

/** The disclaimer, boxed, its top at `top`. */
function drawDisclaimer(
  cover: CoverWriter,
  { titleLines, height }: ReturnType<typeof disclaimerLayout>,
  top: number,
): void {
  const inset = DISCLAIMER_INSET;
  const half = DISCLAIMER_BOX.border / 2;
  cover.sketch.box(
    half,
    top + half,
    CONTENT_WIDTH - DISCLAIMER_BOX.border,
    height - DISCLAIMER_BOX.border,
    "#ffffff",
    COLORS.ruleStrong,
    DISCLAIMER_BOX.border,
  );
  const right = inset + DISCLAIMER_WIDTH;
  cover.lines(DISCLAIMER_TITLE, STYLES.title, tag("P"), inset, top + inset, right);
  const textTop = top + inset + titleLines * LINE + DISCLAIMER_TITLE_GAP;
  cover.lines(DISCLAIMER, STYLES.muted, tag("P"), inset, textTop, right);
}
