import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { EvidencePages, ExportEvidence, ExportSummary } from "@/lib/domain/export/types";
import { writeExportJson } from "@/lib/export/export-json";
import { writeMatrixCsv } from "@/lib/export/matrix-csv";
import { MATRIX_VIEW_IDS, MATRIX_VIEWS } from "@/lib/export/matrix-views";
import { writeMatrixXlsx } from "@/lib/export/matrix-xlsx";
import {
  evidencePagesOf,
  makeExportControl,
  makeExportEvidence,
  makeExportSummary,
} from "@/tests/fixtures/export-summary";
import { untilStalled } from "./stall";

const HYPERLINK = '=HYPERLINK("https://evil.example","Open")';
const SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

// The fixture summary plus a third control (IR-03) that no evidence names, a requirement with two
// controls, one population event, and evidence in pages of two: ev-2 is linked to two controls.
function sample() {
  const base = makeExportSummary();
  const summary = makeExportSummary({
    controls: [
      ...base.controls,
      makeExportControl({
        id: "ctl-ir03",
        ref: "IR-03",
        title: "Incident response test",
        owner: "Ira Ops",
      }),
    ],
    requirements: base.requirements.map((requirement) =>
      requirement.code === "CC6.1"
        ? { ...requirement, controlRefs: ["AC-01", "IR-03"] }
        : requirement,
    ),
    events: [
      {
        id: "evt-1",
        controlRef: "CH-02",
        date: "2026-02-14",
        reference: "CHG-1042",
        description: "Release 4.2",
        evidenceCount: 1,
      },
    ],
  });
  const evidence: ExportEvidence[] = [
    makeExportEvidence(),
    makeExportEvidence({
      id: "ev-2",
      kind: "file",
      purpose: "design",
      title: HYPERLINK,
      effectiveDate: "2025-12-20",
      window: "before_window",
      controlRefs: ["AC-01", "CH-02"],
      requirementCodes: ["CC6.1", "CC8.1"],
      file: {
        name: "access-policy.pdf",
        contentType: "application/pdf",
        sha256: SHA,
        size: 48_213,
        storageKey: "org/ev-2",
      },
    }),
    makeExportEvidence({
      id: "ev-3",
      kind: "link",
      title: 'Release "4.2", approved',
      window: "after_window",
      controlRefs: ["CH-02"],
      requirementCodes: ["CC8.1"],
      url: "https://tickets.example/CHG-1042",
      eventReference: "CHG-1042",
    }),
  ];
  return { summary, evidence, pages: evidencePagesOf(evidence, 2) };
}

class Sink extends Writable {
  private chunks: Buffer[] = [];
  _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void) {
    this.chunks.push(chunk);
    callback();
  }
  get buffer() {
    return Buffer.concat(this.chunks);
  }
}

async function written(write: (output: Writable) => Promise<void>): Promise<Buffer> {
  const sink = new Sink();
  await write(sink);
  return sink.buffer;
}

async function xlsxOf({ summary, pages }: { summary: ExportSummary; pages: EvidencePages }) {
  const workbook = new ExcelJS.Workbook();
  // A copy into a plain ArrayBuffer, the type exceljs declares for load().
  await workbook.xlsx.load(
    new Uint8Array(await written((output) => writeMatrixXlsx(summary, pages, output))).buffer,
  );
  return workbook;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`No sheet ${name}`);
  return sheet;
}

/** A row as text, as a CSV reader would see it: empty cells "", numbers as digits. */
function rowText(sheet: ExcelJS.Worksheet, number: number, width = sheet.columnCount): string[] {
  const row = sheet.getRow(number);
  return Array.from({ length: width }, (_, index) => {
    const value = row.getCell(index + 1).value;
    return value === null || value === undefined ? "" : String(value);
  });
}

const HEADERS = {
  Requirements: [
    "Requirement",
    "Title",
    "Group",
    "Status",
    "N/A justification",
    "Control",
    "Control title",
    "Owner",
    "Frequency",
    "Nature",
    "Key",
    "Control ready",
    "Reasons",
  ],
  "Controls & evidence": [
    "Control",
    "Control title",
    "Evidence id",
    "Title",
    "Kind",
    "Purpose",
    "Effective date",
    "Coverage end",
    "Window",
    "File name",
    "SHA-256",
    "Size (bytes)",
    "Link URL",
    "Event",
    "Uploaded by",
    "Recorded at",
    "Requirements",
  ],
  Exceptions: [
    "Control",
    "Date",
    "Severity",
    "Status",
    "Description",
    "Remediation note",
    "Remediated at",
  ],
  "Population events": ["Control", "Date", "Reference", "Description", "Evidence count"],
};

