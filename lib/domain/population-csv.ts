import { parse } from "csv-parse/sync";
import { isIsoDate } from "./dates";

// A pasted or uploaded population for an event-driven control: date, reference, description.

export type PopulationRow = { date: string; reference: string; description: string };
export type PopulationProblem = { row: number; message: string };
export const POPULATION_MAX_ROWS = 10_000;

export function parsePopulationCsv(text: string): { rows: PopulationRow[]; problems: PopulationProblem[] } {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    return { rows: [], problems: [{ row: 0, message: `The CSV could not be read: ${error instanceof Error ? error.message : "unknown error"}.` }] };
  }
  const header = records[0]?.map((cell) => cell.toLowerCase());
  const hasHeader = header?.[0] === "date";
  const body = hasHeader ? records.slice(1) : records;
  if (body.length === 0) return { rows: [], problems: [{ row: 0, message: "The CSV has no events." }] };
  if (body.length > POPULATION_MAX_ROWS) return { rows: [], problems: [{ row: 0, message: `At most ${POPULATION_MAX_ROWS.toLocaleString("en-GB")} events at once.` }] };
  const rows: PopulationRow[] = [];
  const problems: PopulationProblem[] = [];
  const seen = new Set<string>();
  body.forEach(([date = "", reference = "", description = ""], index) => {
    const row = index + (hasHeader ? 2 : 1);
    if (!isIsoDate(date)) problems.push({ row, message: `"${date}" is not a date (YYYY-MM-DD).` });
    else if (!reference) problems.push({ row, message: "The reference is missing." });
    else if (reference.length > 100) problems.push({ row, message: "The reference is longer than 100 characters." });
    else if (seen.has(reference)) problems.push({ row, message: `The reference "${reference}" appears twice.` });
    else rows.push({ date, reference, description: description.slice(0, 1000) });
    seen.add(reference);
  });
  return { rows, problems };
}
