// How much Markdown structure each field may hold, checked by markdown-scan.ts before any parser
// runs. micromark (under react-markdown and mdast-util-from-markdown) builds containers by
// recursion, pays for every construct (a list item costs as much as several hundred characters of
// plain text), and resolves emphasis, links and underlined headings in time that grows with the
// square of their number. The limits keep any accepted text within a small multiple of a plain
// paragraph of the same size (`npm run bench:markdown`), and stay far above what real notes and
// drafts use; docs/decisions/0034-markdown-limits.md explains the numbers. Text stored before a limit
// existed is shown as plain text when it exceeds one, never parsed.
import { scanMarkdown, type MarkdownShape } from "./markdown-scan";

export type MarkdownLimits = {
  /** Lists and quotes inside one another. */
  depth: number;
  /** Lines, a line in a list or quote counted once for each level. */
  lines: number;
  /** Paragraphs, headings, list items, quotes, rules and code blocks. */
  blocks: number;
  /** Formatting marks in the whole text: each `*` `_` and backtick, `[` `]` `&`, escapes, hard breaks, `#` headings. */
  marks: number;
  /** Autolinks and HTML tags: each `<`. */
  tags: number;
  /** Emphasis, code, link and HTML marks in one paragraph (each `*`, `_` and backtick counts). */
  paragraphMarks: number;
  /** Headings underlined with `=` or `-`. */
  underlines: number;
  /** Table cell walls: each `|`. A GFM table cell costs about eight characters of paragraph. */
  pipes: number;
};

/** Evidence notes (up to 50,000 characters), rendered on the control page. */
export const NOTE_MARKDOWN_LIMITS: MarkdownLimits = {
  depth: 8,
  lines: 1_000,
  blocks: 300,
  marks: 1_000,
  tags: 100,
  paragraphMarks: 200,
  underlines: 20,
  pipes: 2_000,
};

/** Paperwork drafts (up to 200,000 characters), laid out as a PDF. */
export const PAPERWORK_MARKDOWN_LIMITS: MarkdownLimits = {
  depth: 8,
  lines: 4_000,
  blocks: 1_000,
  marks: 8_000,
  tags: 800,
  paragraphMarks: 200,
  underlines: 20,
  pipes: 6_000,
};

const count = (value: number) => value.toLocaleString("en-GB");

function problemOf(shape: MarkdownShape, limits: MarkdownLimits, noun: string): string | null {
  if (shape.depth > limits.depth)
    return `Lists and quotes nest at most ${limits.depth} levels deep; this ${noun} goes ${count(shape.depth)} deep at line ${count(shape.depthLine)}.`;
  if (shape.lines > limits.lines)
    return `A ${noun} holds at most ${count(limits.lines)} lines (a line in a list or quote counts once for each level); this one has ${count(shape.lines)}.`;
  if (shape.blocks > limits.blocks)
    return `A ${noun} holds at most ${count(limits.blocks)} paragraphs, headings, list items and quotes; this one has ${count(shape.blocks)}.`;
  if (shape.paragraphMarks > limits.paragraphMarks) {
    return `A paragraph holds at most ${count(limits.paragraphMarks)} emphasis, code, link and HTML marks (* _ \` [ ] <); the one at line ${count(shape.paragraphLine)} has ${count(shape.paragraphMarks)}.`;
  }
  if (shape.marks > limits.marks)
    return `A ${noun} holds at most ${count(limits.marks)} formatting marks (each * _ \` [ ] & \\ #); this one has ${count(shape.marks)}.`;
  if (shape.tags > limits.tags)
    return `A ${noun} holds at most ${count(limits.tags)} autolinks and HTML tags (each <); this one has ${count(shape.tags)}.`;
  if (shape.underlines > limits.underlines) {
    return `A ${noun} holds at most ${count(limits.underlines)} headings underlined with = or -; this one has ${count(shape.underlines)}, the first at line ${count(shape.underlineLine)}. Start headings with # instead.`;
  }
  return null;
}

/** Why `text` exceeds `limits`, in words for its author (`noun`: "note", "draft"), or null when it is within them. */
export function markdownLimitProblem(
  text: string,
  limits: MarkdownLimits,
  noun: string,
): string | null {
  let pipes = 0;
  for (let at = text.indexOf("|"); at !== -1; at = text.indexOf("|", at + 1)) pipes += 1;
  if (pipes > limits.pipes)
    return `A ${noun} holds at most ${count(limits.pipes)} table cell walls (each |); this one has ${count(pipes)}. Split a large table or attach it as a file.`;
  return problemOf(scanMarkdown(text), limits, noun);
}
