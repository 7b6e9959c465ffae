import { describe, expect, it } from "vitest";
import {
  MAX_NAME_BYTES,
  isSafeArchivePath,
  nameKey,
  safeName,
  uniqueName,
} from "@/lib/export/pack-paths";

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

describe("safeName", () => {
  it("keeps an ordinary name as it is", () => {
    expect(safeName("2026-03-28 access-review.pdf")).toBe("2026-03-28 access-review.pdf");
    expect(safeName("AC-01 Quarterly access review")).toBe("AC-01 Quarterly access review");
    expect(safeName("Zugriffsprüfung Q1 — café.xlsx")).toBe("Zugriffsprüfung Q1 — café.xlsx");
  });

  it("never leaves a way out of the folder: no '..', no separators, no leading dots", () => {
    expect(safeName("..")).toBe("untitled");
    expect(safeName(".")).toBe("untitled");
    expect(safeName("../../etc/passwd")).toBe("_.._etc_passwd");
    expect(safeName("..\\..\\windows\\system32")).toBe("_.._windows_system32");
    expect(safeName("/etc/passwd")).toBe("_etc_passwd");
    expect(safeName(".env")).toBe("env");
    expect(safeName("...hidden.txt")).toBe("hidden.txt");
    for (const name of ["../x", "a/../b", "..\\x", "./.", "/"]) {
      const safe = safeName(name);
      expect(safe).not.toMatch(/[/\\]/);
      expect(safe).not.toMatch(/^\./);
      expect(isSafeArchivePath(`controls/${safe}`)).toBe(true);
    }
  });

  it("removes NUL and other control or invisible characters and turns line breaks into spaces", () => {
    expect(safeName("report\u0000.pdf")).toBe("report.pdf");
    expect(safeName("a\u0007b\u007fc\u009fd")).toBe("abcd");
    expect(safeName("line one\nline two\ttab")).toBe("line one line two tab");
    // A right-to-left override would display "invoice_fdp.exe" as "invoice_exe.pdf".
    expect(safeName("invoice_\u202Efdp.exe")).toBe("invoice_fdp.exe");
  });

  it("replaces the characters Windows forbids and drops trailing dots and spaces", () => {
    expect(safeName('Backup: daily <prod> "db" | a?b*c.txt')).toBe(
      "Backup_ daily _prod_ _db_ _ a_b_c.txt",
    );
    expect(safeName("notes. . ")).toBe("notes");
    expect(safeName("  spaced   out  ")).toBe("spaced out");
  });

  it("renames Windows device names, with or without an extension, in any case", () => {
    expect(safeName("CON")).toBe("_CON");
    expect(safeName("con.txt")).toBe("_con.txt");
    expect(safeName("nul")).toBe("_nul");
    expect(safeName("Aux.pdf")).toBe("_Aux.pdf");
    expect(safeName("COM1.log")).toBe("_COM1.log");
    expect(safeName("lpt9")).toBe("_lpt9");
    expect(safeName("CONSOLE.txt")).toBe("CONSOLE.txt");
    expect(safeName("icon.png")).toBe("icon.png");
  });

  it("caps very long names in UTF-8 bytes, keeping the extension and whole characters", () => {
    const long = safeName(`${"a".repeat(400)}.pdf`);
    expect(bytes(long)).toBe(MAX_NAME_BYTES);
    expect(long.endsWith("a.pdf")).toBe(true);
    const wide = safeName(`${"é".repeat(300)}.docx`);
    expect(bytes(wide)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(wide).toMatch(/^é+\.docx$/);
    const emoji = safeName("📄".repeat(100));
    expect(bytes(emoji)).toBeLessThanOrEqual(MAX_NAME_BYTES);
    expect(emoji).toMatch(/^(📄)+$/u);
    expect(bytes(safeName("x".repeat(100), { maxBytes: 40 }))).toBe(40);
  });

  it("uses the fallback for a name with nothing left", () => {
    expect(safeName("")).toBe("untitled");
    expect(safeName("\u0000\u0001")).toBe("untitled");
    expect(safeName("...", { fallback: "control" })).toBe("control");
  });
});

describe("uniqueName", () => {
  const taking = (names: string[]) => {
    const taken = new Set<string>();
    return names.map((name) => {
      const unique = uniqueName(name, taken);
      taken.add(nameKey(unique));
      return unique;
    });
  };

  it("appends (2), (3)… before the extension to duplicates", () => {
    expect(
      taking(["access-review.pdf", "access-review.pdf", "access-review.pdf", "notes"]),
    ).toEqual(["access-review.pdf", "access-review (2).pdf", "access-review (3).pdf", "notes"]);
  });

  it("treats names differing only in case as duplicates (Windows and macOS file systems do)", () => {
    expect(taking(["Report.PDF", "report.pdf"])).toEqual(["Report.PDF", "report (2).pdf"]);
  });

  it("skips a numbered name that is already taken", () => {
    expect(taking(["a (2).md", "a.md", "a.md"])).toEqual(["a (2).md", "a.md", "a (3).md"]);
  });

  it("stays within the byte cap when the suffix is added to a name already at the cap", () => {
    const full = safeName(`${"b".repeat(300)}.pdf`);
    const [first, second] = taking([full, full]);
    expect(first).toBe(full);
    expect(second).toMatch(/ \(2\)\.pdf$/);
    expect(bytes(second ?? "")).toBeLessThanOrEqual(MAX_NAME_BYTES);
  });
});

describe("isSafeArchivePath", () => {
  it("accepts relative paths and refuses ways out of the folder", () => {
    expect(isSafeArchivePath("controls/AC-01 Access/2026-03-28 review.pdf")).toBe(true);
    for (const path of [
      "../evil",
      "a/../../evil",
      "/etc/passwd",
      "C:/Windows",
      "a\\b",
      "a//b",
      "a/./b",
      "folder/",
      "",
      "a\u0000b",
    ]) {
      expect(isSafeArchivePath(path), path).toBe(false);
    }
  });
});
