import { describe, expect, it } from "vitest";
import { FormId, IdParam, multiLine, singleLine, textProblem } from "@/lib/schemas/text";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe("textProblem", () => {
  it("finds NUL and says where, counting characters from 1", () => {
    expect(textProblem("ab\u0000c")).toBe("Remove the control character at position 3.");
    expect(textProblem("\u0000")).toBe("Remove the control character at position 1.");
  });

  it("counts an emoji as one character", () => {
    expect(textProblem("😀\u0007")).toBe("Remove the control character at position 2.");
  });

  it("refuses every C0 control, DEL and every C1 control in single-line text", () => {
    const controls = [
      ...Array.from({ length: 0x20 }, (_, code) => code),
      0x7f,
      ...Array.from({ length: 0x20 }, (_, index) => 0x80 + index),
    ];
    for (const code of controls)
      expect(textProblem(`x${String.fromCharCode(code)}`), `U+${code.toString(16)}`).toBe(
        "Remove the control character at position 2.",
      );
  });

  it("allows tab and newline only in multi-line text", () => {
    expect(textProblem("a\tb\nc", "multi-line")).toBeNull();
    expect(textProblem("a\tb")).toBe("Remove the control character at position 2.");
    expect(textProblem("a\nb")).toBe("Remove the control character at position 2.");
    expect(textProblem("a\u0000b", "multi-line")).toBe(
      "Remove the control character at position 2.",
    );
    expect(textProblem("a\u000bb", "multi-line")).toBe(
      "Remove the control character at position 2.",
    );
  });

  it("refuses lone surrogates and non-characters, and accepts ordinary Unicode", () => {
    expect(textProblem("a\ud800")).toBe("Remove the invalid character at position 2.");
    expect(textProblem("a\udc00b")).toBe("Remove the invalid character at position 2.");
    expect(textProblem("\ufffe")).toBe("Remove the invalid character at position 1.");
    expect(textProblem("\ufdd0")).toBe("Remove the invalid character at position 1.");
    expect(textProblem("\u{1fffe}")).toBe("Remove the invalid character at position 1.");
    expect(textProblem("Zoë — naïve 日本語 😀 ‍ \u00a0")).toBeNull();
  });
});

describe("singleLine and multiLine", () => {
  const Title = singleLine({ error: "Enter a title." }).trim().min(3, "Use at least 3 characters.");

  it("give only the character message, not also the length message", () => {
    expect(messages(Title.safeParse("a\u0000"))).toEqual([
      "Remove the control character at position 2.",
    ]);
  });

  it("still trim and check length like any string", () => {
    expect(Title.parse("  Access review ")).toBe("Access review");
    expect(messages(Title.safeParse(" ab "))).toEqual(["Use at least 3 characters."]);
    expect(messages(Title.safeParse(42))).toEqual(["Enter a title."]);
  });

  it("trim a pasted line's surrounding whitespace instead of refusing it, and count positions in what was sent", () => {
    expect(Title.parse("\tAccess review\r\n")).toBe("Access review");
    expect(messages(Title.safeParse("  ab\tc"))).toEqual([
      "Remove the control character at position 5.",
    ]);
  });

  it("normalise CR and CRLF to newline in multi-line text", () => {
    expect(multiLine().parse("one\r\ntwo\rthree\n")).toBe("one\ntwo\nthree\n");
  });
});

describe("ids", () => {
  it("IdParam accepts a cuid and nothing else", () => {
    expect(IdParam.safeParse("cmd2x3k9a0000abcd1234efgh").success).toBe(true);
    for (const bad of [
      "",
      "\u0000",
      "%00",
      "made-up",
      "cmd2x3k9a0000abcd1234efg",
      "Cmd2x3k9a0000abcd1234efgh",
      "cmd2x3k9a0000abcd1234efgh0",
    ]) {
      expect(IdParam.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("FormId refuses control characters with the field message", () => {
    expect(messages(FormId.safeParse("abc\u0000"))).toEqual([
      "Remove the control character at position 4.",
    ]);
    expect(FormId.parse("made-up-1")).toBe("made-up-1");
  });
});
