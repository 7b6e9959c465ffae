import { describe, expect, it } from "vitest";
import { bridgeLetterDraft, managementAssertionDraft } from "@/lib/domain/export/paperwork";
import {
  markdownLimitProblem,
  NOTE_MARKDOWN_LIMITS,
  PAPERWORK_MARKDOWN_LIMITS,
} from "@/lib/domain/markdown-limits";
import { scanMarkdown } from "@/lib/domain/markdown-scan";
import { NoteEvidenceInput } from "@/lib/schemas/evidence";
import { PaperworkPdfInput } from "@/lib/schemas/paperwork";
import { makeExportSummary } from "@/tests/fixtures/export-summary";

const note = (text: string) => markdownLimitProblem(text, NOTE_MARKDOWN_LIMITS, "note");
const draft = (text: string) => markdownLimitProblem(text, PAPERWORK_MARKDOWN_LIMITS, "draft");
const lines = (count: number, line: (index: number) => string) =>
  Array.from({ length: count }, (_, index) => line(index)).join("\n");

const FINDING_1 = `${"- ".repeat(5000)}x`;
const FINDING_2 = `${"> ".repeat(50_000)}x`;

/** A note as people write them: headings, nested lists, a quote, a table, code, links, emphasis. */
const ORDINARY_NOTE = [
  "# Q2 access review",
  "Reviewed **all 214 accounts** in Okta against the HR leaver list on _3 July_; see [the ticket](https://tickets.example.com/SEC-1042).",
  "## Findings",
  "1. Three leavers still had access:",
  "   - `j.doe` (left 2 June), removed 3 July",
  "   - `a.smith` and `b.jones`, removed the same day",
  "     - both had *read-only* access to the CRM",
  "2. No privileged account without an owner.",
  "> Approved by the CTO:",
  "> > Looks good, thanks. Let's keep the quarterly cadence.",
  "| System | Accounts | Removed |",
  "|--------|----------|---------|",
  "| Okta   | 214      | 3       |",
  "```json",
  '{ "filters": [["status", "=", "ACTIVE"], ["group", "in", ["eng", "ops"]]], "note": "*not* markdown" }',
  "```",
  "Signed off — R&D lead, 4 July. Next review: Q3\\* (\\*moved to September).",
].join("\n\n");

