// Long tables are cut into pages here rather than by react-pdf: its paginator lays out everything
// still to come again for every page it fills, so one table of 2,000 rows costs minutes. Each
// page's worth of rows becomes its own <Page>, which keeps the work linear.
//
// Heights are estimates that err high (bold glyph widths, a gap above every paragraph), so a page
// ends a little early rather than overflowing. If a page does overflow, react-pdf still wraps it
// onto a further page: nothing is lost, the table just has one short page.
import { PAGE, TABLE_TEXT } from "./styles";

/** The page's height inside its padding. */
const PAGE_BODY = PAGE.height - PAGE.top - PAGE.bottom;
/** The repeated table header row, its rules and a margin for rounding. */
const TABLE_HEADER = 28;
/** Section title, a two- or three-line introduction and their margins. */
export const SECTION_LEAD = 82;
const FONT_SIZE = TABLE_TEXT.size;
const LINE = FONT_SIZE * TABLE_TEXT.lineHeight;
const SPACE = 0.28 * FONT_SIZE;
/** Cell padding (top + bottom) and the row's bottom rule. */
const ROW_CHROME = 2 * TABLE_TEXT.cellPadding + 0.5;
const CELL_INSET = 2 * TABLE_TEXT.cellPadding;

/** The page's width inside its padding: what flexible columns share. */
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.side;
export const ROWS_HEIGHT = PAGE_BODY - TABLE_HEADER;
/** A group label row inside a table. */
export const GROUP_ROW = 24;

/** Advance of one character of 8.5pt table text, by kind, from Helvetica-Bold (the wider face). */
function charWidth(char: string): number {
  if (/[iljtfrI.,:;'!|()-]/.test(char)) return 0.34 * FONT_SIZE;
  if (/[mwMW@%]/.test(char)) return 0.89 * FONT_SIZE;
  if (/[A-Z]/.test(char)) return 0.72 * FONT_SIZE;
  return 0.58 * FONT_SIZE;
}

function wordWidth(word: string): number {
  let width = 0;
  for (const char of word) width += charWidth(char);
  return width;
}

/** Lines one paragraph takes in a column of that width, wrapping at spaces as react-pdf does. */
function textLines(text: string, columnWidth: number): number {
  const available = columnWidth - CELL_INSET;
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const width = wordWidth(word);
    if (used > 0 && used + SPACE + width <= available) {
      used += SPACE + width;
      continue;
    }
    if (used > 0) lines += 1;
    const wordLines = Math.max(1, Math.ceil(width / available));
    lines += wordLines - 1;
    used = width - (wordLines - 1) * available;
  }
  return lines;
}

/** Height of a cell of these paragraphs (empty ones are not drawn), plus any drawing inside it. */
export function cellHeight(paragraphs: readonly string[], columnWidth: number, extra = 0): number {
  return paragraphs.filter(Boolean).reduce((total, text) => total + textLines(text, columnWidth) * LINE + TABLE_TEXT.lineGap, 0) + extra;
}

/** A row is as tall as its tallest cell. */
export function rowHeight(...cells: number[]): number {
  return Math.max(LINE, ...cells) + ROW_CHROME;
}

/**
 * Rows cut into pages. The first page also holds `leadHeight` of section heading; every page
 * may start with `repeatHeight` of repeated content (a group label).
 */
export function pageRows<T>(rows: readonly T[], heightOf: (row: T) => number, leadHeight: number, repeatHeight = 0): T[][] {
  const pages: T[][] = [];
  let page: T[] = [];
  let room = ROWS_HEIGHT - leadHeight - repeatHeight;
  for (const row of rows) {
    const height = heightOf(row);
    if (page.length > 0 && height > room) {
      pages.push(page);
      page = [];
      room = ROWS_HEIGHT - repeatHeight;
    }
    page.push(row);
    room -= height;
  }
  if (page.length > 0 || pages.length === 0) pages.push(page);
  return pages;
}