describe("control matrix as XLSX", () => {
  it("puts the summary first, then one sheet per view", async () => {
    const workbook = await xlsxOf(sample());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Summary",
      "Requirements",
      "Controls & evidence",
      "Exceptions",
      "Population events",
    ]);
  });

  it("summarises the engagement and its figures", async () => {
    const summary = sheetOf(await xlsxOf(sample()), "Summary");
    const lines = new Map<string, ExcelJS.Cell>();
    summary.eachRow((row) => lines.set(String(row.getCell(1).value), row.getCell(2)));
    const text = (label: string) => lines.get(label)?.value;
    expect(text("Organisation")).toBe("Demo Payments Ltd");
    expect(text("Report")).toBe("SOC 2 Type II");
    expect(text("Period")).toBe("2026-01-01 to 2026-12-31");
    expect(text("Generated at")).toBe("2026-07-15 09:30 UTC");
    expect(text("Readiness")).toBeCloseTo(1 / 3);
    expect(lines.get("Readiness")?.numFmt).toBe("0.0%");
    expect([
      text("Requirements"),
      text("Requirements ready"),
      text("Requirements not applicable"),
      text("Controls in scope"),
    ]).toEqual([4, 1, 1, 2]);
    expect([text("Exceptions"), text("Open exceptions"), text("Population events")]).toEqual([
      2, 1, 1,
    ]);
  });

  it("gives every view a bold, frozen header row with a filter", async () => {
    const workbook = await xlsxOf(sample());
    for (const [name, headers] of Object.entries(HEADERS)) {
      const sheet = sheetOf(workbook, name);
      expect(rowText(sheet, 1, headers.length + 1)).toEqual([...headers, ""]);
      expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(sheet.autoFilter).toBe(`A1:${String.fromCharCode(64 + headers.length)}1`);
    }
  });

  it("sizes columns and wraps long text as the view defines", async () => {
    const sheet = sheetOf(await xlsxOf(sample()), "Controls & evidence");
    expect(sheet.getColumn(11).width).toBe(66);
    expect(sheet.getCell("D2").alignment?.wrapText).toBe(true);
    expect(sheet.getCell("K2").alignment?.wrapText).toBeFalsy();
  });

  it("lists each requirement once per mapped control, and once without controls", async () => {
    const sheet = sheetOf(await xlsxOf(sample()), "Requirements");
    expect(sheet.actualRowCount).toBe(6);
    const rows = [2, 3, 4, 5, 6].map((number) => rowText(sheet, number));
    expect(rows.map((row) => [row[0], row[3], row[5]])).toEqual([
      ["CC6.1", "Ready", "AC-01"],
      ["CC6.1", "Ready", "IR-03"],
      ["CC8.1", "In progress", "CH-02"],
      ["A1.1", "Unmapped", ""],
      ["C1.2", "Not applicable", ""],
    ]);
    expect(rows[2]?.slice(6)).toEqual([
      "Change approval before release",
      "",
      "Monthly",
      "IT-dependent manual",
      "No",
      "No",
      "no owner; 2026-03 missing; 1 open exception",
    ]);
    expect(rows[3]?.slice(4)).toEqual(["", "", "", "", "", "", "", "", ""]);
    expect(rows[4]?.[4]).toBe("We hold no confidential customer data beyond account details.");
  });

  it("lists evidence once per linked control in page order, then controls without evidence", async () => {
    const sheet = sheetOf(await xlsxOf(sample()), "Controls & evidence");
    expect(sheet.actualRowCount).toBe(6);
    const rows = [2, 3, 4, 5, 6].map((number) => rowText(sheet, number));
    expect(rows.map((row) => [row[0], row[2]])).toEqual([
      ["AC-01", "ev-1"],
      ["AC-01", "ev-2"],
      ["CH-02", "ev-2"],
      ["CH-02", "ev-3"],
      ["IR-03", ""],
    ]);
    expect(rows[2]?.slice(4, 12)).toEqual([
      "File",
      "Design",
      "2025-12-20",
      "",
      "Before window",
      "access-policy.pdf",
      SHA,
      "48213",
    ]);
    expect(sheet.getCell("L4").value).toBe(48_213);
    expect(rows[3]?.slice(8)).toEqual([
      "After window",
      "",
      "",
      "",
      "https://tickets.example/CHG-1042",
      "CHG-1042",
      "Dana Demo",
      "2026-03-28 12:00 UTC",
      "CC8.1",
    ]);
    expect(rows[4]?.slice(1)).toEqual(["Incident response test", ...Array<string>(15).fill("")]);
  });

  it("keeps text that looks like a formula as text", async () => {
    const { summary, pages } = sample();
    const workbook = await xlsxOf({
      summary: { ...summary, organization: { name: "+Org", slug: "org" } },
      pages,
    });
    const title = sheetOf(workbook, "Controls & evidence").getCell("D3");
    expect(title.type).toBe(ExcelJS.ValueType.String);
    expect(title.value).toBe(`'${HYPERLINK}`);
    expect(title.formula).toBeUndefined();
    expect(sheetOf(workbook, "Summary").getCell("B2").value).toBe("'+Org");
  });

  it("lists exceptions and population events", async () => {
    const workbook = await xlsxOf(sample());
    const exceptions = sheetOf(workbook, "Exceptions");
    expect(rowText(exceptions, 3)).toEqual([
      "AC-01",
      "2026-02-02",
      "Low",
      "Remediated",
      "One leaver kept access for two days.",
      "Access removed; leaver checklist updated.",
      "2026-02-05 10:00 UTC",
    ]);
    expect(rowText(exceptions, 2).slice(2, 4)).toEqual(["Medium", "Open"]);
    const events = sheetOf(workbook, "Population events");
    expect(events.actualRowCount).toBe(2);
    expect(rowText(events, 2)).toEqual(["CH-02", "2026-02-14", "CHG-1042", "Release 4.2", "1"]);
    expect(events.getCell("E2").value).toBe(1);
  });

  it("shortens text longer than a spreadsheet cell holds", async () => {
    const { summary } = sample();
    const workbook = await xlsxOf({
      summary,
      pages: evidencePagesOf([makeExportEvidence({ title: "x".repeat(40_000) })]),
    });
    const title = String(sheetOf(workbook, "Controls & evidence").getCell("D2").value);
    expect(title).toHaveLength(32_767);
    expect(title.endsWith("…")).toBe(true);
  });
});

