// The control matrix as one workbook, streamed: a Summary sheet, then one sheet per view in
// MATRIX_VIEW_IDS order. Rows are committed as they are written and the writer waits whenever
// the reader falls behind, so memory holds about one page of evidence however long the matrix.
import ExcelJS from "exceljs";
import { once } from "node:events";
import { PassThrough, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { EvidencePages, ExportSummary } from "@/lib/domain/export/types";
import { summaryLines } from "./matrix-summary";
import { MATRIX_VIEW_IDS, MATRIX_VIEWS, type MatrixCell, type MatrixView } from "./matrix-views";

type Workbook = ExcelJS.stream.xlsx.WorkbookWriter;

/** Excel refuses a file with a longer cell. */
const EXCEL_CELL_MAX = 32_767;
const HEADER_FILL: ExcelJS.Fill = {
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: "FFE8EDF3" },
};
/** Printed: landscape, as wide as one page, as long as it takes. */
const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  orientation: "landscape",
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
};

function fitCell(cell: MatrixCell): MatrixCell {
  return typeof cell === "string" && cell.length > EXCEL_CELL_MAX
    ? `${cell.slice(0, EXCEL_CELL_MAX - 1)}…`
    : cell;
}

// exceljs cannot signal back-pressure (exceljs/exceljs#734): a sheet's XML leaves its buffer for
// the zip through a stream that accepts everything, so what waits there is XML the zip has not
// compressed yet. The writer reads that amount through internals of exceljs 4.4
// (WorksheetWriter.stream.pipes) and archiver (the pipe's _writableState) and waits while it is
// large; the stalled-reader test in tests/unit/export/matrix.test.ts fails if they change.
const PENDING_XML_MAX = 1024 * 1024;

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined;
}

function pendingXmlBytes(sheet: ExcelJS.Worksheet): number {
  const pipes = field(field(sheet, "stream"), "pipes");
  if (!Array.isArray(pipes)) return 0;
  return pipes.reduce((total: number, pipe: unknown) => {
    const length = field(field(pipe, "_writableState"), "length");
    return total + (typeof length === "number" ? length : 0);
  }, 0);
}

/** Waits until the zip has compressed most of the sheet so far and the reader has taken it. */
async function caughtUp(sheet: ExcelJS.Worksheet, zip: PassThrough): Promise<void> {
  for (;;) {
    if (zip.destroyed)
      throw zip.errored ?? new Error("The workbook's output closed before the end.");
    if (zip.writableNeedDrain) await once(zip, "drain");
    else if (pendingXmlBytes(sheet) > PENDING_XML_MAX) await nextTurn();
    else return;
  }
}

function writeSummarySheet(workbook: Workbook, summary: ExportSummary): void {
  const sheet = workbook.addWorksheet("Summary");
  sheet.columns = [
    { width: 32 },
    { width: 64, style: { alignment: { wrapText: true, vertical: "top", horizontal: "left" } } },
  ];
  const title = sheet.addRow(["Control matrix"]);
  title.font = { bold: true, size: 14 };
  title.commit();
  for (const line of summaryLines(summary)) {
    const row = sheet.addRow([line.label, line.value]);
    row.getCell(1).font = { bold: true };
    if (line.format) row.getCell(2).numFmt = line.format;
    row.commit();
  }
  sheet.commit();
}

async function writeViewSheet(
  workbook: Workbook,
  view: MatrixView,
  summary: ExportSummary,
  evidencePages: EvidencePages,
  zip: PassThrough,
): Promise<void> {
  const { columns } = view;
  const sheet = workbook.addWorksheet(view.sheetName, {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: PAGE_SETUP,
  });
  // exceljs gives each new cell a copy of its column's style and then writes that copy out as XML
  // to look up its number in the workbook's style table: most of the workbook's time for a
  // large matrix. It remembers the number of a style object it has seen, so every data cell is
  // given its column's one object instead. (Safe here: the matrix has no dates, whose cells
  // would need a date format of their own.)
  const styles: Partial<ExcelJS.Style>[] = columns.map((column) => ({
    alignment: { vertical: "top", wrapText: column.wrap },
  }));
  sheet.columns = columns.map((column, index) => ({ width: column.width, style: styles[index] }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const header = sheet.addRow(columns.map((column) => column.header));
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  header.commit();
  for await (const batch of view.rows(summary, evidencePages)) {
    for (const cells of batch) {
      const row = sheet.addRow(cells.map(fitCell));
      row.eachCell(
        { includeEmpty: true },
        (cell, column) => (cell.style = styles[column - 1] ?? cell.style),
      );
      row.commit();
    }
    await caughtUp(sheet, zip);
  }
  sheet.commit();
}

async function writeWorkbook(
  summary: ExportSummary,
  evidencePages: EvidencePages,
  zip: PassThrough,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: zip,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = workbook.lastModifiedBy = "Assay";
  workbook.created = workbook.modified = new Date(summary.generatedAt);
  writeSummarySheet(workbook, summary);
  for (const id of MATRIX_VIEW_IDS)
    await writeViewSheet(workbook, MATRIX_VIEWS[id], summary, evidencePages, zip);
  await workbook.commit();
}

/** Writes the workbook to `output` and ends it; on failure `output` is destroyed with the error. */
export async function writeMatrixXlsx(
  summary: ExportSummary,
  evidencePages: EvidencePages,
  output: Writable,
): Promise<void> {
  const zip = new PassThrough();
  const delivered = pipeline(zip, output);
  try {
    await Promise.all([delivered, writeWorkbook(summary, evidencePages, zip)]);
  } catch (error) {
    zip.destroy(error instanceof Error ? error : new Error(String(error)));
    await delivered.catch(() => undefined);
    throw error;
  }
}
