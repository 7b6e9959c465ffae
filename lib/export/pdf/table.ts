// Tables, drawn rather than laid out (react-pdf's flexbox cells took 25 s and 1.5 GB for 2,000
// controls). Each page's piece of a table is drawn onto the page's sketch (layout.ts) with
// pdfkit. We break the text into lines ourselves with the real font metrics (measure.ts), so
// every row's height is exact and paging.ts deals rows out over pages knowing precisely what
// fits: rows never split (one taller than a page is cut into marked pieces) and the header and
// the current group label are repeated on every page. Tagged as Table, TR, TH and TD
// (structure.ts); what is repeated on a later page (the header, a group's label, the first line
// of a cut row) is an artifact.
import type { SlotStateName } from "@/lib/domain/readiness/operating";
import { baselineIn, BODY_HEIGHT, CONTENT_WIDTH, printable, wrap, type Face } from "./measure";
import type { FlowTable } from "./paging";
import type { Sketch } from "./sketch";
import { drawStrip, STRIP_LINE } from "./slot-strip";
import { ARTIFACT, tag, type Marking, type Tag } from "./structure";
import { CELL, COLORS, SPACING, TEXT } from "./styles";

/** One paragraph of a cell in one style, or a slot strip, which takes a line. */
export type Paragraph =
  { text: string; face?: Face; color?: string; dot?: string } | { strip: readonly SlotStateName[] };

export type Column<T> = {
  header: string;
  /** In points; the one column without a width takes the rest. */
  width?: number;
  cell: (row: T) => readonly Paragraph[];
};

type TableSpec<T> = {
  columns: readonly Column<T>[];
  rows: readonly T[];
  /** Rows arrive sorted by group; a label row starts each group and each page. */
  groupOf?: (row: T) => string;
};

type Line =
  | { text: string; face: Face; color: string; indent: number; dot?: string; repeated?: true }
  | { strip: readonly SlotStateName[] };
type Prepared = {
  height: number;
  group?: string;
  cells: Line[][];
  /** The row's cells' TD (shared by the pieces of a cut row). */
  tags: readonly Tag[];
};
type Placed = { x: number; width: number };

const HEADER = { size: 7, face: "Sans-Bold" as Face, color: COLORS.muted };
const LINE = TEXT.table.line;
const RULE = 0.5;
const HEADER_RULE = 0.75;
const GROUP_HEIGHT = SPACING.groupTop + LINE + SPACING.groupBottom + RULE;
const DOT = { radius: 2.6, indent: 9 };
const SIZE = TEXT.table.size;
function layoutColumns<T>(columns: readonly Column<T>[]): Placed[] {
  const fixed = columns.reduce((sum, column) => sum + (column.width ?? 0), 0);
  let x = 0;
  return columns.map((column) => {
    const placed = { x, width: column.width ?? CONTENT_WIDTH - fixed };
    x += placed.width;
    return placed;
  });
}

function lines(paragraphs: readonly Paragraph[], width: number): Line[] {
  return paragraphs.flatMap((paragraph): Line[] => {
    if ("strip" in paragraph) return [{ strip: paragraph.strip }];
    const face = paragraph.face ?? "Sans";
    const indent = paragraph.dot ? DOT.indent : 0;
    const color = paragraph.color ?? COLORS.text;
    return wrap(printable(paragraph.text), width - indent, face, SIZE).map((text, index) => ({
      text,
      face,
      color,
      indent,
      dot: index === 0 ? paragraph.dot : undefined,
    }));
  });
}

const CONTINUED: Line = {
  text: "continued",
  face: "Sans-Oblique",
  color: COLORS.muted,
  indent: 0,
  repeated: true,
};

/** Room kept above the first piece of a cut row: a section title, its introduction and a subheading. */
const HEADING_ROOM = 160;

/** The row's cells cut into pieces of `firstLines`, then `maxLines` lines; later pieces repeat the first line of the first column. */
function pieces(cells: Line[][], firstLines: number, maxLines: number): Line[][][] {
  const total = Math.max(...cells.map((cell) => cell.length));
  if (total <= maxLines) return [cells];
  const result: Line[][][] = [];
  for (let start = 0; start < total; start += start === 0 ? firstLines : maxLines) {
    const end = start + (start === 0 ? firstLines : maxLines);
    result.push(
      cells.map((cell, column) => {
        const slice = cell.slice(start, end);
        const first = cell[0];
        return start > 0 && column === 0 && slice.length === 0 && first
          ? ["text" in first ? { ...first, repeated: true as const } : first, CONTINUED]
          : slice;
      }),
    );
  }
  return result;
}

const baseline = (top: number, size: number) => baselineIn(top, LINE, size);

