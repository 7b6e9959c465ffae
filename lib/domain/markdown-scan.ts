// One pass over a Markdown text that measures what makes parsing it expensive, without parsing
// it: how deeply lists and quotes nest, how many lines, blocks (paragraphs, headings, list items,
// quotes…), formatting marks and HTML tags it has, the most emphasis, code, link and HTML marks
// in one paragraph, and the underlined (setext) headings. Each figure is meant as an upper bound
// on what micromark (the parser under react-markdown and mdast) builds: where the scan cannot
// tell, it counts more (a list marker inside an HTML block, two paragraphs as one when the
// second might continue the first lazily), never less; tests/unit/markdown-scan-bounds.test.ts
// checks that against the parser. Each character is read a bounded number of times: the scan is
// linear.

import {
  breakTail,
  closesFence,
  fenceAt,
  isBreakFrom,
  isHeading,
  isUnderline,
  type Prefix,
  readPrefix,
} from "./markdown-lines";

export type MarkdownShape = {
  /** The deepest nesting of lists and quotes, and the line where it is reached (1-based). */
  depth: number;
  depthLine: number;
  /** Lines, each counted once for every list or quote it is in (the parser goes through each for every line). */
  lines: number;
  /** Paragraphs, headings, list items, quotes, rules and code blocks opened (a list item or quote with its first block). */
  blocks: number;
  /** Emphasis and code characters (`*` `_` backtick), brackets, entities, escapes, hard breaks and headings in the whole text. */
  marks: number;
  /** `<`: each one an autolink or HTML tag the parser tries. */
  tags: number;
  /** The most emphasis, code, link and HTML marks (`*` `_` and backtick characters, `[`, `]`, `<`) in one paragraph, and where it starts. */
  paragraphMarks: number;
  paragraphLine: number;
  underlines: number;
  underlineLine: number;
};

const LF = 10;
const CR = 13;
const SPACE = 32;
const AMP = 38;
const STAR = 42;
const LT = 60;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const UNDERSCORE = 95;
const BACKTICK = 96;

/** Whitespace for emphasis: spaces, tabs and line endings. */
const isSpace = (code: number) => code === SPACE || code === 9 || code === LF || code === CR;
const isAsciiPunctuation = (code: number) =>
  (code >= 33 && code <= 47) ||
  (code >= 58 && code <= 64) ||
  (code >= 91 && code <= 96) ||
  (code >= 123 && code <= 126);

/**
 * The list markers of the last line that surely opened a list item (see `startsParagraph`): the
 * quote markers before them and the whitespace before those, its first marker's column and kind
 * (an ordered marker's delimiter, or 0 for a bullet), and where its innermost item's content starts.
 */
type Item = {
  lead: number;
  quotes: number;
  firstCol: number;
  delimiter: number;
  contentCol: number;
};

type State = {
  shape: MarkdownShape;
  /** The line being read (1-based). */
  line: number;
  /** At least as many list items as are open after the previous line. */
  openLists: number;
  /** The nesting of the previous non-blank line (a lazy line after it is still that deep). */
  previousDepth: number;
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
  /** The content column of the last non-blank line when it was indented four columns or more (code, perhaps), else -1. */
  lastIndented: number;
  /**
   * The previous line may have ended the paragraph the scan goes on reading (an HTML block, which
   * no line continues lazily; a fence; an empty list item or quote): the next two non-blank lines
   * count as blocks (the parser may read the first lazily into the block before it).
   */
  boundary: number;
};

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
  if (first.col === last.firstCol && (first.delimiter === 0 || first.delimiter === last.delimiter))
    return true;
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
  let tags = 0;
  let paragraph = 0;
  let index = pos;
  while (index < end) {
    const code = text.charCodeAt(index);
    if (code === BACKSLASH) {
      all += 1;
      index += index + 1 < end && isAsciiPunctuation(text.charCodeAt(index + 1)) ? 2 : 1;
    } else if (code === STAR || code === UNDERSCORE || code === BACKTICK) {
      // A run costs the parser by its length: emphasis is resolved a character at a time, and a
      // code span's opening run looks ahead for a closing run of the same length. A `*` or `_`
      // run between whitespace (a form's "Name: ______") can neither open nor close emphasis.
      const runStart = index;
      while (index < end && text.charCodeAt(index) === code) index += 1;
      all += index - runStart;
      const inert =
        code !== BACKTICK &&
        (runStart === 0 || isSpace(text.charCodeAt(runStart - 1))) &&
        (index === end || isSpace(text.charCodeAt(index)));
      if (!inert) paragraph += index - runStart;
    } else {
      if (code === LBRACKET || code === RBRACKET) {
        all += 1;
        paragraph += 1;
      } else if (code === LT) {
        tags += 1;
        paragraph += 1;
      } else if (code === AMP) all += 1;
      index += 1;
    }
  }
  if (end - pos >= 3 && text.charCodeAt(end - 1) === SPACE && text.charCodeAt(end - 2) === SPACE)
    all += 1;
  state.shape.marks += all;
  state.shape.tags += tags;
  if (state.paragraph) state.paragraph.marks += paragraph;
}

