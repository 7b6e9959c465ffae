import { describe, expect, it } from "vitest";
import { z } from "zod";
import { alsoSupportedRefs, cleanFileName, isSafeLink } from "@/lib/domain/evidence";
import {
  ExceptionInput,
  FileEvidenceInput,
  LinkEvidenceInput,
  NoteEvidenceInput,
  PopulationEventInput,
  RemediateExceptionInput,
} from "@/lib/schemas/evidence";

/** The messages shown next to each field, or a failure when the input was accepted. */
function fieldErrors(result: z.ZodSafeParseResult<unknown>): Record<string, string[] | undefined> {
  if (result.success) throw new Error(`expected a failure, got ${JSON.stringify(result.data)}`);
  return z.flattenError(result.error).fieldErrors;
}

/** A note form as the browser posts it: strings only, one control id. */
function noteForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    controlIds: "c-1",
    purpose: "operating",
    title: "Q1 access review",
    effectiveDate: "2026-03-31",
    coverageEnd: "",
    eventId: "",
    note: "Reviewed all 42 accounts.",
    ...overrides,
  };
}

describe("isSafeLink", () => {
  it.each([
    "https://example.com/evidence?id=1",
    "http://intranet.example.test/ticket/42",
    "HTTPS://EXAMPLE.COM",
  ])("accepts the web address %s", (url) => {
    expect(isSafeLink(url)).toBe(true);
  });

  it.each([
    ["a javascript: link", "javascript:alert(1)"],
    ["a javascript: link in capitals with a leading space", " JavaScript:alert(1)"],
    ["a javascript: link with a tab inside the scheme", "java\tscript:alert(1)"],
    ["a data: URL", "data:text/html,<script>alert(1)</script>"],
    ["a file: URL", "file:///etc/passwd"],
    ["an ftp: URL", "ftp://example.com/file"],
    ["a relative path", "/o/acme/controls"],
    ["a scheme-relative link", "//example.com/x"],
    ["a bare host", "example.com"],
    ["garbage", "not a url at all"],
    ["an empty string", ""],
  ])("refuses %s", (_label, url) => {
    expect(isSafeLink(url)).toBe(false);
  });
});

describe("cleanFileName", () => {
  it.each([
    ["a Unix path", "/home/ada/reports/q1.pdf", "q1.pdf"],
    ["a Windows path", "C:\\Users\\Ada\\Desktop\\q1.pdf", "q1.pdf"],
    ["parent folders", "../../etc/passwd", "passwd"],
    ["mixed separators", "..\\../secret\\q1.pdf", "q1.pdf"],
  ])("keeps only the last part of %s", (_label, name, expected) => {
    expect(cleanFileName(name)).toBe(expected);
  });

  it("removes control characters, including newlines, tabs, NUL and DEL", () => {
    expect(cleanFileName("q1\u0000\r\nreport\t\u001b\u007f.pdf")).toBe("q1report.pdf");
  });

  it("trims surrounding spaces and keeps inner ones and non-ASCII letters", () => {
    expect(cleanFileName("   Prüfbericht März 2026.pdf  ")).toBe("Prüfbericht März 2026.pdf");
  });

  it("bounds the name to 200 characters", () => {
    expect(cleanFileName(`${"a".repeat(250)}.pdf`)).toBe("a".repeat(200));
    expect(cleanFileName("b".repeat(200))).toBe("b".repeat(200));
  });

  it("never cuts a character in half at the limit and never ends in a space", () => {
    const emoji = cleanFileName(`${"a".repeat(199)}📄.pdf`);
    expect(emoji).toBe(`${"a".repeat(199)}📄`);
    expect(() => encodeURIComponent(emoji)).not.toThrow();
    expect(cleanFileName(`${"a".repeat(199)} tail.pdf`)).toBe("a".repeat(199));
  });

  it.each([
    ["empty", ""],
    ["only spaces", "   "],
    ["only control characters", "\u0000\u0001\n"],
    ["a folder", "reports/"],
    ["a Windows folder", "C:\\reports\\"],
  ])('falls back to "file" when the name is %s', (_label, name) => {
    expect(cleanFileName(name)).toBe("file");
  });
});