export function tableFlow<T>({ columns, rows, groupOf }: TableSpec<T>): FlowTable {
  const placed = layoutColumns(columns);
  const inner = placed.map((column) => column.width - 2 * CELL.x);
  const headers = columns.map((column, index) =>
    wrap(printable(column.header), inner[index] ?? 0, HEADER.face, HEADER.size),
  );
  const headerHeight =
    Math.max(...headers.map((header) => header.length)) * LINE + 2 * CELL.y + HEADER_RULE + RULE;
  // A row taller than a page is cut into pieces that each fit on a page under the header and a
  // group label; the first also under a section's heading, so the heading is not left alone.
  const maxLines = Math.floor(
    (BODY_HEIGHT - headerHeight - GROUP_HEIGHT - 2 * CELL.y - RULE) / LINE,
  );
  const firstLines = maxLines - Math.ceil(HEADING_ROOM / LINE);
  const table = tag("Table");
  const headerRow = tag("TR", table);
  const headerCells = columns.map(() => tag("TH", headerRow));
  const groupRows = new Map<string, { cell: Tag }>();
  const prepared: Prepared[] = rows.flatMap((row) => {
    const group = groupOf?.(row);
    if (group !== undefined && !groupRows.has(group)) {
      const groupRow = tag("TR", table);
      groupRows.set(group, { cell: tag("TH", groupRow) });
    }
    const rowTag = tag("TR", table);
    const tags = columns.map(() => tag("TD", rowTag));
    return pieces(
      columns.map((column, index) => lines(column.cell(row), inner[index] ?? 0)),
      firstLines,
      maxLines,
    ).map((cells) => ({
      height: Math.max(1, ...cells.map((cell) => cell.length)) * LINE + 2 * CELL.y + RULE,
      group,
      cells,
      tags,
    }));
  });

  function paint(sketch: Sketch, top: number, from: number, to: number) {
    sketch.background(0, top, CONTENT_WIDTH, headerHeight, COLORS.tint);
    sketch.line(0, top + RULE / 2, CONTENT_WIDTH, top + RULE / 2, COLORS.ruleStrong, RULE);
    sketch.line(
      0,
      top + headerHeight - HEADER_RULE / 2,
      CONTENT_WIDTH,
      top + headerHeight - HEADER_RULE / 2,
      COLORS.ruleStrong,
      HEADER_RULE,
    );
    headers.forEach((header, index) =>
      header.forEach((text, line) =>
        sketch.text(
          text,
          (placed[index]?.x ?? 0) + CELL.x,
          baseline(top + RULE + CELL.y + line * LINE, HEADER.size),
          HEADER.face,
          HEADER.size,
          HEADER.color,
          { mark: from === 0 ? (headerCells[index] ?? ARTIFACT) : ARTIFACT },
        ),
      ),
    );
    let y = top + headerHeight;
    for (let index = from; index < to; index += 1) {
      const row = prepared[index];
      if (!row) continue;
      if (row.group !== undefined && (index === from || prepared[index - 1]?.group !== row.group)) {
        const starts = index === 0 || prepared[index - 1]?.group !== row.group;
        sketch.text(
          printable(row.group),
          CELL.x,
          baseline(y + SPACING.groupTop, SIZE),
          "Sans-Bold",
          SIZE,
          COLORS.brand,
          { mark: starts ? (groupRows.get(row.group)?.cell ?? ARTIFACT) : ARTIFACT },
        );
        y += GROUP_HEIGHT;
        sketch.line(0, y - RULE / 2, CONTENT_WIDTH, y - RULE / 2, COLORS.ruleStrong, RULE);
      }
      row.cells.forEach((cell, column) =>
        sketchCell(sketch, cell, {
          x: (placed[column]?.x ?? 0) + CELL.x,
          top: y + CELL.y,
          width: inner[column] ?? 0,
          mark: row.tags[column] ?? ARTIFACT,
        }),
      );
      y += row.height;
      sketch.line(0, y - RULE / 2, CONTENT_WIDTH, y - RULE / 2, COLORS.rule, RULE);
    }
  }

  return {
    kind: "table",
    headerHeight,
    groupHeight: GROUP_HEIGHT,
    rows: prepared,
    paint,
  };
}

type CellBox = { x: number; top: number; width: number; mark: Marking };

function sketchCell(sketch: Sketch, cell: readonly Line[], { x, top, width, mark }: CellBox) {
  cell.forEach((line, index) => {
    const lineTop = top + index * LINE;
    if ("strip" in line) {
      drawStrip(sketch, line.strip, x, lineTop + (LINE - STRIP_LINE) / 2, width);
      return;
    }
    if (line.dot) sketch.dot(x + DOT.radius, lineTop + LINE / 2, DOT.radius, line.dot);
    sketch.text(line.text, x + line.indent, baseline(lineTop, SIZE), line.face, SIZE, line.color, {
      mark: line.repeated ? ARTIFACT : mark,
    });
  });
}