/** Counts the line's nesting and the list items and quotes it opens (returned); tracks which lists stay open. */
function containers(state: State, prefix: Prefix, line: number, blank: boolean): number {
  const { shape } = state;
  const inherited = Math.min(state.openLists, Math.floor(prefix.whitespace / 2));
  const depth = prefix.quotes + inherited + prefix.markers;
  if (depth > shape.depth) {
    shape.depth = depth;
    shape.depthLine = line;
  }
  const lazy = !blank && prefix.quotes === 0 && prefix.markers === 0 && !state.previousBlank;
  shape.lines += Math.max(1, depth, lazy ? state.previousDepth : 0);
  if (!blank) state.previousDepth = lazy ? Math.max(depth, state.previousDepth) : depth;
  // A line without list markers right after a non-blank one may continue a paragraph lazily, which
  // keeps every list open; otherwise its indentation decides which lists continue.
  if (!blank && (prefix.markers > 0 || state.previousBlank))
    state.openLists = inherited + prefix.markers;
  // Quotes the previous line had at the same place continue; every other one, and any inside a
  // list item opened on this line, is a new quote.
  const continued =
    state.previousBlank || prefix.lead !== state.previousQuotes.lead
      ? 0
      : Math.min(prefix.leadingQuotes, state.previousQuotes.count);
  state.previousQuotes = { lead: prefix.lead, count: prefix.leadingQuotes };
  const opened = prefix.markers + prefix.quotes - continued;
  shape.blocks += opened;
  return opened;
}

/** Keeps the last list item known while lines continue it (indented to its content) or are blank; not one holding a quote, which a line continues only with its marker. */
function trackItem(
  state: State,
  prefix: Prefix,
  interrupts: boolean,
  inner: Prefix["inner"],
  hasContent: boolean,
): void {
  const last = state.lastItem;
  if (interrupts && prefix.first && inner && prefix.quotes === prefix.leadingQuotes) {
    state.lastItem = {
      lead: prefix.lead,
      quotes: prefix.leadingQuotes,
      firstCol: prefix.first.col,
      delimiter: prefix.first.delimiter,
      contentCol: inner.contentCol,
    };
  } else if (
    last &&
    (prefix.leadingQuotes !== last.quotes ||
      prefix.lead !== last.lead ||
      prefix.markers > 0 ||
      (hasContent && prefix.col < last.contentCol))
  ) {
    state.lastItem = null;
  }
}

