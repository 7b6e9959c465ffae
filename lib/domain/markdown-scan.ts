// One pass over a Markdown text that measures what makes parsing it expensive, without parsing
// it: how deeply lists and quotes nest, how many lines, list items and formatting marks it has,
// the most emphasis, code, link and HTML marks in one paragraph, and the underlined (setext)
// headings. Every figure is an upper bound on what CommonMark would build (the scan may count a
// list marker inside an HTML block, never miss a real one), so a text within the limits of
// markdown-limits.ts is within them for the parser too. Each character is read a bounded number
// of times, whatever the text: the scan is linear.

export type MarkdownShape = {
  /** The deepest nesting of lists and quotes, and the line where it is reached (1-based). */
  depth: number;
  depthLine: number;
  lines: number;
  /** List items and quotes opened. */
  containers: number;
  /** Emphasis, code, link, HTML, entity, escape, hard break and heading marks in the whole text. */
  marks: number;
  /** The most emphasis, code, link and HTML marks (`*` `_` and backtick characters, `[`, `]`, `<`) in one paragraph, and where it starts. */
  paragraphMarks: number;
  paragraphLine: number;
  underlines: number;
  underlineLine: number;
};

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const AMP = 38;
const STAR = 42;
const PLUS = 43;
const DASH = 45;
const LT = 60;
const EQUALS = 61;
const GT = 62;
const HASH = 35;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const UNDERSCORE = 95;
const BACKTICK = 96;
const TILDE = 126;

const isDigit = (code: number) => code >= 48 && code <= 57;
const isSpace = (code: number) => code === SPACE || code === TAB;
const isAsciiPunctuation = (code: number) => (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126);

/**
 * The list markers of the last line that surely opened a list item (see `startsParagraph`): the
 * quote markers before them and the whitespace before those, its first marker's column and kind (an ordered marker's delimiter,
 * or 0 for a bullet), and where the content of its innermost item starts.
 */
type Item = { lead: number; quotes: number; firstCol: number; delimiter: number; contentCol: number };

type State = {
  shape: MarkdownShape;
  /** At least as many list items as are open after the previous line. */
  openLists: number;
  /** A fenced code block opened at the top level: its lines are literal until the closing fence. */
  fence: { marker: number; length: number } | null;
  /** The paragraph being read: its marks and first line. */
  paragraph: { marks: number; line: number } | null;
  lastItem: Item | null;
  previousBlank: boolean;
  /** The previous line's quote markers before any list marker, and the whitespace before them. */
  previousQuotes: { lead: number; count: number };
  /** A line has started with `<`: an HTML block may hold what looks like a fence, so fences are no longer trusted. */
  htmlSeen: boolean;
  /** The last non-blank line was indented four columns or more. */
  lastIndented: boolean;
};

/** What starts a line: quote and list markers, and the whitespace before the first list marker. */
type Prefix = {
  pos: number;
  /** The column (tabs expanded) where the line's content starts. */
  col: number;
  quotes: number;
  /** Quote markers before the first list marker, and the whitespace before the first quote marker. */
  leadingQuotes: number;
  lead: number;
  markers: number;
  whitespace: number;
  first: { pos: number; col: number; delimiter: number; one: boolean } | null;
  /** The first list marker after the first that could not interrupt a paragraph (a number other than 1), or -1, and the innermost item before it. */
  weakPos: number;
  beforeWeak: { contentCol: number; dash: boolean } | null;
  inner: { contentCol: number; dash: boolean } | null;
};

/** Where a run of `-`, `*` or `_` and whitespace reaching the end of the line starts, and its character. */
function breakTail(text: string, start: number, end: number): { from: number; marker: number } {
  let index = end;
  while (index > start && isSpace(text.charCodeAt(index - 1))) index -= 1;
  const marker = index > start ? text.charCodeAt(index - 1) : 0;
  if (marker !== DASH && marker !== STAR && marker !== UNDERSCORE) return { from: end, marker: 0 };
  while (index > start && (text.charCodeAt(index - 1) === marker || isSpace(text.charCodeAt(index - 1)))) index -= 1;
  return { from: index, marker };
}

/** Whether the line from `pos` is a thematic break: three or more of one marker, whitespace between. */
function isBreakFrom(text: string, pos: number, end: number, tail: { from: number; marker: number }): boolean {
  if (pos < tail.from || text.charCodeAt(pos) !== tail.marker) return false;
  let count = 0;
  for (let index = pos; index < end && count < 3; index += 1) if (text.charCodeAt(index) === tail.marker) count += 1;
  return count >= 3;
}

