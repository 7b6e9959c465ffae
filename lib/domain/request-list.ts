import { isIsoDate } from "./dates";

// The auditor's request list (PBC / IRL) in the auditor's own layout: a grid of cells read from
// CSV or XLSX. This module finds the header row, suggests which column is which, plans the
// import row by row (with errors a person can fix) and builds the list going back in the same
// columns. Rows are numbered as the spreadsheet shows them (1-based, title rows included).

/** A cell as read: text, a number (an Excel date may arrive as its serial number), or empty. */
export type ListCell = string | number | null;
export type ListGrid = ListCell[][];

export const REQUEST_LIST_LIMITS = {
  // Under the 3 MB a server action accepts (next.config.js).
  bytes: 2 * 1024 * 1024,
  rows: 2_000,
  columns: 60,
  cellChars: 5_000,
  headerSearchRows: 20,
} as const;

export const LIST_FIELDS = ["externalId", "body", "dueDate", "reference", "control"] as const;
export type ListField = (typeof LIST_FIELDS)[number];
/** Which header each field is read from; fields without a column are absent. */
export type ListMapping = Partial<Record<ListField, string>>;

export const LIST_FIELD_LABELS: Record<ListField, string> = {
  externalId: "Request id",
  body: "Description",
  dueDate: "Due date",
  reference: "Criterion or objective",
  control: "Control",
};

