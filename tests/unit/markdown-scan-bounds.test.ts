import fc from "fast-check";
import type { Nodes } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { describe, expect, it } from "vitest";
import { scanMarkdown } from "@/lib/domain/markdown-scan";

// The scan stands in for the parser, so each figure must be at least what the parser builds.
// Random texts made of Markdown's building blocks (indentation, list and quote markers, inline
// marks, fences, HTML, headings) are parsed with mdast-util-from-markdown (the parser the product
// uses) and measured on the tree.

const INDENTS = ["", "", " ", "  ", "   ", "    ", "     ", "      ", "        ", "\t"];
const MARKERS = ["> ", ">", "- ", "* ", "+ ", "1. ", "2. ", "1) ", "10. ", "-    ", "-"];
const INLINE = [
  "a",
  "b ",
  "word ",
  "*",
  "**",
  "_",
  "__",
  "`",
  "``",
  "```",
  "~~~",
  "[",
  "]",
  "](u)",
  "![",
  "<",
  "<div>",
  "<http://a.b>",
  "<!--",
  "\\",
  "\\*",
  "#",
  "# ",
  "=",
  "===",
  "-",
  "---",
  "- - -",
  "&amp;",
  "  ",
  "2. ",
  " * ",
];

/** A line: indentation, list and quote markers, then inline pieces. */
const line = fc
  .tuple(
    fc.constantFrom(...INDENTS),
    fc.array(fc.constantFrom(...MARKERS), { maxLength: 4 }),
    fc.array(fc.constantFrom(...INLINE), { maxLength: 6 }),
  )
  .map(([indent, markers, inline]) => indent + markers.join("") + inline.join(""));
const text = fc
  .array(fc.tuple(line, fc.constantFrom("\n", "\n", "\n\n")), { maxLength: 10 })
  .map((lines) => lines.map(([content, end]) => content + end).join(""));

/** Block nodes; a list item's or quote's first child comes with it (definitions are bounded by their brackets, counted as marks). */
const BLOCKS = new Set([
  "paragraph",
  "heading",
  "listItem",
  "blockquote",
  "code",
  "thematicBreak",
  "html",
]);

type Measured = { depth: number; blocks: number; paragraphMarks: number; underlines: number };

/** Emphasis, code, link and HTML characters of a paragraph's source, as the scan counts them: unescaped, not in a `*` or `_` run between whitespace (which can neither open nor close). */
function marksIn(source: string): number {
  let count = 0;
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index] ?? "";
    if (char === "\\" && /[!-/:-@[-`{-~]/.test(source[index + 1] ?? "")) {
      index += 1;
    } else if (char === "*" || char === "_") {
      let end = index;
      while (source[end] === char) end += 1;
      if (!(/^\s?$/.test(source[index - 1] ?? "") && /^\s?$/.test(source[end] ?? "")))
        count += end - index;
      index = end - 1;
    } else if ("`[]<".includes(char)) count += 1;
  }
  return count;
}

function measure(text: string): Measured {
  const measured: Measured = { depth: 0, blocks: 0, paragraphMarks: 0, underlines: 0 };
  const visit = (node: Nodes, depth: number, inline = false, first = false): void => {
    const container = node.type === "listItem" || node.type === "blockquote";
    const inside = depth + (container ? 1 : 0);
    if (BLOCKS.has(node.type) && !(node.type === "html" && inline) && !first) measured.blocks += 1;
    measured.depth = Math.max(measured.depth, inside);
    if ((node.type === "paragraph" || node.type === "heading") && node.position) {
      const source = text.slice(node.position.start.offset, node.position.end.offset);
      measured.paragraphMarks = Math.max(measured.paragraphMarks, marksIn(source));
      if (node.type === "heading" && !source.startsWith("#")) measured.underlines += 1;
    }
    const phrasing = inline || node.type === "paragraph" || node.type === "heading";
    if ("children" in node) {
      // Definitions at the start of a paragraph are parsed with it.
      const firstBlock = node.children.findIndex((child) => child.type !== "definition");
      node.children.forEach((child, index) =>
        visit(child, inside, phrasing, container && index === firstBlock),
      );
    }
  };
  visit(fromMarkdown(text), 0);
  return measured;
}

describe("scanMarkdown against the parser", () => {
  it(
    "never counts less nesting, fewer blocks, fewer marks in a paragraph or fewer underlined headings than the parser builds",
    { timeout: 120_000 },
    () => {
      fc.assert(
        fc.property(text, (markdown) => {
          const shape = scanMarkdown(markdown);
          const real = measure(markdown);
          expect(shape.depth).toBeGreaterThanOrEqual(real.depth);
          expect(shape.blocks).toBeGreaterThanOrEqual(real.blocks);
          expect(shape.paragraphMarks).toBeGreaterThanOrEqual(real.paragraphMarks);
          expect(shape.underlines).toBeGreaterThanOrEqual(real.underlines);
        }),
        { numRuns: 3000 },
      );
    },
  );
});