/** The width of a list marker at `pos` (`-`, `+`, `*`, or 1–9 digits and `.` or `)`, then whitespace or the line's end), or 0. */
function markerWidth(text: string, pos: number, end: number): number {
  const code = text.charCodeAt(pos);
  let width = 0;
  if (code === DASH || code === PLUS || code === STAR) width = 1;
  else if (isDigit(code)) {
    let digits = 0;
    while (digits < 10 && pos + digits < end && isDigit(text.charCodeAt(pos + digits))) digits += 1;
    const after = text.charCodeAt(pos + digits);
    if (digits > 9 || (after !== 46 && after !== 41)) return 0;
    width = digits + 1;
  }
  return width > 0 && (pos + width >= end || isSpace(text.charCodeAt(pos + width))) ? width : 0;
}

function readPrefix(text: string, start: number, end: number): Prefix {
  const prefix: Prefix = { pos: start, col: 0, quotes: 0, leadingQuotes: 0, lead: 0, markers: 0, whitespace: 0, first: null, weakPos: -1, beforeWeak: null, inner: null };
  let tail: { from: number; marker: number } | undefined;
  for (;;) {
    while (prefix.pos < end && isSpace(text.charCodeAt(prefix.pos))) {
      const width = text.charCodeAt(prefix.pos) === TAB ? 4 - (prefix.col % 4) : 1;
      prefix.col += width;
      if (prefix.markers === 0) prefix.whitespace += width;
      prefix.pos += 1;
    }
    if (prefix.pos >= end) return prefix;
    const code = text.charCodeAt(prefix.pos);
    if (code === GT) {
      if (prefix.quotes === 0) prefix.lead = prefix.whitespace;
      if (prefix.markers === 0) prefix.leadingQuotes += 1;
      prefix.quotes += 1;
      prefix.pos += 1;
      prefix.col += 1;
      continue;
    }
    const width = markerWidth(text, prefix.pos, end);
    if (width === 0) return prefix;
    if (code === DASH || code === STAR) {
      tail ??= breakTail(text, start, end);
      if (isBreakFrom(text, prefix.pos, end, tail)) return prefix;
    }
    if (prefix.first && prefix.weakPos < 0 && isDigit(code) && !(width === 2 && code === 49)) {
      prefix.weakPos = prefix.pos;
      prefix.beforeWeak = prefix.inner;
    }
    prefix.markers += 1;
    prefix.first ??= { pos: prefix.pos, col: prefix.col, delimiter: isDigit(code) ? text.charCodeAt(prefix.pos + width - 1) : 0, one: width === 2 && code === 49 };
    prefix.pos += width;
    prefix.col += width;
    let spaces = 0;
    while (spaces < 5 && prefix.pos + spaces < end && text.charCodeAt(prefix.pos + spaces) === SPACE) spaces += 1;
    prefix.inner = { contentCol: prefix.col + (spaces === 0 || spaces === 5 ? 1 : spaces), dash: code === DASH };
  }
}

/** Whether a line with list markers surely ends the paragraph before it (a list item that interrupts it). */
// A bullet, or an ordered item numbered 1, interrupts a paragraph when it opens a list item: at
// under four columns, or right inside the last list item known to be open. Any other number only
// continues a list it belongs to: the same column and delimiter as the last item's first marker.
function startsParagraph(state: State, prefix: Prefix, hasContent: boolean): boolean {
  const { first } = prefix;
  if (!first || !hasContent) return false;
  const canInterrupt = first.delimiter === 0 || first.one;
  if (canInterrupt && prefix.whitespace < 4) return true;
  const last = state.lastItem;
  if (!last || last.quotes !== prefix.leadingQuotes || last.lead !== prefix.lead) return false;
  if (first.col === last.firstCol && (first.delimiter === 0 || first.delimiter === last.delimiter)) return true;
  return canInterrupt && first.col >= last.contentCol && first.col < last.contentCol + 4;
}

function endParagraph(state: State): void {
  const { paragraph, shape } = state;
  if (paragraph && paragraph.marks > shape.paragraphMarks) {
    shape.paragraphMarks = paragraph.marks;
    shape.paragraphLine = paragraph.line;
  }
  state.paragraph = null;
}