describe("NoteEvidenceInput", () => {
  it("accepts a form post, turning one control id into a list and blank optional fields into nothing", () => {
    const result = NoteEvidenceInput.safeParse(
      noteForm({ title: "  Q1 access review ", note: "  Reviewed.  " }),
    );
    expect(result.success && result.data).toEqual({
      controlIds: ["c-1"],
      purpose: "operating",
      title: "Q1 access review",
      effectiveDate: "2026-03-31",
      note: "Reviewed.",
    });
  });

  it("keeps several control ids and a coverage range ending on the effective date or later", () => {
    for (const coverageEnd of ["2026-03-31", "2026-06-30"]) {
      const result = NoteEvidenceInput.safeParse(
        noteForm({ controlIds: ["c-1", "c-2"], coverageEnd }),
      );
      expect(result.success && result.data).toMatchObject({
        controlIds: ["c-1", "c-2"],
        coverageEnd,
      });
    }
  });

  it("refuses a coverage end before the effective date, with the message on coverageEnd", () => {
    expect(
      fieldErrors(
        NoteEvidenceInput.safeParse(
          noteForm({ effectiveDate: "2026-03-31", coverageEnd: "2026-03-30" }),
        ),
      ),
    ).toEqual({
      coverageEnd: ["The range must end on or after the effective date."],
    });
  });

  it.each([
    ["not a date", "31/03/2026"],
    ["an impossible day", "2026-02-30"],
    ["a timestamp", "2026-03-31T00:00:00Z"],
  ])("refuses an effective date that is %s", (_label, effectiveDate) => {
    expect(fieldErrors(NoteEvidenceInput.safeParse(noteForm({ effectiveDate })))).toEqual({
      effectiveDate: ["Enter a date as YYYY-MM-DD."],
    });
  });

  it("asks for a missing effective date and explains a bad coverage end", () => {
    expect(
      fieldErrors(NoteEvidenceInput.safeParse(noteForm({ effectiveDate: undefined }))),
    ).toEqual({ effectiveDate: ["Enter a date."] });
    expect(
      fieldErrors(NoteEvidenceInput.safeParse(noteForm({ coverageEnd: "2026-13-01" }))),
    ).toEqual({ coverageEnd: ["Enter a date as YYYY-MM-DD."] });
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["an empty list", []],
  ])("asks for at least one control when controlIds is %s", (_label, controlIds) => {
    expect(fieldErrors(NoteEvidenceInput.safeParse(noteForm({ controlIds })))).toEqual({
      controlIds: ["Link the evidence to at least one control."],
    });
  });

  it("asks for the note and bounds it to 50,000 characters", () => {
    expect(fieldErrors(NoteEvidenceInput.safeParse(noteForm({ note: "   " })))).toEqual({
      note: ["Write the note."],
    });
    expect(
      fieldErrors(NoteEvidenceInput.safeParse(noteForm({ note: "x".repeat(50_001) }))),
    ).toEqual({ note: ["Keep notes under 50,000 characters."] });
    expect(NoteEvidenceInput.safeParse(noteForm({ note: "x".repeat(50_000) })).success).toBe(true);
  });

  it("explains a bad purpose and a too-short title", () => {
    expect(
      fieldErrors(NoteEvidenceInput.safeParse(noteForm({ purpose: "other", title: " a " }))),
    ).toEqual({
      purpose: ["Choose design or operating."],
      title: ["Give the evidence a short title."],
    });
  });
});

describe("LinkEvidenceInput and FileEvidenceInput", () => {
  it("accepts a web link and refuses any other scheme next to the url field", () => {
    const form = noteForm({ note: undefined, url: " https://example.com/run/42 " });
    expect(LinkEvidenceInput.parse(form).url).toBe("https://example.com/run/42");
    expect(
      fieldErrors(LinkEvidenceInput.safeParse({ ...form, url: "javascript:alert(1)" })),
    ).toEqual({ url: ["Enter a web address starting with https:// or http://."] });
    expect(
      fieldErrors(
        LinkEvidenceInput.safeParse({ ...form, url: `https://example.com/${"x".repeat(2000)}` }),
      ),
    ).toEqual({ url: ["That link is too long."] });
  });

  it("checks the coverage range of a file's metadata too", () => {
    const form = noteForm({ note: undefined, coverageEnd: "2026-01-01" });
    expect(fieldErrors(FileEvidenceInput.safeParse(form))).toEqual({
      coverageEnd: ["The range must end on or after the effective date."],
    });
  });
});

describe("ExceptionInput, RemediateExceptionInput and PopulationEventInput", () => {
  const exception = (overrides: Record<string, unknown> = {}) => ({
    controlId: "c-1",
    date: "2026-04-02",
    description: "Review skipped in March.",
    severity: "high",
    ...overrides,
  });

  it("accepts each severity and refuses anything else", () => {
    for (const severity of ["low", "medium", "high"])
      expect(ExceptionInput.safeParse(exception({ severity })).success).toBe(true);
    for (const severity of ["critical", "HIGH", "", undefined]) {
      expect(fieldErrors(ExceptionInput.safeParse(exception({ severity })))).toEqual({
        severity: ["Choose a severity."],
      });
    }
  });

  it("asks for a real date and a description of at least five characters", () => {
    expect(
      fieldErrors(
        ExceptionInput.safeParse(exception({ date: "2026-04-31", description: " odd " })),
      ),
    ).toEqual({
      date: ["Enter a date as YYYY-MM-DD."],
      description: ["Describe what happened."],
    });
  });

  it("asks how an exception was remediated", () => {
    expect(
      fieldErrors(
        RemediateExceptionInput.safeParse({
          exceptionId: "e-1",
          version: "0",
          remediationNote: "ok",
        }),
      ),
    ).toEqual({ remediationNote: ["Say how it was remediated."] });
  });

  it("needs a reference for a population event and defaults its description to empty", () => {
    expect(
      PopulationEventInput.parse({ controlId: "c-1", date: "2026-05-01", reference: " CHG-1 " }),
    ).toEqual({ controlId: "c-1", date: "2026-05-01", reference: "CHG-1", description: "" });
    expect(
      fieldErrors(
        PopulationEventInput.safeParse({ controlId: "c-1", date: "2026-05-01", reference: "  " }),
      ),
    ).toEqual({
      reference: ["Give the event a reference (ticket number, employee id…)."],
    });
  });
});

describe("alsoSupportedRefs", () => {
  const linked = [
    { id: "c1", ref: "AC-01" },
    { id: "c2", ref: "AC-02" },
    { id: "c3", ref: "CM-01" },
  ];

  it("never lists the control whose page shows the item", () => {
    expect(alsoSupportedRefs(linked, "c1")).toEqual(["AC-02", "CM-01"]);
    expect(alsoSupportedRefs(linked, "c2")).toEqual(["AC-01", "CM-01"]);
  });

  it("is empty for an item that supports only this control", () => {
    expect(alsoSupportedRefs([{ id: "c1", ref: "AC-01" }], "c1")).toEqual([]);
  });
});