describe("control matrix as CSV", () => {
  it.each(MATRIX_VIEW_IDS)(
    "writes the %s view with the workbook's header and rows",
    async (view) => {
      const { summary, pages } = sample();
      const text = (
        await written((output) => writeMatrixCsv(view, summary, pages, output))
      ).toString("utf8");
      expect(text.startsWith("\uFEFF")).toBe(true);
      expect(text.endsWith("\r\n")).toBe(true);
      expect(text).not.toMatch(/[^\r]\n/);
      const table: string[][] = parse(text, { bom: true });
      const sheet = sheetOf(await xlsxOf(sample()), MATRIX_VIEWS[view].sheetName);
      expect(table.length).toBe(sheet.actualRowCount);
      expect(table).toEqual(
        Array.from({ length: table.length }, (_, index) =>
          rowText(sheet, index + 1, MATRIX_VIEWS[view].columns.length),
        ),
      );
    },
  );

  it("neutralises formulas and quotes commas and quotes", async () => {
    const { summary, pages } = sample();
    const table: string[][] = parse(
      await written((output) => writeMatrixCsv("controls", summary, pages, output)),
      { bom: true },
    );
    expect(table[0]).toEqual(HEADERS["Controls & evidence"]);
    expect(table.map((row) => row[3])).toEqual([
      "Title",
      "Q1 access review",
      `'${HYPERLINK}`,
      `'${HYPERLINK}`,
      'Release "4.2", approved',
      "",
    ]);
  });
});

describe("export as JSON", () => {
  it("writes the summary and every evidence record as one document", async () => {
    const { summary, evidence, pages } = sample();
    const document = JSON.parse(
      (await written((output) => writeExportJson(summary, pages, output))).toString("utf8"),
    );
    expect(document).toMatchObject({ format: "assay-readiness-export", version: 1 });
    expect(document.figures).toEqual(summary.figures);
    expect(document.requirements).toEqual(summary.requirements);
    expect(document.engagement).toEqual(summary.engagement);
    expect(document.evidence).toHaveLength(3);
    expect(document.evidence).toEqual(evidence);
  });

  it("stays valid with empty pages and no evidence", async () => {
    const empty: EvidencePages = async function* () {
      yield [];
    };
    const { summary } = sample();
    const document = JSON.parse(
      (await written((output) => writeExportJson(summary, empty, output))).toString("utf8"),
    );
    expect(document.evidence).toEqual([]);
    expect(document.controls).toHaveLength(3);
  });
});

