// The auditor's request list going back in the auditor's own columns (see
// lib/domain/request-list.ts answeredListTable), as CSV (formula-safe, like the activity
// export) or as XLSX when the list came as XLSX. The files that answered each request are
// given by their paths in the evidence pack.
import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { safeCsvCell } from "@/lib/domain/activity-filters";
import {
  ADDED_COLUMN_COUNT,
  answeredListTable,
  packEntryName,
  type AnsweringFile,
  type ExportRequestList,
} from "@/lib/domain/request-list";
import { PackLayout } from "./pack-layout";

/** Where an evidence item lands in a pack: one path per control folder. */
export type PackPathsOf = (file: AnsweringFile) => readonly string[];

/**
 * Paths as a pack of the engagement would lay them out, for a list downloaded on its own. (Inside
 * the pack the paths the pack actually wrote are used; they differ only when two evidence items
 * share a date and a name in one folder, which the pack numbers in the order it writes them.)
 */
export function standalonePackPaths(list: ExportRequestList): PackPathsOf {
  const layout = new PackLayout(list.controls);
  const known = new Map<string, string[]>();
  return (file) => {
    let paths = known.get(file.evidenceId);
    if (!paths) {
      paths = layout.evidencePaths(file, packEntryName(file)).map((entry) => entry.path);
      known.set(file.evidenceId, paths);
    }
    return paths;
  };
}

export function requestListTable(list: ExportRequestList, pathsOf: PackPathsOf): string[][] {
  return answeredListTable(
    list.headers,
    list.rows.map((row) => ({ ...row, files: row.files.flatMap((file) => pathsOf(file)) })),
  );
}

export function requestListCsv(table: readonly string[][]): Buffer {
  return Buffer.from(stringify(table.map((row) => row.map(safeCsvCell))), "utf8");
}

const PLAIN_NUMBER = /^-?(0|[1-9]\d{0,14})(\.\d{1,10})?$/;

export async function requestListXlsx(
  table: readonly string[][],
  sheetName: string | null,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet((sheetName ?? "Requests").slice(0, 31) || "Requests");
  // Plain string cells: exceljs writes a formula only when given one, so "=…" stays text. The
  // auditor's own cells that read as plain numbers (an Excel serial date, an amount) go back as
  // numbers, as they came; "007" keeps its zeros as text. Assay's added columns stay text.
  table.forEach((row, index) =>
    sheet.addRow(
      index === 0
        ? [...row]
        : row.map((cell, column) =>
            column < row.length - ADDED_COLUMN_COUNT && PLAIN_NUMBER.test(cell)
              ? Number(cell)
              : cell,
          ),
    ),
  );
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The file name going back: the auditor's own, marked as answered. */
export function answeredFileName(list: ExportRequestList, format: "csv" | "xlsx"): string {
  const stem = list.fileName.replace(/\.(csv|xlsx)$/i, "") || "request-list";
  return `${stem} (answered).${format}`;
}
