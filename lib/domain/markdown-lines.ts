// The shapes of one Markdown line that markdown-scan.ts needs: its container prefix (quote and
// list markers, how they are indented) and whether its content is a fence, a heading, a
// thematic break or a setext underline. Each reads a line from a position forward (and, for a
// break, once backward), a bounded number of times per character. (Character codes are local
// constants in each file: an imported binding is read through a getter in the hot loops.)

const TAB = 9;
const SPACE = 32;
const STAR = 42;
const PLUS = 43;
const DASH = 45;
const EQUALS = 61;
const GT = 62;
const HASH = 35;
const UNDERSCORE = 95;
const BACKTICK = 96;
const TILDE = 126;

const isDigit = (code: number) => code >= 48 && code <= 57;
const isSpace = (code: number) => code === SPACE || code === TAB;

/** What starts a line: quote and list markers, and the whitespace before the first list marker. */
export type Prefix = {
  pos: number;
  /** The column (tabs expanded) where the line's content starts. */
  col: number;
  quotes: number;
  /** Quote markers before the first list marker, and the whitespace before the first quote marker. */
  leadingQuotes: number;
  lead: number;
  /** Whether those quote markers are indented little enough to be markers, not text or code. */
  quotesAreMarkers: boolean;
  /** The content after the last quote marker is indented code (five columns after it). */
  quoteCode: boolean;
  markers: number;
  whitespace: number;
  first: { pos: number; col: number; delimiter: number; one: boolean } | null;
  /** The first list marker after the first that could not interrupt a paragraph (a number other than 1), or -1, and the innermost item before it. */
  weakPos: number;
  beforeWeak: { contentCol: number; dash: boolean; code: boolean } | null;
  inner: { contentCol: number; dash: boolean; code: boolean } | null;
};

/** Where a run of `-`, `*` or `_` and whitespace reaching the end of the line starts, and its character. */
export function breakTail(
  text: string,
  start: number,
  end: number,
): { from: number; marker: number } {
  let index = end;
  while (index > start && isSpace(text.charCodeAt(index - 1))) index -= 1;
  const marker = index > start ? text.charCodeAt(index - 1) : 0;
  if (marker !== DASH && marker !== STAR && marker !== UNDERSCORE) return { from: end, marker: 0 };
  while (
    index > start &&
    (text.charCodeAt(index - 1) === marker || isSpace(text.charCodeAt(index - 1)))
  )
    index -= 1;
  return { from: index, marker };
}

/** Whether the line from `pos` is a thematic break: three or more of one marker, whitespace between. */
export function isBreakFrom(
  text: string,
  pos: number,
  end: number,
  tail: { from: number; marker: number },
): boolean {
  if (pos < tail.from || text.charCodeAt(pos) !== tail.marker) return false;
  let count = 0;
  for (let index = pos; index < end && count < 3; index += 1)
    if (text.charCodeAt(index) === tail.marker) count += 1;
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

export function readPrefix(text: string, start: number, end: number): Prefix {
  const prefix: Prefix = {
    pos: start,
    col: 0,
    quotes: 0,
    leadingQuotes: 0,
    lead: 0,
    quotesAreMarkers: true,
    quoteCode: false,
    markers: 0,
    whitespace: 0,
    first: null,
    weakPos: -1,
    beforeWeak: null,
    inner: null,
  };
  let tail: { from: number; marker: number } | undefined;
  let afterQuote = false;
  for (;;) {
    let gap = 0;
    while (prefix.pos < end && isSpace(text.charCodeAt(prefix.pos))) {
      const width = text.charCodeAt(prefix.pos) === TAB ? 4 - (prefix.col % 4) : 1;
      prefix.col += width;
      gap += width;
      if (prefix.markers === 0) prefix.whitespace += width;
      prefix.pos += 1;
    }
    if (prefix.pos >= end) return prefix;
    prefix.quoteCode = afterQuote && gap >= 5;
    afterQuote = false;
    const marker = text.charCodeAt(prefix.pos);
    if (marker === GT) {
      afterQuote = true;
      if (prefix.quotes === 0) prefix.lead = prefix.whitespace;
      // Four columns before a first `>`, or after a later one's optional space, make it code.
      if (prefix.markers === 0 && gap >= (prefix.quotes === 0 ? 4 : 5))
        prefix.quotesAreMarkers = false;
      if (prefix.markers === 0) prefix.leadingQuotes += 1;
      prefix.quotes += 1;
      prefix.pos += 1;
      prefix.col += 1;
      continue;
    }
    const width = markerWidth(text, prefix.pos, end);
    if (width === 0) return prefix;
    if (marker === DASH || marker === STAR) {
      tail ??= breakTail(text, start, end);
      if (isBreakFrom(text, prefix.pos, end, tail)) return prefix;
    }
    if (prefix.first && prefix.weakPos < 0 && isDigit(marker) && !(width === 2 && marker === 49)) {
      prefix.weakPos = prefix.pos;
      prefix.beforeWeak = prefix.inner;
    }
    prefix.markers += 1;
    prefix.first ??= {
      pos: prefix.pos,
      col: prefix.col,
      delimiter: isDigit(marker) ? text.charCodeAt(prefix.pos + width - 1) : 0,
      one: width === 2 && marker === 49,
    };
    prefix.pos += width;
    prefix.col += width;
    // The columns of whitespace after the marker (tabs expanded), up to five: five make the
    // item start with indented code.
    let columns = 0;
    let index = prefix.pos;
    while (columns < 5 && index < end && isSpace(text.charCodeAt(index))) {
      columns += text.charCodeAt(index) === TAB ? 4 - ((prefix.col + columns) % 4) : 1;
      index += 1;
    }
    const code = columns >= 5 && index < end;
    prefix.inner = {
      contentCol: prefix.col + (columns === 0 || columns >= 5 ? 1 : columns),
      dash: marker === DASH,
      code,
    };
  }
}

/** A fence of three or more backticks or tildes at `pos` (a backtick fence's info has no backtick), or null. */
export function fenceAt(
  text: string,
  pos: number,
  end: number,
): { marker: number; length: number } | null {
  const marker = text.charCodeAt(pos);
  if (marker !== BACKTICK && marker !== TILDE) return null;
  let length = 0;
  while (pos + length < end && text.charCodeAt(pos + length) === marker) length += 1;
  if (length < 3) return null;
  if (marker === BACKTICK)
    for (let index = pos + length; index < end; index += 1)
      if (text.charCodeAt(index) === BACKTICK) return null;
  return { marker, length };
}

export function closesFence(
  text: string,
  start: number,
  end: number,
  fence: { marker: number; length: number },
): boolean {
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
export function isUnderline(text: string, pos: number, end: number): boolean {
  const marker = text.charCodeAt(pos);
  if (marker !== EQUALS && marker !== DASH) return false;
  let index = pos;
  while (index < end && text.charCodeAt(index) === marker) index += 1;
  while (index < end && isSpace(text.charCodeAt(index))) index += 1;
  return index === end;
}

export function isHeading(text: string, pos: number, end: number): boolean {
  let hashes = 0;
  while (pos + hashes < end && text.charCodeAt(pos + hashes) === HASH) hashes += 1;
  return (
    hashes >= 1 && hashes <= 6 && (pos + hashes === end || isSpace(text.charCodeAt(pos + hashes)))
  );
}
