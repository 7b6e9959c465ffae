import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SafeMarkdown } from "@/components/evidence/note-markdown";
import { markdownLimitProblem, PAPERWORK_MARKDOWN_LIMITS } from "@/lib/domain/markdown-limits";

const render = (text: string) =>
  renderToString(
    createElement(SafeMarkdown, { text, limits: PAPERWORK_MARKDOWN_LIMITS, noun: "section" }),
  );

describe("SafeMarkdown", () => {
  it("renders GitHub-flavoured tables, task lists, headings and lists", () => {
    const html = render(
      "## Components\n\n| Layer | Tool |\n| --- | --- |\n| Hosting | Cloud |\n\n- [x] diagram\n- [ ] org chart\n\n1. one\n2. two\n\n~~old~~",
    );
    expect(html).toContain("<h2>Components</h2>");
    expect(html).toContain("<th>Layer</th>");
    expect(html).toContain("<td>Cloud</td>");
    expect(html).toMatch(/<input[^>]*type="checkbox"[^>]*checked/);
    expect(html).toContain("<ol>");
    expect(html).toContain("<del>old</del>");
  });

  it("keeps raw HTML as text and drops unsafe links", () => {
    const html = render(
      '<script>alert(1)</script> <img src=x onerror="alert(1)">\n\n[click](javascript:alert(1)) [ok](https://example.test)',
    );
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("javascript:");
    expect(html).toContain('href="https://example.test"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it("shows text beyond the limits as plain text, unparsed", () => {
    const deep = `${"> ".repeat(20)}deep`;
    const html = render(deep);
    expect(html).toContain("beyond what sections may hold");
    expect(html).not.toContain("<blockquote");
  });

  it("bounds tables by their cells: 24,000 cells are refused before parsing, 2,700 pass", () => {
    const row = `|${" a |".repeat(20)}\n`;
    const table = `|${" h |".repeat(20)}\n|${" --- |".repeat(20)}\n${row.repeat(1_200)}`;
    expect(table.length).toBeGreaterThan(90_000);
    expect(markdownLimitProblem(table, PAPERWORK_MARKDOWN_LIMITS, "section")).toMatch(
      /table cell walls/,
    );
    const small = `| h | h |\n| --- | --- |\n${"| a | b |\n".repeat(900)}`;
    expect(markdownLimitProblem(small, PAPERWORK_MARKDOWN_LIMITS, "section")).toBeNull();
  });
});
