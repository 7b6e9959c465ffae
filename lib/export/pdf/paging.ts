// The whole report is cut into pages here, before a page is drawn: each page is one sketch
// (layout.ts reportPageSketch) holding one page's worth, its footer plain text: we know every
// page number, and the cover lists them. (react-pdf, which drew the report until decision 0013's
// last round, laid out everything still to come again for every page it filled.)
//
// The content comes as flows of parts: blocks (a heading, a paragraph, a piece of a list item),
// and tables (table.ts), whose rows are dealt out over as many pages as they need, the header
// and the current group label repeated on each. Both are drawn by us, lines broken on the fonts'
// own metrics (measure.ts), so every height is exact and a page never holds more than fits.
import type { Sketch } from "./sketch";

/** Draws a part of the flow onto its page's sketch, the part's top at `top` points down the body. */
export type Paint = (sketch: Sketch, top: number) => void;

export type FlowBlock = {
  kind: "block";
  height: number;
  /** Never left alone at the foot of a page: it goes over with the start of what follows. */
  keepWithNext?: boolean;
  /** Marks where a section starts, for the contents on the cover. */
  anchor?: string;
  paint: Paint;
};

type FlowRow = { height: number; group?: string };

export type FlowTable = {
  kind: "table";
  headerHeight: number;
  groupHeight: number;
  rows: readonly FlowRow[];
  /** Draws rows [from, to) under the table header, the header's top at `top`. */
  paint: (sketch: Sketch, top: number, from: number, to: number) => void;
};

export type FlowPart = FlowBlock | FlowTable;

/** One page's worth of the flow: each part's paint and where its top goes in the body. */
export type PagePart = { top: number; paint: Paint };

type Paginated = { pages: PagePart[][]; anchors: Map<string, number> };

/** A row's height, with the group label drawn above it when it starts a group or a page. */
function rowCost(table: FlowTable, index: number, first: number): number {
  const row = table.rows[index];
  if (!row) return 0;
  const labelled =
    row.group !== undefined && (index === first || table.rows[index - 1]?.group !== row.group);
  return row.height + (labelled ? table.groupHeight : 0);
}

/** What must fit below a keep-with-next block: the next part's start. */
function leadOf(parts: readonly FlowPart[], index: number): number {
  const part = parts[index];
  if (!part) return 0;
  if (part.kind === "table") return part.headerHeight + rowCost(part, 0, 0);
  return part.height + (part.keepWithNext ? leadOf(parts, index + 1) : 0);
}

/**
 * Deals the flows out over pages of `pageHeight` points; each flow starts on a new page. Returns
 * the content of each page and, for each anchor, the index of the page it landed on.
 */
export function paginate(flows: readonly (readonly FlowPart[])[], pageHeight: number): Paginated {
  const pages: PagePart[][] = [];
  const anchors = new Map<string, number>();
  let page: PagePart[] = [];
  let room = pageHeight;
  const newPage = () => {
    pages.push(page);
    page = [];
    room = pageHeight;
  };

  flows.forEach((parts) => {
    if (page.length > 0) newPage();
    parts.forEach((part, index) => {
      if (part.kind === "block") {
        const needed = part.height + (part.keepWithNext ? leadOf(parts, index + 1) : 0);
        if (needed > room && page.length > 0) newPage();
        if (part.anchor) anchors.set(part.anchor, pages.length);
        page.push({ top: pageHeight - room, paint: part.paint });
        room -= part.height;
        return;
      }
      let from = 0;
      while (from < part.rows.length) {
        if (part.headerHeight + rowCost(part, from, from) > room && page.length > 0) newPage();
        let to = from;
        let used = part.headerHeight;
        // The first row always goes on: table.ts cuts any row taller than a page into pieces.
        while (to < part.rows.length && (to === from || used + rowCost(part, to, from) <= room)) {
          used += rowCost(part, to, from);
          to += 1;
        }
        const [first, end] = [from, to];
        page.push({
          top: pageHeight - room,
          paint: (sketch, top) => part.paint(sketch, top, first, end),
        });
        room -= used;
        from = to;
        if (from < part.rows.length) newPage();
      }
    });
  });
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return { pages, anchors };
}