describe("when something fails half-way", () => {
  const writers = {
    xlsx: writeMatrixXlsx,
    csv: (summary, pages, output) => writeMatrixCsv("controls", summary, pages, output),
    json: writeExportJson,
  } satisfies Record<string, typeof writeMatrixXlsx>;

  it.each(Object.entries(writers))(
    "%s: a failing evidence read fails the export and destroys the output",
    async (_format, write) => {
      const failing: EvidencePages = async function* () {
        yield [makeExportEvidence()];
        throw new Error("database went away");
      };
      const output = new Sink();
      await expect(write(makeExportSummary(), failing, output)).rejects.toThrow(
        "database went away",
      );
      expect(output.destroyed).toBe(true);
    },
  );

  it.each(Object.entries(writers))(
    "%s: a reader that goes away fails the export instead of hanging",
    async (_format, write) => {
      const { pages } = manyPages(5_000, 1_000);
      const output = new Writable({
        highWaterMark: 1024,
        write: (_chunk, _encoding, callback) =>
          setImmediate(() => callback(new Error("client disconnected"))),
      });
      await expect(write(makeExportSummary(), pages, output)).rejects.toThrow(
        "client disconnected",
      );
    },
  );
});

// A reader that takes a turn per chunk and counts what arrived; it records how far the evidence
// handed out ran ahead of what it received: that lead stays near a page when back-pressure works.
class SlowCountingSink extends Writable {
  hits = 0;
  maxLead = 0;
  private tail = "";
  constructor(
    private readonly marker: string,
    private readonly handedOut: () => number,
  ) {
    super({ highWaterMark: 1024 });
  }
  _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void) {
    const text = this.tail + chunk.toString("latin1");
    this.hits += text.split(this.marker).length - 1;
    this.tail = text.slice(1 - this.marker.length);
    this.maxLead = Math.max(this.maxLead, this.handedOut() - this.hits);
    setImmediate(callback);
  }
}

/** Records with a distinct file hash each, so that compression does not hide their size. */
function manyPages(total: number, pageSize: number) {
  const counter = { handedOut: 0 };
  const record = (index: number) => {
    const sha256 = createHash("sha256").update(String(index)).digest("hex");
    return makeExportEvidence({
      id: `ev-${index}`,
      kind: "file",
      file: {
        name: `export-${index}.csv`,
        contentType: "text/csv",
        sha256,
        size: index,
        storageKey: sha256,
      },
    });
  };
  const pages: EvidencePages = async function* () {
    for (let start = 0; start < total; start += pageSize) {
      const page = Array.from({ length: Math.min(pageSize, total - start) }, (_, index) =>
        record(start + index),
      );
      counter.handedOut += page.length;
      yield page;
    }
  };
  return { counter, pages };
}

describe("streaming 50,000 evidence records in pages of 1,000", () => {
  it("writes the JSON a few pages at a time", async () => {
    const { counter, pages } = manyPages(50_000, 1_000);
    const sink = new SlowCountingSink('"uploadedBy":', () => counter.handedOut);
    await writeExportJson(makeExportSummary(), pages, sink);
    expect(sink.hits).toBe(50_000);
    expect(sink.maxLead).toBeLessThanOrEqual(3_000);
  });

  it("writes the CSV a few pages at a time", async () => {
    const { counter, pages } = manyPages(50_000, 1_000);
    // Lines: header, 50,000 evidence rows for AC-01, one row for CH-02 without evidence.
    const sink = new SlowCountingSink("\r\n", () => counter.handedOut + 1);
    await writeMatrixCsv("controls", makeExportSummary(), pages, sink);
    expect(sink.hits).toBe(50_002);
    expect(sink.maxLead).toBeLessThanOrEqual(3_000);
  });

  it("stops reading evidence for the workbook while the reader does not read", async () => {
    const { counter, pages } = manyPages(20_000, 1_000);
    let release = () => {};
    const stalled = new Promise<void>((resolve) => (release = resolve));
    const output = new Writable({
      highWaterMark: 1024,
      write: (_chunk, _encoding, callback) => void stalled.then(() => setImmediate(callback)),
    });
    const done = writeMatrixXlsx(makeExportSummary(), pages, output);
    const held = await untilStalled(output, () => counter.handedOut);
    // Compression buffers hold a few pages; what matters is that reading stops, after some.
    expect(held).toBeGreaterThanOrEqual(1_000);
    expect(held).toBeLessThanOrEqual(8_000);
    expect(await untilStalled(output, () => counter.handedOut)).toBe(held);
    release();
    await done;
    expect(counter.handedOut).toBe(20_000);
  }, 30_000);
});