function scanLine(state: State, text: string, start: number, end: number): void {
  const { shape } = state;
  state.line += 1;
  const { line } = state;
  if (state.fence) {
    shape.lines += 1;
    if (closesFence(text, start, end, state.fence)) state.fence = null;
    return;
  }
  const prefix = readPrefix(text, start, end);
  const hasContent = prefix.pos < end;
  const blank = !hasContent && prefix.quotes === 0 && prefix.markers === 0;
  // Less indented than indented code before it, a line may end the code: a new block.
  const boundary = state.boundary > 0 || (hasContent && prefix.col < state.lastIndented);
  if (!blank) state.boundary = Math.max(0, state.boundary - 1);
  const openBefore = state.openLists;
  const opened = containers(state, prefix, line, blank);

  // While a block may still be open (a paragraph, but for the parser also indented code, even
  // after a blank line, or HTML), a number other than 1 cannot start a list.
  const open =
    state.paragraph !== null || !state.previousBlank || state.lastIndented >= 0 || state.htmlSeen;
  const underline =
    !state.previousBlank &&
    (hasContent
      ? prefix.markers === 0 && isUnderline(text, prefix.pos, end)
      : prefix.markers === 1 && prefix.inner?.dash === true);
  if (underline) {
    shape.underlines += 1;
    if (shape.underlines === 1) shape.underlineLine = line;
  }
  const interrupts = startsParagraph(state, prefix, hasContent);
  // A list item that interrupts a paragraph opens a list inside only if that one could interrupt it too.
  const weak = open && interrupts && prefix.weakPos >= 0;
  trackItem(state, prefix, interrupts, weak ? prefix.beforeWeak : prefix.inner, hasContent);
  state.previousBlank = blank;
  if (!blank) state.lastIndented = prefix.whitespace >= 4 ? prefix.col : -1;

  // A blank line ends a paragraph (in a quote too, unless indented into text); an empty list item
  // cannot interrupt one.
  if (!hasContent && !blank) state.boundary = 2;
  if (!hasContent && prefix.markers === 0 && prefix.quotesAreMarkers) return endParagraph(state);
  // Indented four columns, or after list markers that cannot open an item here, a line is the
  // paragraph's text, whatever it starts with, its markers included. (An underline is left in the
  // paragraph too: lazily after a quote or a list item it is its text.)
  const markersAreText = open && prefix.markers > 0 && !interrupts;
  const textFrom =
    markersAreText && prefix.first ? prefix.first.pos : weak ? prefix.weakPos : prefix.pos;
  if (!hasContent && !markersAreText) return;
  const canStart = prefix.whitespace < 4 && !markersAreText && !weak;
  // A fence at the top level holds every line up to its closing fence (or the end) as code.
  const topLevel =
    prefix.quotes === 0 &&
    prefix.markers === 0 &&
    prefix.whitespace < 4 &&
    (prefix.whitespace < 2 || openBefore === 0);
  const fence = topLevel && !state.htmlSeen ? fenceAt(text, prefix.pos, end) : null;
  if (fence) {
    endParagraph(state);
    shape.blocks += 1;
    state.fence = fence;
    state.openLists = 0;
    return;
  }
  // An HTML block, a fence in a list item or quote, indented code, a heading or a rule (one after
  // markers the scan reads as text may be one in a list item all the same): it, and what follows
  // it, are blocks of their own.
  const tag = text.charCodeAt(prefix.pos) === LT;
  if (tag && prefix.whitespace < 4) state.htmlSeen = true;
  const headingShape = isHeading(text, prefix.pos, end);
  const ruleShape =
    !headingShape && isBreakFrom(text, prefix.pos, end, breakTail(text, prefix.pos, end));
  if (
    tag ||
    headingShape ||
    ruleShape ||
    fenceAt(text, prefix.pos, end) ||
    prefix.inner?.code ||
    prefix.quoteCode
  )
    state.boundary = 2;
  const heading = canStart && headingShape;
  const rule = canStart && ruleShape;
  if (heading || rule || interrupts) endParagraph(state);
  const starts = state.paragraph === null;
  state.paragraph ??= { marks: 0, line };
  // Indented code that starts here may end on the next line (the parser splits it after a list or a quote).
  if (starts && prefix.whitespace >= 4) state.boundary = 2;
  // A new list item or quote comes with its first block (counted with it). Any other block counts,
  // also one the scan keeps in the paragraph it reads lest a lazy continuation's marks be split
  // off: the one after an underline, and those above.
  if ((starts && opened === 0) || underline || state.boundary > 0 || boundary) shape.blocks += 1;
  if (heading) shape.marks += 1;
  countMarks(state, text, textFrom, end);
  if (heading || rule) endParagraph(state);
}

/** The shape of `text` (see MarkdownShape), in one pass. */
export function scanMarkdown(text: string): MarkdownShape {
  const state: State = {
    shape: {
      depth: 0,
      depthLine: 0,
      lines: 0,
      blocks: 0,
      marks: 0,
      tags: 0,
      paragraphMarks: 0,
      paragraphLine: 0,
      underlines: 0,
      underlineLine: 0,
    },
    line: 0,
    openLists: 0,
    previousDepth: 0,
    fence: null,
    paragraph: null,
    lastItem: null,
    previousBlank: true,
    previousQuotes: { lead: 0, count: 0 },
    htmlSeen: false,
    lastIndented: -1,
    boundary: 0,
  };
  let start = 0;
  for (;;) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== LF && text.charCodeAt(end) !== CR)
      end += 1;
    scanLine(state, text, start, end);
    if (end >= text.length) break;
    start = end + (text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? 2 : 1);
  }
  endParagraph(state);
  return state.shape;
}
