import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { REQUEST_LIST_LIMITS, type ListCell, type ListGrid } from "./request-list";

// Reading the auditor's file into a grid of cells, bounded before any parsing: the bytes, then
// the rows and columns. XLSX: the first worksheet; a formula cell gives its cached result, a
// date cell its calendar day, a rich-text or hyperlink cell its text.

export type ListFile = { format: "csv" | "xlsx"; sheetName: string | null; grid: ListGrid };

export class ListFileError extends Error {}

export function listFormatOf(fileName: string): "csv" | "xlsx" | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".xlsx")) return "xlsx";
  return null;
}

export async function readListFile(fileName: string, bytes: Uint8Array): Promise<ListFile> {
  const format = listFormatOf(fileName);
  if (!format) throw new ListFileError("Upload the request list as a .csv or .xlsx file.");
  if (bytes.byteLength === 0) throw new ListFileError("The file is empty.");
  if (bytes.byteLength > REQUEST_LIST_LIMITS.bytes)
    throw new ListFileError(
      `The file is larger than ${REQUEST_LIST_LIMITS.bytes / 1024 / 1024} MB; split the list.`,
    );
  return format === "csv" ? readCsv(bytes) : readXlsx(bytes);
}

const MAX_ROWS = REQUEST_LIST_LIMITS.rows + REQUEST_LIST_LIMITS.headerSearchRows + 1;

function readCsv(bytes: Uint8Array): ListFile {
  const text = Buffer.from(bytes)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  const firstLine = text.slice(0, text.indexOf("\n") >>> 0);
  const delimiter =
    (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      to: MAX_ROWS + 1,
      max_record_size: REQUEST_LIST_LIMITS.cellChars * 4,
    }) as string[][];
  } catch (error) {
    throw new ListFileError(
      `The CSV file could not be read: ${error instanceof Error ? error.message.slice(0, 120) : "bad format"}.`,
    );
  }
  return { format: "csv", sheetName: null, grid: bounded(records) };
}

async function readXlsx(bytes: Uint8Array): Promise<ListFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new ListFileError(
      "The XLSX file could not be read. Save it again from your spreadsheet.",
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new ListFileError("The workbook has no worksheet.");
  if (sheet.rowCount > MAX_ROWS || sheet.columnCount > REQUEST_LIST_LIMITS.columns) throw tooBig();
  const grid: ListGrid = [];
  for (let number = 1; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number);
    const cells: ListCell[] = [];
    for (let column = 1; column <= Math.max(row.cellCount, 0); column++)
      cells.push(cellValue(row.getCell(column).value));
    grid.push(cells);
  }
  return { format: "xlsx", sheetName: sheet.name, grid: bounded(grid) };
}

function cellValue(value: ExcelJS.CellValue): ListCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("result" in value) return cellValue((value.result ?? null) as ExcelJS.CellValue);
  if ("richText" in value) return value.richText.map((part) => part.text).join("");
  if ("text" in value) return String(value.text);
  if ("error" in value) return null;
  return null;
}

function tooBig(): ListFileError {
  return new ListFileError(
    `The list has more than ${REQUEST_LIST_LIMITS.rows} rows or ${REQUEST_LIST_LIMITS.columns} columns; split it.`,
  );
}

function bounded(grid: ListGrid): ListGrid {
  if (grid.length > MAX_ROWS) throw tooBig();
  if (grid.some((row) => row.length > REQUEST_LIST_LIMITS.columns)) throw tooBig();
  return grid;
}