describe("Markdown limits", () => {
  it("refuse finding 1's list run and finding 2's quote run, naming the depth and the line", () => {
    expect(note(FINDING_1)).toBe(
      "Lists and quotes nest at most 8 levels deep; this note goes 5,000 deep at line 1.",
    );
    expect(draft(FINDING_2)).toBe(
      "Lists and quotes nest at most 8 levels deep; this draft goes 50,000 deep at line 1.",
    );
    expect(note(`Intro\n\n${"1. ".repeat(20)}x`)).toBe(
      "Lists and quotes nest at most 8 levels deep; this note goes 20 deep at line 3.",
    );
    expect(note(`${"> - ".repeat(5)}x`)).toBe(
      "Lists and quotes nest at most 8 levels deep; this note goes 10 deep at line 1.",
    );
    expect(note(">>>>>>>>>x")).toBe(
      "Lists and quotes nest at most 8 levels deep; this note goes 9 deep at line 1.",
    );
  });

  it("count nesting built up by indentation, also across a lazy line and inside a quote", () => {
    expect(note(lines(12, (index) => `${"  ".repeat(index)}- item`))).toBe(
      "Lists and quotes nest at most 8 levels deep; this note goes 12 deep at line 12.",
    );
    expect(note("- - - - - a\nlazy\n          - - - - - b")).toBe(
      "Lists and quotes nest at most 8 levels deep; this note goes 10 deep at line 3.",
    );
    expect(note(lines(9, (index) => `> ${"  ".repeat(index)}- item`))).toBe(
      "Lists and quotes nest at most 8 levels deep; this note goes 10 deep at line 9.",
    );
  });

  it("refuse too many lines, blocks, formatting marks, HTML tags and underlined headings", () => {
    const blocks = (found: number) =>
      `A note holds at most 300 paragraphs, headings, list items and quotes; this one has ${found}.`;
    const tooManyLines = (found: number) =>
      `A note holds at most 1,000 lines (a line in a list or quote counts once for each level); this one has ${found.toLocaleString("en-GB")}.`;
    expect(note("a\n".repeat(1000))).toBe(tooManyLines(1001));
    expect(note("> > > > a\n".repeat(251))).toBe(tooManyLines(1005));
    expect(note(`> > > > a\n${"lazy\n".repeat(250)}`)).toBe(tooManyLines(1005));
    expect(note("- a\n".repeat(301))).toBe(blocks(301));
    expect(note("> a\n\n".repeat(301))).toBe(blocks(301));
    expect(note("# a\n".repeat(301))).toBe(blocks(301));
    expect(note("a\n\n".repeat(301))).toBe(blocks(301));
    expect(note("&amp; ".repeat(1001))).toBe(
      "A note holds at most 1,000 formatting marks (each * _ ` [ ] & \\ #); this one has 1,001.",
    );
    expect(note("**a** **b**\n\n".repeat(126))).toBe(
      "A note holds at most 1,000 formatting marks (each * _ ` [ ] & \\ #); this one has 1,008.",
    );
    expect(note("<http://example.com> ".repeat(101))).toBe(
      "A note holds at most 100 autolinks and HTML tags (each <); this one has 101.",
    );
    expect(note("a\n===\n\n".repeat(21))).toBe(
      "A note holds at most 20 headings underlined with = or -; this one has 21, the first at line 2. Start headings with # instead.",
    );
  });

  it("refuse a paragraph with too many emphasis, code, link or HTML marks, where it starts", () => {
    const atLine3 = (text: string) => note(`Intro\n\n${text}`);
    const message = (found: number) =>
      `A paragraph holds at most 200 emphasis, code, link and HTML marks (* _ \` [ ] <); the one at line 3 has ${found.toLocaleString("en-GB")}.`;
    expect(atLine3("*a* ".repeat(101))).toBe(message(202));
    expect(
      atLine3(Array.from({ length: 20 }, (_, index) => `a${"*".repeat(index + 1)}`).join("")),
    ).toBe(message(210));
    expect(
      atLine3(Array.from({ length: 20 }, (_, index) => `${"`".repeat(index + 1)}a`).join("")),
    ).toBe(message(210));
    expect(atLine3("[".repeat(201))).toBe(message(201));
    expect(atLine3("[a] ".repeat(101))).toBe(message(202));
    // One paragraph over several lines, a lazy one and a numbered line that cannot start a list included.
    expect(
      atLine3(
        `${"*a ".repeat(60)}\n${"_b ".repeat(60)}\n2. ${"`c` ".repeat(30)}\n> ${"[d] ".repeat(20)}`,
      ),
    ).toBe(message(220));
  });

  it("count each list item's paragraph on its own, text in a fence as code, and blanks as text", () => {
    expect(
      note(
        lines(
          100,
          (index) =>
            `${index + 1}. **Step ${index}**: see [the runbook](https://example.com/${index})`,
        ),
      ),
    ).toBeNull();
    expect(note(lines(100, () => "- **Owner**: _ops_\n  - `kubectl get pods`"))).toBeNull();
    expect(note(`\`\`\`\n${"[[1, 2], [3, 4]] <x> *y* _z_ ".repeat(100)}\n\`\`\``)).toBeNull();
    // Blanks to fill in can neither open nor close emphasis.
    expect(
      note(lines(20, (index) => `Signature ${index + 1}: ______________________________  `)),
    ).toBeNull();
    // A thematic break is not a run of list markers.
    expect(note("Before\n\n- - - - - - - - - - - -\n\n* * * * * * * * * *\n\nAfter")).toBeNull();
  });

  it("accept ordinary notes, a note at each limit, and the drafts Assay writes", () => {
    expect(note(ORDINARY_NOTE)).toBeNull();
    expect(note(`${"- ".repeat(8)}x`)).toBeNull();
    expect(note(`${"a\n".repeat(999)}a`)).toBeNull();
    expect(note("- a\n".repeat(300))).toBeNull();
    const summary = makeExportSummary();
    expect(draft(managementAssertionDraft(summary))).toBeNull();
    const many = Array.from({ length: 500 }, (_, index) => ({
      ...summary.exceptions[0]!,
      id: `exc-${index}`,
      description: `Fix for ticket [OPS_${index}] shipped *before* approval <urgent>`,
    }));
    expect(draft(managementAssertionDraft({ ...summary, exceptions: many }))).toBeNull();
    const changes = Array.from({ length: 40 }, (_, index) => ({
      date: "2027-01-15",
      text: `Control AC_${index} updated`,
    }));
    expect(
      draft(
        bridgeLetterDraft(
          { ...summary, today: "2027-02-01", exceptions: many },
          { bridgeTo: "2027-01-31", changes },
        ),
      ),
    ).toBeNull();
  });

  it("are the field messages of the note and paperwork schemas", () => {
    const input = {
      controlIds: "control-1",
      purpose: "design",
      title: "Q2 review",
      effectiveDate: "2026-07-03",
    };
    const refused = NoteEvidenceInput.safeParse({ ...input, note: FINDING_1 });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues).toEqual([
      expect.objectContaining({
        path: ["note"],
        message:
          "Lists and quotes nest at most 8 levels deep; this note goes 5,000 deep at line 1.",
      }),
    ]);
    expect(NoteEvidenceInput.safeParse({ ...input, note: ORDINARY_NOTE }).success).toBe(true);

    const body = PaperworkPdfInput.safeParse({ kind: "assertion", markdown: FINDING_2 });
    expect(body.error?.issues).toEqual([
      expect.objectContaining({
        path: ["markdown"],
        message:
          "Lists and quotes nest at most 8 levels deep; this draft goes 50,000 deep at line 1.",
      }),
    ]);
  });
});

describe("scanMarkdown", () => {
  /** How many characters the scan reads from `text`. */
  function reads(text: string): number {
    let count = 0;
    const counted = Object.assign(new String(text), {
      charCodeAt: (index: number) => {
        count += 1;
        return text.charCodeAt(index);
      },
    });
    scanMarkdown(counted as unknown as string);
    return count;
  }

  const SHAPES: [string, (size: number) => string][] = [
    ["list run", (size) => "- ".repeat(size / 2)],
    ["quote run", (size) => "> ".repeat(size / 2)],
    ["thematic break", (size) => "- ".repeat(size / 2)],
    ["spaced break", (size) => `-${" ".repeat(size - 3)}- -`],
    ["ordered run", (size) => "12345. ".repeat(size / 7)],
    ["indentation", (size) => lines(Math.sqrt(size), (index) => `${" ".repeat(index)}- a`)],
    ["emphasis", (size) => "*a_".repeat(size / 3)],
    ["backticks", (size) => "`".repeat(size)],
    ["lines", (size) => "a\n".repeat(size / 2)],
    ["fence", (size) => `\`\`\`\n${"`".repeat(size)}`],
    ["headings", (size) => "###### a\n".repeat(size / 9)],
    ["underlines", (size) => "a\n=\n".repeat(size / 4)],
  ];

  // The same bound per character at 20,000 and at 80,000 characters: the scan is linear.
  it.each(SHAPES)("reads each character of a %s a bounded number of times", (_, shape) => {
    for (const text of [shape(20_000), shape(80_000)])
      expect(reads(text)).toBeLessThanOrEqual(12 * text.length);
  });
});
