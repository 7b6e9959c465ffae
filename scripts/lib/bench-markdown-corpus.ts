// The adversarial Markdown of bench:markdown: each case repeats one construct (lists and quotes
// nested, emphasis runs, brackets, references, tables, code, entities, HTML, headings…) as a
// function of a count. The benchmark sends each case as an attacker would, filling the field, and
// as one who knows the limits would: the most of it the field's validation accepts, padded to the
// field's size with plain words (scripts/lib/bench-markdown-run.ts).

export type MarkdownCase = { name: string; build: (count: number) => string };

/** The plain text the baseline and the padding are made of: one paragraph of ordinary words. */
const WORDS =
  "The quarterly access review was completed by the security team and signed off by the CTO. ";

/** A plain paragraph of exactly `size` characters. */
export function plainParagraph(size: number): string {
  return WORDS.repeat(Math.ceil(size / WORDS.length))
    .slice(0, size)
    .trimEnd()
    .padEnd(size, ".");
}

/** `text`, then a blank line and plain words up to `size` characters. */
export function padded(text: string, size: number): string {
  return size - text.length < 3 ? text : `${text}\n\n${plainParagraph(size - text.length - 2)}`;
}

/** `head`, `count` pieces (the same string, or one made from its index), then `tail`. */
function repeated(
  head: string,
  piece: string | ((index: number) => string),
  tail = "",
): (count: number) => string {
  return (count) => {
    const parts = [head];
    for (let index = 0; index < count; index += 1)
      parts.push(typeof piece === "string" ? piece : piece(index));
    parts.push(tail);
    return parts.join("");
  };
}

const item = (
  name: string,
  head: string,
  piece: string | ((index: number) => string),
  tail = "",
): MarkdownCase => ({ name, build: repeated(head, piece, tail) });

export const CORPUS: readonly MarkdownCase[] = [
  // Containers.
  item("list nesting (finding 1)", "", "- ", "x"),
  item("quote nesting (finding 2)", "", "> ", "x"),
  item("ordered list nesting", "", "1. ", "x"),
  item("quote and list nesting", "", "> - ", "x"),
  item("nesting by indentation", "", (index) => `${"  ".repeat(index)}- a\n`),
  item("deepest accepted list, repeated", "", "- - - - - - - - a\n"),
  item("deepest accepted quote, repeated", "", "> > > > > > > > a\n"),
  item("lines continuing a deep list", "- - - - - - - - a\n", "                b\n"),
  item("lazy lines after a deep quote", "> > > > > > > > a\n", "b\n"),
  item("list items", "", "- a\n"),
  item("numbered list items", "", (index) => `${index + 1}. a\n`),
  item("list items with formatting", "", "- **a** [b](c) `d` &amp; _e_\n"),
  item("quoted list items with formatting", "", "> - **a** <http://b.c> `d`\n"),
  item("headings with links", "", "# <http://a.b> [c](d)\n"),
  // Every kind of budget drawn on at once: list items, deep quotes, headings, links, code, entities.
  item(
    "everything at once",
    "",
    (index) =>
      ["- **a** [b](c)\n", "> > > > > > > > `d` <http://e.f>\n", "# h &amp; \\*\n", "text  \n"][
        index % 4
      ] ?? "",
  ),
  item("tabs", "", "\t", "a"),
  // Lines and blocks.
  item("lines", "", "a\n"),
  item("blank lines", "a", "\n", "b"),
  item("paragraphs", "", "a\n\n"),
  item("headings", "", "# a\n"),
  item("underlined headings", "", "a\n=\n"),
  item("thematic breaks", "", "***\n"),
  item("fences", "", "```\n"),
  item("fenced code lines", "```\n", "a [b] *c* <d> `e`\n", "```\n"),
  item("indented code lines", "", "    a\n"),
  item("hard breaks (spaces)", "", "a  \n"),
  item("hard breaks (backslash)", "", "a\\\n"),
  // Emphasis.
  { name: "emphasis nesting", build: (count) => `${"*a ".repeat(count)}b${" a*".repeat(count)}` },
  { name: "strong nesting", build: (count) => `${"**a ".repeat(count)}b${" a**".repeat(count)}` },
  item("delimiter runs *a**a***", "", (index) => `a${"*".repeat(index + 1)}`),
  item("underscore runs _a__a___", "", (index) => ` a${"_".repeat(index + 1)}`),
  item("long delimiter runs", "", `a${"*".repeat(40)}`),
  item("closers a*", "", "a* "),
  item("openers *a", "", "*a "),
  item("alternating *_", "", "*_", "a"),
  item("intraword a*", "", "a*"),
  item("emphasis pairs", "", "*a* "),
  item("blanks between closers", "", (index) => (index % 50 === 49 ? "a* " : "_ ")),
  item("emphasis over lines", "", "*a\n"),
  // Links, images, references.
  item("brackets [", "", "["),
  item("brackets [a", "", "[a"),
  item("closing brackets ]", "", "]"),
  item("images ![", "", "!["),
  { name: "nested links", build: (count) => `${"[".repeat(count)}a${"](b)".repeat(count)}` },
  item("unclosed links [a](", "", "[a]("),
  item("links", "", "[a](b) "),
  {
    name: "link reference definitions",
    build: (count) =>
      `${repeated("", (index) => `[r${index}]: /u${index}\n`)(count)}\n${repeated("", (index) => `[r${index}] `)(count)}`,
  },
  item("reference uses", "[a]: /b\n\n", "[a]"),
  // Tables (read as paragraphs: no table syntax is enabled).
  item("table rows", "| a | b | c | d |\n|---|---|---|---|\n", "| a | b | c | d |\n"),
  {
    name: "wide table",
    build: (count) =>
      `${"| a ".repeat(count)}|\n${"|---".repeat(count)}|\n${"| a ".repeat(count)}|\n`,
  },
  // Code.
  item("backtick runs `a``a```", "", (index) => `${"`".repeat(index + 1)}a`),
  item("backticks `a", "", "`a"),
  item("one long run of backticks", "a", "`", "a"),
  item("code spans", "", "`a` "),
  // Entities and escapes.
  item("entities &amp;", "", "&amp;"),
  item("numeric entities", "", "&#1234;"),
  item("bare ampersands", "", "& "),
  item("escapes", "", "\\*"),
  // Autolinks and HTML.
  item("autolinks", "", "<http://a.b> "),
  item("unclosed autolinks", "", "<http://a"),
  item("email autolinks", "", "<a@b.c> "),
  item("HTML tags", "", "<a b='c'>"),
  item("unclosed HTML tags", "", "<a "),
  item("HTML comments", "", "<!--"),
  item("CDATA", "", "<![CDATA["),
  item("processing instructions", "", "<?"),
  item("declarations", "", "<!X"),
  item("closing tags", "", "</a"),
  item("HTML blocks", "", "<div>\n\n"),
];

/** The largest count whose text is at most `size` characters (texts grow with their count). */
export function largestWithin(build: (count: number) => string, size: number): number {
  let high = 1;
  while (build(high).length <= size && high < size) high *= 2;
  let low = 0;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (build(middle).length <= size) low = middle;
    else high = middle;
  }
  return low;
}

/** The largest count up to `most` that `accepts` takes, assuming it takes every smaller one. */
export function largestAccepted(most: number, accepts: (count: number) => boolean): number {
  if (accepts(most)) return most;
  let low = 0;
  let high = most;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (accepts(middle)) low = middle;
    else high = middle;
  }
  return low;
}