const FIELD_PATTERNS: Record<ListField, RegExp> = {
  externalId: /^(request|req|pbc|irl|item|ref(erence)?)?\s*(id|#|no\.?|number|ref)$|^(pbc|irl)$/i,
  body: /(description|request(ed)?( item| detail)?s?$|details?|item requested|information requested|what)/i,
  dueDate: /(due|deadline|date (needed|required)|needed by|required by)/i,
  reference: /(criteri|objective|tsc|coso|\bco\b|point of focus)/i,
  control: /control/i,
};

export function cellText(cell: ListCell | undefined): string {
  if (cell === null || cell === undefined) return "";
  return typeof cell === "number" ? String(cell) : cell.trim();
}

/**
 * The header row (0-based): the first of the opening rows with at least two filled cells and
 * a cell that names a known column; failing that, the first with at least two filled cells.
 * A title row above the header ("Request list FY2026") has one filled cell and is skipped.
 */
export function findHeaderRow(grid: ListGrid): number | null {
  const candidates = grid
    .slice(0, REQUEST_LIST_LIMITS.headerSearchRows)
    .map((row, index) => ({ index, texts: row.map(cellText).filter(Boolean) }))
    .filter((row) => row.texts.length >= 2);
  const named = candidates.find((row) =>
    row.texts.some((text) =>
      LIST_FIELDS.some((field) => FIELD_PATTERNS[field].test(text.toLowerCase())),
    ),
  );
  return (named ?? candidates[0])?.index ?? null;
}

/** The header cells in file order; blank or repeated headers get a name of their own. */
export function headersOf(row: readonly ListCell[]): string[] {
  const seen = new Set<string>();
  let last = row.length;
  while (last > 0 && cellText(row[last - 1]) === "") last--;
  return row.slice(0, last).map((cell, index) => {
    const base = cellText(cell) || `Column ${index + 1}`;
    let name = base;
    for (let copy = 2; seen.has(name.toLowerCase()); copy++) name = `${base} (${copy})`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** A first guess at the mapping, one column per field, each column used once. */
export function suggestMapping(headers: readonly string[]): ListMapping {
  const mapping: ListMapping = {};
  const used = new Set<string>();
  // The id first (its header is the most distinctive), the description last (the loosest).
  for (const field of ["externalId", "dueDate", "reference", "control", "body"] as const) {
    const header = headers.find((name) => !used.has(name) && FIELD_PATTERNS[field].test(name));
    if (header) {
      mapping[field] = header;
      used.add(header);
    }
  }
  return mapping;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** "March", "Mar", "Sept." → 3, 3, 9: a month's name or its first letters (three or more); else 0. */
function monthNumber(word: string): number {
  const name = word.toLowerCase().replace(/\.$/, "");
  if (name.length < 3) return 0;
  return MONTHS.findIndex((month) => month.startsWith(name)) + 1;
}

/** A two-digit year with a month name ("01-Mar-27", as Excel writes dates to CSV) is 20xx. */
const fullYear = (year: string) => (year.length === 2 ? 2000 + Number(year) : Number(year));

/**
 * A due date as "YYYY-MM-DD", or an error. Accepts ISO dates, day/month/year with / . or -
 * (read as month/day only when the second number cannot be a month, as in 12/31/2026), dates
 * with an English month name ("1 March 2027", "01-Mar-27", "March 1, 2027") and Excel serial
 * numbers (days since 1899-12-30).
 */
export function parseDueDate(cell: ListCell): { date: string | null } | { error: string } {
  if (cell === null || cell === "") return { date: null };
  if (typeof cell === "number") {
    if (!Number.isFinite(cell) || cell < 1 || cell > 2_958_465)
      return { error: `"${cell}" is not a date.` };
    const iso = new Date(EXCEL_EPOCH_MS + Math.floor(cell) * DAY_MS).toISOString().slice(0, 10);
    return { date: iso };
  }
  const text = cell.trim();
  if (text === "") return { date: null };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (iso) return checked(Number(iso[1]), Number(iso[2]), Number(iso[3]), text);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (dmy) {
    const first = Number(dmy[1]);
    const second = Number(dmy[2]);
    const year = Number(dmy[3]);
    return second > 12 && first <= 12
      ? checked(year, first, second, text)
      : checked(year, second, first, text);
  }
  const dayMonth = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9}\.?)[\s,-]+(\d{4}|\d{2})$/.exec(
    text,
  );
  const monthDay = /^([A-Za-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(text);
  const named = dayMonth
    ? { day: dayMonth[1], month: dayMonth[2], year: dayMonth[3] }
    : monthDay
      ? { day: monthDay[2], month: monthDay[1], year: monthDay[3] }
      : null;
  if (named) {
    const month = monthNumber(named.month ?? "");
    if (month > 0) return checked(fullYear(named.year ?? ""), month, Number(named.day), text);
  }
  if (/^\d+(\.\d+)?$/.test(text)) return parseDueDate(Number(text));
  return { error: `"${text.slice(0, 40)}" is not a date (use 2026-12-31 or 31/12/2026).` };
}

function checked(
  year: number,
  month: number,
  day: number,
  text: string,
): { date: string } | { error: string } {
  const iso = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return isIsoDate(iso) ? { date: iso } : { error: `"${text.slice(0, 40)}" is not a date.` };
}

/** "CC6.1, CC6.2; CO-3" → ["CC6.1", "CC6.2", "CO-3"] (at most 20). */
export function splitRefs(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\n|]+|\s+(?:and|&)\s+|\s+/i)
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ].slice(0, 20);
}

export type ListLookups = {
  /** The engagement's requirements: a criterion code ("CC6.1") or an objective ref ("CO-3"). */
  requirementCodes: readonly string[];
  /** Controls of the organisation by ref. */
  controls: readonly { id: string; ref: string }[];
  /** Controls serving each requirement code, to suggest when the list names no control. */
  controlsOfRequirement?: ReadonlyMap<string, readonly string[]>;
  /** Auditor ids already imported into the engagement. */
  existingIds: ReadonlySet<string>;
};

export type PlannedRow = {
  rowNumber: number;
  externalId: string;
  body: string;
  dueDate: string | null;
  requirementCodes: string[];
  controlIds: string[];
  /** Every cell of the row keyed by header, as text, kept for the export. */
  cells: Record<string, string>;
  action: "create" | "update";
  errors: string[];
  warnings: string[];
};

export type ListPlan = {
  rows: PlannedRow[];
  /** Problems with the whole file or mapping (no row can be imported). */
  problems: string[];
  creates: number;
  updates: number;
  rowsWithErrors: number;
};

/** What importing `grid` with `mapping` would do, row by row. Nothing is written. */
export function planRequestList(
  grid: ListGrid,
  headerIndex: number,
  mapping: ListMapping,
  lookups: ListLookups,
): ListPlan {
  const headers = headersOf(grid[headerIndex] ?? []);
  const problems: string[] = [];
  for (const field of LIST_FIELDS) {
    const header = mapping[field];
    if (header !== undefined && !headers.includes(header))
      problems.push(
        `The column "${header}" chosen for ${LIST_FIELD_LABELS[field]} is not in the file.`,
      );
  }
  if (!mapping.externalId) problems.push("Choose the column with the auditor's request id.");
  if (!mapping.body) problems.push("Choose the column with the request's description.");
  if (headers.length > REQUEST_LIST_LIMITS.columns)
    problems.push(`The list has more than ${REQUEST_LIST_LIMITS.columns} columns.`);
  const dataRows = grid.slice(headerIndex + 1);
  if (dataRows.length > REQUEST_LIST_LIMITS.rows)
    problems.push(`The list has more than ${REQUEST_LIST_LIMITS.rows} rows; split it.`);
  if (problems.length > 0) return { rows: [], problems, creates: 0, updates: 0, rowsWithErrors: 0 };

  const controlByRef = new Map(
    lookups.controls.map((control) => [control.ref.toLowerCase(), control.id]),
  );
  const codeByKey = new Map(lookups.requirementCodes.map((code) => [code.toLowerCase(), code]));
  const seen = new Map<string, number>();
  const rows: PlannedRow[] = [];
  dataRows.forEach((row, offset) => {
    const rowNumber = headerIndex + offset + 2;
    const cells: Record<string, string> = {};
    headers.forEach((header, column) => (cells[header] = cellText(row[column])));
    if (Object.values(cells).every((value) => value === "")) return;
    const at = (field: ListField) => {
      const header = mapping[field];
      return header === undefined ? null : (row[headers.indexOf(header)] ?? null);
    };
    const errors: string[] = [];
    const warnings: string[] = [];
    const externalId = cellText(at("externalId"));
    const body = cellText(at("body"));
    if (!externalId) errors.push("The request id is missing.");
    else if (externalId.length > 64) errors.push("The request id is longer than 64 characters.");
    else if (seen.has(externalId.toLowerCase()))
      errors.push(
        `The request id ${externalId} is also on row ${seen.get(externalId.toLowerCase())}.`,
      );
    else seen.set(externalId.toLowerCase(), rowNumber);
    if (body.length < 3) errors.push("The description is missing.");
    if (Object.values(cells).some((value) => value.length > REQUEST_LIST_LIMITS.cellChars))
      errors.push(`A cell is longer than ${REQUEST_LIST_LIMITS.cellChars} characters.`);
    const due = parseDueDate(at("dueDate"));
    if ("error" in due) errors.push(`Due date: ${due.error}`);

    const requirementCodes: string[] = [];
    for (const ref of splitRefs(cellText(at("reference")))) {
      const code = codeByKey.get(ref.toLowerCase());
      if (code) requirementCodes.push(code);
      else warnings.push(`${ref} is not a criterion or objective of this engagement.`);
    }
    const controlIds: string[] = [];
    for (const ref of splitRefs(cellText(at("control")))) {
      const id = controlByRef.get(ref.toLowerCase());
      if (id) controlIds.push(id);
      else errors.push(`Unknown control ${ref}.`);
    }
    if (controlIds.length === 0)
      for (const code of requirementCodes)
        for (const id of lookups.controlsOfRequirement?.get(code) ?? [])
          if (!controlIds.includes(id)) controlIds.push(id);

    rows.push({
      rowNumber,
      externalId,
      body,
      dueDate: "date" in due ? due.date : null,
      requirementCodes,
      controlIds,
      cells,
      action: lookups.existingIds.has(externalId) ? "update" : "create",
      errors,
      warnings,
    });
  });
  if (rows.length === 0) problems.push("The list has no requests below its header.");
  const valid = rows.filter((row) => row.errors.length === 0);
  return {
    rows,
    problems,
    creates: valid.filter((row) => row.action === "create").length,
    updates: valid.filter((row) => row.action === "update").length,
    rowsWithErrors: rows.length - valid.length,
  };
}

/** One request going back: its imported cells and what happened to it. */
export type AnsweredRow = {
  cells: Record<string, string>;
  state: string;
  answer: string;
  answeredBy: string;
  answeredAt: string;
  files: readonly string[];
};

const ADDED_COLUMNS = ["State", "Answer", "Answered by", "Answered at", "Files"] as const;
/** How many columns the list going back adds after the auditor's own. */
export const ADDED_COLUMN_COUNT = ADDED_COLUMNS.length;

/**
 * The list going back: the imported headers in their order, then state, answer, answered
 * by/at and the answering files (pack paths, one per line). An added column whose name the
 * auditor already uses is suffixed " (Assay)".
 */
export function answeredListTable(
  headers: readonly string[],
  rows: readonly AnsweredRow[],
): string[][] {
  const taken = new Set(headers.map((header) => header.toLowerCase()));
  const added = ADDED_COLUMNS.map((name) =>
    taken.has(name.toLowerCase()) ? `${name} (Assay)` : name,
  );
  return [
    [...headers, ...added],
    ...rows.map((row) => [
      ...headers.map((header) => row.cells[header] ?? ""),
      row.state,
      row.answer,
      row.answeredBy,
      row.answeredAt,
      row.files.join("\n"),
    ]),
  ];
}

/** A file that answered a request, enough to place it in the evidence pack. */
export type AnsweringFile = {
  evidenceId: string;
  kind: "file" | "note" | "link";
  /** The stored file's name, or the evidence title for notes and links. */
  name: string;
  effectiveDate: string;
  controlRefs: string[];
};

/** The imported list of one engagement with what happened to each request, for the way back. */
export type ExportRequestList = {
  fileName: string;
  format: "csv" | "xlsx";
  sheetName: string | null;
  headers: string[];
  /** The engagement's controls, by ref: the pack's control folders. */
  controls: { ref: string; title: string }[];
  rows: (Omit<AnsweredRow, "files"> & { files: AnsweringFile[] })[];
};

/** The name an evidence item has in its pack folder (as lib/export/pack.ts writes it). */
export function packEntryName(
  file: Pick<AnsweringFile, "kind" | "name" | "effectiveDate">,
): string {
  return file.kind === "file"
    ? `${file.effectiveDate} ${file.name}`
    : `${file.effectiveDate} ${file.name}.md`;
}

/** What the mapping step shows: the header, the mapping, a sample and the dry run's rows. */
export type ListPreviewView = {
  headerRow: number;
  headers: string[];
  mapping: ListMapping;
  sample: string[][];
  problems: string[];
  creates: number;
  updates: number;
  rowsWithErrors: number;
  total: number;
  rows: {
    rowNumber: number;
    externalId: string;
    body: string;
    dueDate: string | null;
    links: number;
    action: "create" | "update";
    errors: string[];
    warnings: string[];
  }[];
};