/** Counts the inline marks of [pos, end) into the text's and the paragraph's totals. */
function countMarks(state: State, text: string, pos: number, end: number): void {
  let all = 0;
  let paragraph = 0;
  let index = pos;
  while (index < end) {
    const code = text.charCodeAt(index);
    if (code === BACKSLASH) {
      all += 1;
      index += index + 1 < end && isAsciiPunctuation(text.charCodeAt(index + 1)) ? 2 : 1;
    } else if (code === STAR || code === UNDERSCORE || code === BACKTICK) {
      // A run costs the parser by its length: emphasis is resolved a character at a time, and a
      // code span's opening run looks ahead for a closing run of the same length.
      const runStart = index;
      while (index < end && text.charCodeAt(index) === code) index += 1;
      all += 1;
      paragraph += index - runStart;
    } else {
      if (code === LBRACKET || code === RBRACKET || code === LT) {
        all += 1;
        paragraph += 1;
      } else if (code === AMP) all += 1;
      index += 1;
    }
  }
  if (end - pos >= 3 && text.charCodeAt(end - 1) === SPACE && text.charCodeAt(end - 2) === SPACE) all += 1;
  state.shape.marks += all;
  if (state.paragraph) state.paragraph.marks += paragraph;
}

/** A fence of three or more backticks or tildes at `pos` (a backtick fence's info has no backtick), or null. */
function fenceAt(text: string, pos: number, end: number): { marker: number; length: number } | null {
  const marker = text.charCodeAt(pos);
  if (marker !== BACKTICK && marker !== TILDE) return null;
  let length = 0;
  while (pos + length < end && text.charCodeAt(pos + length) === marker) length += 1;
  if (length < 3) return null;
  if (marker === BACKTICK) for (let index = pos + length; index < end; index += 1) if (text.charCodeAt(index) === BACKTICK) return null;
  return { marker, length };
}

function closesFence(text: string, start: number, end: number, fence: { marker: number; length: number }): boolean {
  let pos = start;
  while (pos < end && pos - start < 4 && text.charCodeAt(pos) === SPACE) pos += 1;
  let length = 0;
  while (pos < end && text.charCodeAt(pos) === fence.marker) {
    length += 1;
    pos += 1;
  }
  while (pos < end && isSpace(text.charCodeAt(pos))) pos += 1;
  return length >= fence.length && pos === end;
}

/** A run of `=` or of `-` alone (trailing whitespace allowed): the underline of a setext heading after a paragraph. */
function isUnderline(text: string, pos: number, end: number): boolean {
  const marker = text.charCodeAt(pos);
  if (marker !== EQUALS && marker !== DASH) return false;
  let index = pos;
  while (index < end && text.charCodeAt(index) === marker) index += 1;
  while (index < end && isSpace(text.charCodeAt(index))) index += 1;
  return index === end;
}

function isHeading(text: string, pos: number, end: number): boolean {
  let hashes = 0;
  while (pos + hashes < end && text.charCodeAt(pos + hashes) === HASH) hashes += 1;
  return hashes >= 1 && hashes <= 6 && (pos + hashes === end || isSpace(text.charCodeAt(pos + hashes)));
}

