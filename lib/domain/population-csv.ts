import { parse } from "csv-parse/sync";
import { isIsoDate } from "./dates";

// A pasted or uploaded population for an event-driven control: date, reference, description.

export type PopulationRow = { date: string; reference: string; description: string };
export type PopulationProblem = { row: number; message: string };
export const POPULATION_MAX_ROWS = 10_000;
/**
 * Far longer than any row of date, reference and description. csv-parse slows down sharply on
 * one very long value (a 2 MB cell: seconds), so a longer row stops the parse at once.
 */
const MAX_ROW_CHARS = 16_384;

export function parsePopulationCsv(text: string): {
  rows: PopulationRow[];
  problems: PopulationProblem[];
} {
  let records: string[][];
  try {
    // Blank lines are kept, then skipped below, so row numbers match the spreadsheet (header = row 1).
    records = parse(text.replace(/^\uFEFF/, ""), {
      relax_column_count: true,
      trim: true,
      max_record_size: MAX_ROW_CHARS,
    });
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "CSV_MAX_RECORD_SIZE") {
      const row = "lines" in error && typeof error.lines === "number" ? error.lines : 0;
      return {
        rows: [],
        problems: [
          {
            row,
            message: `A row is longer than ${MAX_ROW_CHARS.toLocaleString("en-GB")} characters (is a quote left open?).`,
          },
        ],
      };
    }
    return {
      rows: [],
      problems: [
        {
          row: 0,
          message: `The CSV could not be read: ${error instanceof Error ? error.message : "unknown error"}.`,
        },
      ],
    };
  }
  const numbered = records
    .map((cells, index) => ({ cells, row: index + 1 }))
    .filter(({ cells }) => cells.some(Boolean));
  const hasHeader = numbered[0]?.cells[0]?.toLowerCase() === "date";
  const body = hasHeader ? numbered.slice(1) : numbered;
  if (body.length === 0)
    return { rows: [], problems: [{ row: 0, message: "The CSV has no events." }] };
  if (body.length > POPULATION_MAX_ROWS)
    return {
      rows: [],
      problems: [
        {
          row: 0,
          message: `At most ${POPULATION_MAX_ROWS.toLocaleString("en-GB")} events at once.`,
        },
      ],
    };
  const rows: PopulationRow[] = [];
  const problems: PopulationProblem[] = [];
  const seen = new Set<string>();
  body.forEach(({ cells: [date = "", reference = "", description = ""], row }) => {
    if (!isIsoDate(date)) problems.push({ row, message: `"${date}" is not a date (YYYY-MM-DD).` });
    else if (!reference) problems.push({ row, message: "The reference is missing." });
    else if (reference.length > 100)
      problems.push({ row, message: "The reference is longer than 100 characters." });
    else if (seen.has(reference))
      problems.push({ row, message: `The reference "${reference}" appears twice.` });
    else rows.push({ date, reference, description: description.slice(0, 1000) });
    seen.add(reference);
  });
  return { rows, problems };
}
