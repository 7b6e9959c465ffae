import { describe, expect, it } from "vitest";
import { pageId, pageQuery, pageText } from "@/lib/server/page-params";

// Pages answer a URL no page of ours produces with the 404 page (Next's not-found signal).
const NOT_FOUND = expect.objectContaining({ digest: expect.stringContaining("404") });

describe("page parameters", () => {
  it("accept a record id and refuse anything else", () => {
    expect(pageId("cmd2x3k9a0000abcd1234efgh")).toBe("cmd2x3k9a0000abcd1234efgh");
    for (const bad of ["\u0000", "%00", "made-up"]) expect(() => pageId(bad)).toThrow(NOT_FOUND);
  });

  it("decode a text segment, refusing one that cannot be decoded or holds a control character", () => {
    expect(pageText("soc2-2017%3ACC6.1")).toBe("soc2-2017:CC6.1");
    for (const bad of ["%E0%A4%A", "a%00b", "a\u0000b", "x".repeat(201)])
      expect(() => pageText(bad)).toThrow(NOT_FOUND);
  });

  it("refuse a query with a control character in any name or value, repeated values included", async () => {
    await expect(
      pageQuery(Promise.resolve({ q: "access review", status: ["a", "b"] })),
    ).resolves.toEqual({ q: "access review", status: ["a", "b"] });
    for (const bad of [
      { q: "\u0000" },
      { owner: ["ok", "b\u0000"] },
      { "q\u0000": "x" },
      { q: "tab\there" },
    ]) {
      await expect(pageQuery(Promise.resolve(bad))).rejects.toThrow(NOT_FOUND);
    }
  });
});