function scanLine(state: State, text: string, start: number, end: number): void {
  const { shape } = state;
  shape.lines += 1;
  const line = shape.lines;
  if (state.fence) {
    if (closesFence(text, start, end, state.fence)) state.fence = null;
    return;
  }
  const prefix = readPrefix(text, start, end);
  const inherited = Math.min(state.openLists, Math.floor(prefix.whitespace / 2));
  const depth = prefix.quotes + inherited + prefix.markers;
  if (depth > shape.depth) {
    shape.depth = depth;
    shape.depthLine = line;
  }
  // Quotes the previous line had at the same place continue; every other one, and any inside a
  // list item opened on this line, is a new quote.
  const continued = state.previousBlank || prefix.lead !== state.previousQuotes.lead ? 0 : Math.min(prefix.leadingQuotes, state.previousQuotes.count);
  shape.containers += prefix.markers + prefix.quotes - continued;
  state.previousQuotes = { lead: prefix.lead, count: prefix.leadingQuotes };
  const hasContent = prefix.pos < end;
  const blank = !hasContent && prefix.quotes === 0 && prefix.markers === 0;
  const openBefore = state.openLists;
  // A line without list markers right after a non-blank one may continue a paragraph lazily, which
  // keeps every list open; otherwise its indentation decides which lists continue.
  if (!blank && (prefix.markers > 0 || state.previousBlank)) state.openLists = inherited + prefix.markers;

  // While a block may still be open (a paragraph, but for the parser also indented code, even
  // after a blank line, or HTML), a number other than 1 cannot start a list.
  const open = state.paragraph !== null || !state.previousBlank || state.lastIndented || state.htmlSeen;
  const underline = !state.previousBlank && (hasContent ? prefix.markers === 0 && isUnderline(text, prefix.pos, end) : prefix.markers === 1 && prefix.inner?.dash === true);
  if (underline) {
    shape.underlines += 1;
    if (shape.underlines === 1) shape.underlineLine = line;
  }
  const interrupts = startsParagraph(state, prefix, hasContent);
  // A list item that interrupts a paragraph opens a list inside only if that one could interrupt it too.
  const weak = open && interrupts && prefix.weakPos >= 0;
  const inner = weak ? prefix.beforeWeak : prefix.inner;
  // The last item stays known while lines continue it (indented to its content) or are blank;
  // not one holding a quote, which a line continues only with its marker.
  if (interrupts && prefix.first && inner && prefix.quotes === prefix.leadingQuotes) state.lastItem = { lead: prefix.lead, quotes: prefix.leadingQuotes, firstCol: prefix.first.col, delimiter: prefix.first.delimiter, contentCol: inner.contentCol };
  else if (state.lastItem && (prefix.leadingQuotes !== state.lastItem.quotes || prefix.lead !== state.lastItem.lead || prefix.markers > 0 || (hasContent && prefix.col < state.lastItem.contentCol))) state.lastItem = null;
  state.previousBlank = blank;
  if (!blank) state.lastIndented = prefix.whitespace >= 4;

  // A blank line ends a paragraph (in a quote too, unless indented into text); an empty list item
  // cannot interrupt one.
  if (!hasContent && prefix.markers === 0 && prefix.whitespace < 4) return endParagraph(state);
  // Indented four columns, or after list markers that cannot open an item here, a line is the
  // paragraph's text, whatever it starts with, its markers included. (An underline is left in the
  // paragraph too: lazily after a quote or a list item it is its text.)
  const markersAreText = open && prefix.markers > 0 && !interrupts;
  const textFrom = markersAreText && prefix.first ? prefix.first.pos : weak ? prefix.weakPos : prefix.pos;
  if (!hasContent) {
    if (markersAreText) countMarks(state, text, textFrom, end);
    return;
  }
  const canStart = prefix.whitespace < 4 && !markersAreText && !weak;
  // A fence at the top level holds every line up to its closing fence (or the end) as code.
  const topLevel = prefix.quotes === 0 && prefix.markers === 0 && prefix.whitespace < 4 && (prefix.whitespace < 2 || openBefore === 0);
  const fence = topLevel && !state.htmlSeen ? fenceAt(text, prefix.pos, end) : null;
  if (fence) {
    endParagraph(state);
    state.fence = fence;
    state.openLists = 0;
    return;
  }
  if (prefix.whitespace < 4 && text.charCodeAt(prefix.pos) === LT) state.htmlSeen = true;
  const heading = canStart && isHeading(text, prefix.pos, end);
  if (heading || interrupts || (canStart && isBreakFrom(text, prefix.pos, end, breakTail(text, prefix.pos, end)))) endParagraph(state);
  state.paragraph ??= { marks: 0, line };
  if (heading) shape.marks += 1;
  countMarks(state, text, textFrom, end);
  if (heading) endParagraph(state);
}

/** The shape of `text` (see MarkdownShape), in one pass. */
export function scanMarkdown(text: string): MarkdownShape {
  const state: State = {
    shape: { depth: 0, depthLine: 0, lines: 0, containers: 0, marks: 0, paragraphMarks: 0, paragraphLine: 0, underlines: 0, underlineLine: 0 },
    openLists: 0,
    fence: null,
    paragraph: null,
    lastItem: null,
    previousBlank: true,
    previousQuotes: { lead: 0, count: 0 },
    htmlSeen: false,
    lastIndented: false,
  };
  let start = 0;
  for (;;) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== LF && text.charCodeAt(end) !== CR) end += 1;
    scanLine(state, text, start, end);
    if (end >= text.length) break;
    start = end + (text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? 2 : 1);
  }
  endParagraph(state);
  return state.shape;
}
