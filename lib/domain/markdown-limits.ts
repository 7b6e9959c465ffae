// How much Markdown structure each field may hold, checked by markdown-scan.ts before any parser
// runs. micromark (under react-markdown and mdast-util-from-markdown) builds containers by
// recursion, pays for every construct (a list item costs as much as several hundred characters of
// plain text), and resolves emphasis, links and underlined headings in time that grows with the
// square of their number. The limits keep any accepted text within a small multiple of a plain
// paragraph of the same size (`npm run bench:markdown`), and stay far above what real notes and
// drafts use; docs/decisions/markdown-limits.md explains the numbers. Text stored before a limit
// existed is shown as plain text when it exceeds one, never parsed.
import { scanMarkdown, type MarkdownShape } from "./markdown-scan";

export type MarkdownLimits = {
  /** Lists and quotes inside one another. */
  depth: number;
  lines: number;
  /** List items and quotes. */
  containers: number;
  /** Formatting marks in the whole text: `*` `_` and backtick runs, `[` `]` `<` `&`, escapes, hard breaks, `#` headings. */
  marks: number;
  /** Emphasis, code, link and HTML marks in one paragraph (each `*`, `_` and backtick counts). */
  paragraphMarks: number;
  /** Headings underlined with `=` or `-`. */
  underlines: number;
};

/** Evidence notes (up to 50,000 characters), rendered on the control page. */
export const NOTE_MARKDOWN_LIMITS: MarkdownLimits = { depth: 8, lines: 1_000, containers: 300, marks: 1_000, paragraphMarks: 200, underlines: 50 };

/** Paperwork drafts (up to 200,000 characters), laid out as a PDF. */
export const PAPERWORK_MARKDOWN_LIMITS: MarkdownLimits = { depth: 8, lines: 4_000, containers: 1_000, marks: 8_000, paragraphMarks: 200, underlines: 50 };

const count = (value: number) => value.toLocaleString("en-GB");

function problemOf(shape: MarkdownShape, limits: MarkdownLimits, noun: string): string | null {
  if (shape.depth > limits.depth) return `Lists and quotes nest at most ${limits.depth} levels deep; this ${noun} goes ${count(shape.depth)} deep at line ${count(shape.depthLine)}.`;
  if (shape.lines > limits.lines) return `A ${noun} holds at most ${count(limits.lines)} lines; this one has ${count(shape.lines)}.`;
  if (shape.containers > limits.containers) return `A ${noun} holds at most ${count(limits.containers)} list items and quotes; this one has ${count(shape.containers)}.`;
  if (shape.paragraphMarks > limits.paragraphMarks) {
    return `A paragraph holds at most ${count(limits.paragraphMarks)} emphasis, code, link and HTML marks (* _ \` [ ] <); the one at line ${count(shape.paragraphLine)} has ${count(shape.paragraphMarks)}.`;
  }
  if (shape.marks > limits.marks) return `A ${noun} holds at most ${count(limits.marks)} formatting marks (* _ \` [ ] < & \\ #); this one has ${count(shape.marks)}.`;
  if (shape.underlines > limits.underlines) {
    return `A ${noun} holds at most ${count(limits.underlines)} headings underlined with = or -; this one has ${count(shape.underlines)}, the first at line ${count(shape.underlineLine)}. Start headings with # instead.`;
  }
  return null;
}

/** Why `text` exceeds `limits`, in words for its author (`noun`: "note", "draft"), or null when it is within them. */
export function markdownLimitProblem(text: string, limits: MarkdownLimits, noun: string): string | null {
  return problemOf(scanMarkdown(text), limits, noun);
}
