// One view of the control matrix as CSV, streamed: the view's columns as the header, a byte-order
// mark so spreadsheets read UTF-8, CRLF line ends. csv-stringify does the quoting.
import { stringify } from "csv-stringify";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { EvidencePages, ExportSummary } from "@/lib/domain/export/types";
import { MATRIX_VIEWS, type MatrixCell, type MatrixViewId } from "./matrix-views";

async function* records(batches: AsyncIterable<MatrixCell[][]>): AsyncIterable<MatrixCell[]> {
  for await (const batch of batches) yield* batch;
}

/** Writes the view to `output` and ends it; on failure `output` is destroyed with the error. */
export async function writeMatrixCsv(
  view: MatrixViewId,
  summary: ExportSummary,
  evidencePages: EvidencePages,
  output: Writable,
): Promise<void> {
  const { columns, rows } = MATRIX_VIEWS[view];
  const csv = stringify({
    header: true,
    columns: columns.map((column) => column.header),
    bom: true,
    record_delimiter: "windows",
  });
  await pipeline(Readable.from(records(rows(summary, evidencePages))), csv, output);
}
