import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import {
  CONTROL_FREQUENCIES,
  CONTROL_NATURES,
  CONTROL_REF_PATTERN,
  CONTROL_STATUSES,
  type ControlFrequency,
  type ControlNature,
  type ControlStatus,
} from "./controls";
import { FREQUENCY_LABELS, NATURE_LABELS } from "./labels";

// Import and export of the control library as CSV. Parsing is csv-parse's; this module reads
// the header, checks every cell against the organisation's lookups and plans the change.
// Rows are numbered as a spreadsheet shows them: the header is row 1.

export const CONTROL_CSV_COLUMNS = [
  "ref",
  "title",
  "description",
  "owner_email",
  "status",
  "frequency",
  "nature",
  "key",
  "grace_days",
  "criteria",
  "objectives",
] as const;
export type ControlCsvColumn = (typeof CONTROL_CSV_COLUMNS)[number];
/**
 * Optional columns may be left out of the header: an update then keeps the current value. A blank
 * cell keeps it too, unless the import is asked to let blank cells clear values.
 */
const REQUIRED_CONTROL_CSV_COLUMNS: readonly ControlCsvColumn[] = [
  "ref",
  "title",
  "status",
  "frequency",
  "nature",
];
export const CONTROL_CSV_MAX_BYTES = 2 * 1024 * 1024;
const CONTROL_CSV_MAX_ROWS = 5_000;
const CSV_LIST_SEPARATOR = ";";
// Same limits as ControlInput (lib/schemas/control.ts); a unit test keeps them in step.
const TITLE_MIN = 3;
const TITLE_MAX = 200;
const DESCRIPTION_MAX = 5_000;
const GRACE_DAYS_MAX = 90;

export type CsvProblem = { row: number | null; column: string | null; message: string };
export type CsvRecord = { row: number; values: Partial<Record<ControlCsvColumn, string>> };
export type ParsedControlCsv = {
  columns: ControlCsvColumn[];
  records: CsvRecord[];
  rowCount: number;
  problems: CsvProblem[];
};

export type ControlValues = {
  ref: string;
  title: string;
  description: string;
  ownerId: string | null;
  status: ControlStatus;
  frequency: ControlFrequency;
  nature: ControlNature;
  key: boolean;
  /** Left out for a new control: it starts with the organisation's default. */
  graceDays?: number;
};
export type ExistingControl = {
  id: string;
  ref: string;
  title: string;
  description: string;
  ownerEmail: string | null;
  status: string;
  frequency: string;
  nature: string;
  key: boolean;
  graceDays: number;
  criteria: readonly string[];
  objectives: readonly string[];
};
export type ControlCsvLookups = {
  criterionCodes: readonly string[];
  objectiveRefs: readonly string[];
  members: readonly { email: string; userId: string }[];
  existing: readonly ExistingControl[];
};

export type FieldChange = { column: ControlCsvColumn; before: string; after: string };
/** How blank cells of an existing control read: keep its value (the default) or clear it. */
export type ControlImportOptions = { clearBlanks: boolean };
export const KEEP_BLANKS: ControlImportOptions = { clearBlanks: false };
export type PlannedControl = {
  row: number;
  values: ControlValues;
  criteria: string[];
  objectives: string[];
};
export type PlannedUpdate = PlannedControl & { id: string; changes: FieldChange[] };
export type ControlImportPlan = {
  rowCount: number;
  problems: CsvProblem[];
  creates: PlannedControl[];
  updates: PlannedUpdate[];
  unchanged: number;
};

export function utf8ByteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

const SPREADSHEET_FORMULA = /^[=+\-@\t\r]/;
/** Spreadsheets run cells starting with = + - @ as formulas: export prefixes them with '. */
export function escapeCell(value: string): string {
  return SPREADSHEET_FORMULA.test(value) ? `'${value}` : value;
}
export function unescapeCell(value: string): string {
  return value.startsWith("'") && SPREADSHEET_FORMULA.test(value.slice(1)) ? value.slice(1) : value;
}

const slug = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
const isColumn = (name: string): name is ControlCsvColumn =>
  (CONTROL_CSV_COLUMNS as readonly string[]).includes(name);
const fileProblem = (message: string): ParsedControlCsv => ({
  columns: [],
  records: [],
  rowCount: 0,
  problems: [{ row: null, column: null, message }],
});
const count = (n: number) => n.toLocaleString("en-GB");

/**
 * Far longer than any row of the template's columns at their limits. csv-parse slows down
 * sharply on one very long value (a 2 MB cell: seconds), so a longer row stops the parse at once.
 */
const MAX_ROW_CHARS = 65_536;

function readCsv(text: string): string[][] | string {
  try {
    return parse(text, { bom: true, relax_column_count: true, max_record_size: MAX_ROW_CHARS });
  } catch (error) {
    const line =
      error instanceof Error && "lines" in error && typeof error.lines === "number"
        ? ` near line ${error.lines}`
        : "";
    const code = error instanceof Error && "code" in error ? error.code : null;
    if (code === "CSV_MAX_RECORD_SIZE")
      return `The file is not valid CSV${line}: a row is longer than ${count(MAX_ROW_CHARS)} characters (is a quote left open?).`;
    const reason =
      code === "CSV_QUOTE_NOT_CLOSED"
        ? "a quoted value is never closed"
        : "a quote is in the wrong place (quote values that contain commas, quotes or line breaks, and double the quotes inside them)";
    return `The file is not valid CSV${line}: ${reason}.`;
  }
}

/** Reads the header and the rows; problems here concern the whole file. */
export function parseControlCsv(text: string): ParsedControlCsv {
  if (utf8ByteLength(text) > CONTROL_CSV_MAX_BYTES)
    return fileProblem("The file is larger than 2 MB. Split it and import each part.");
  if (!text.replace(/^\uFEFF/, "").trim())
    return fileProblem("The file is empty. Download the template to see the expected columns.");
  const table = readCsv(text);
  if (typeof table === "string") return fileProblem(table);
  const [header = [], ...rows] = table;
  const problems: CsvProblem[] = [];
  const columns: ControlCsvColumn[] = [];
  header.forEach((raw, index) => {
    const name = slug(raw);
    if (!name)
      problems.push({
        row: 1,
        column: null,
        message: `Column ${index + 1} of the header has no name.`,
      });
    else if (!isColumn(name))
      problems.push({
        row: 1,
        column: raw,
        message: `Unknown column "${raw}". The columns are: ${CONTROL_CSV_COLUMNS.join(", ")}.`,
      });
    else if (columns.includes(name))
      problems.push({ row: 1, column: raw, message: `The column "${name}" appears twice.` });
    else columns.push(name);
  });
  const missing = REQUIRED_CONTROL_CSV_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length)
    problems.push({
      row: 1,
      column: null,
      message: `The header lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.`,
    });
  if (problems.length) return { columns, records: [], rowCount: 0, problems };
  const records: CsvRecord[] = [];
  let rowCount = 0;
  rows.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((cell) => !cell.trim())) return;
    rowCount += 1;
    if (cells.length !== header.length) {
      problems.push({
        row,
        column: null,
        message: `This row has ${cells.length} values but the header has ${header.length} columns.`,
      });
      return;
    }
    records.push({
      row,
      values: Object.fromEntries(
        columns.map((column, i) => [column, unescapeCell((cells[i] ?? "").trim())]),
      ),
    });
  });
  if (rowCount > CONTROL_CSV_MAX_ROWS)
    return fileProblem(
      `The file has ${count(rowCount)} rows; import at most ${count(CONTROL_CSV_MAX_ROWS)} at a time.`,
    );
  if (!rowCount) return fileProblem("The file has a header but no controls.");
  return { columns, records, rowCount, problems };
}

function choice<T extends string>(values: readonly T[], labels: Partial<Record<T, string>> = {}) {
  const known = new Map<string, T>();
  for (const value of values) {
    known.set(slug(value), value);
    if (labels[value]) known.set(slug(labels[value]), value);
  }
  return (input: string) => known.get(slug(input));
}
const findStatus = choice(CONTROL_STATUSES);
const findFrequency = choice(CONTROL_FREQUENCIES, FREQUENCY_LABELS);
const findNature = choice(CONTROL_NATURES, NATURE_LABELS);

const KEY_VALUES = new Map([
  ["yes", true],
  ["true", true],
  ["1", true],
  ["y", true],
  ["no", false],
  ["false", false],
  ["0", false],
  ["n", false],
  ["", false],
]);

/** Finds codes exactly first, then ignoring case. */
function resolver(known: readonly string[]) {
  const exact = new Set(known);
  const folded = new Map(known.map((code) => [code.toUpperCase(), code]));
  return (input: string) => (exact.has(input) ? input : folded.get(input.toUpperCase()));
}

function splitList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(CSV_LIST_SEPARATOR)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

type Checked = Pick<ControlValues, "ref" | "title" | "status" | "frequency" | "nature"> &
  Partial<Pick<ControlValues, "description" | "ownerId" | "key" | "graceDays">> & {
    criteria?: string[];
    objectives?: string[];
  };

function checkRecord(
  { row, values }: CsvRecord,
  lookups: Lookups,
): { problems: CsvProblem[]; checked?: Checked } {
  const problems: CsvProblem[] = [];
  const fail = (column: ControlCsvColumn, message: string) => {
    problems.push({ row, column, message });
    return undefined;
  };
  const pick = <T extends string>(
    column: "status" | "frequency" | "nature",
    find: (input: string) => T | undefined,
    allowed: readonly T[],
  ): T | undefined => {
    const input = values[column] ?? "";
    return (
      find(input) ??
      fail(
        column,
        `${input ? `Unknown ${column} "${input}"` : `Enter a ${column}`}. Use one of: ${allowed.join(", ")}.`,
      )
    );
  };
  const list = (
    column: "criteria" | "objectives",
    find: (input: string) => string | undefined,
  ): string[] | undefined => {
    if (values[column] === undefined) return undefined;
    const items = splitList(values[column]);
    const unknown = items.filter((item) => find(item) === undefined);
    if (!unknown.length) return [...new Set(items.map((item) => find(item) ?? item))];
    const noun =
      column === "criteria"
        ? unknown.length > 1
          ? "criteria"
          : "criterion"
        : unknown.length > 1
          ? "objectives"
          : "objective";
    return fail(
      column,
      `Unknown ${noun}: ${unknown.join(", ")}.${column === "objectives" ? " Add objectives on the Objectives page first." : ""}`,
    );
  };

  const {
    ref = "",
    title = "",
    description,
    owner_email: ownerEmail,
    key,
    grace_days: graceDays,
  } = values;
  const checked = {
    ref: !ref
      ? fail("ref", "Enter a reference.")
      : CONTROL_REF_PATTERN.test(ref)
        ? ref
        : fail("ref", "Use up to 32 letters, digits, dots, dashes or underscores, e.g. AC-01."),
    title: !title
      ? fail("title", "Enter a title.")
      : title.length >= TITLE_MIN && title.length <= TITLE_MAX
        ? title
        : fail("title", `Use ${TITLE_MIN} to ${TITLE_MAX} characters.`),
    description:
      description === undefined || description.length <= DESCRIPTION_MAX
        ? description
        : fail("description", `Use at most ${count(DESCRIPTION_MAX)} characters.`),
    ownerId:
      ownerEmail === undefined
        ? undefined
        : ownerEmail
          ? (lookups.memberIds.get(ownerEmail.toLowerCase()) ??
            fail("owner_email", `${ownerEmail} is not a member of this organisation.`))
          : null,
    status: pick("status", findStatus, CONTROL_STATUSES),
    frequency: pick("frequency", findFrequency, CONTROL_FREQUENCIES),
    nature: pick("nature", findNature, CONTROL_NATURES),
    key:
      key === undefined
        ? undefined
        : (KEY_VALUES.get(key.toLowerCase()) ??
          fail(
            "key",
            `"${key}" is not yes or no. Use yes, no, true, false, 1, 0 or leave it blank.`,
          )),
    graceDays:
      graceDays === undefined || graceDays === ""
        ? undefined
        : /^\d{1,2}$/.test(graceDays) && Number(graceDays) <= GRACE_DAYS_MAX
          ? Number(graceDays)
          : fail("grace_days", `"${graceDays}" is not a whole number of days from 0 to 90.`),
    criteria: list("criteria", lookups.criterion),
    objectives: list("objectives", lookups.objective),
  };
  const { ref: okRef, title: okTitle, status, frequency, nature } = checked;
  if (problems.length || !okRef || !okTitle || !status || !frequency || !nature)
    return { problems };
  return {
    problems,
    checked: { ...checked, ref: okRef, title: okTitle, status, frequency, nature },
  };
}

type Lookups = ReturnType<typeof indexLookups>;

function indexLookups(lookups: ControlCsvLookups) {
  return {
    criterion: resolver(lookups.criterionCodes),
    objective: resolver(lookups.objectiveRefs),
    memberIds: new Map(
      lookups.members.map((member) => [member.email.toLowerCase(), member.userId]),
    ),
    emails: new Map(lookups.members.map((member) => [member.userId, member.email])),
    existing: new Map(lookups.existing.map((control) => [control.ref, control])),
  };
}

const display = {
  key: (value: boolean) => (value ? "yes" : "no"),
  list: (items: readonly string[]) => [...items].sort().join(CSV_LIST_SEPARATOR),
};

function changesOf(
  before: ExistingControl,
  after: PlannedControl,
  ownerEmail: string,
): FieldChange[] {
  const pairs: [ControlCsvColumn, string, string][] = [
    ["title", before.title, after.values.title],
    ["description", before.description, after.values.description],
    ["owner_email", before.ownerEmail ?? "", ownerEmail],
    ["status", before.status, after.values.status],
    ["frequency", before.frequency, after.values.frequency],
    ["nature", before.nature, after.values.nature],
    ["key", display.key(before.key), display.key(after.values.key)],
    ["grace_days", String(before.graceDays), String(after.values.graceDays ?? before.graceDays)],
    ["criteria", display.list(before.criteria), display.list(after.criteria)],
    ["objectives", display.list(before.objectives), display.list(after.objectives)],
  ];
  return pairs
    .filter(([, was, now]) => was !== now)
    .map(([column, was, now]) => ({ column, before: was, after: now }));
}

const REQUIRED_FROM_EXISTING = {
  title: "title",
  status: "status",
  frequency: "frequency",
  nature: "nature",
} as const;

/**
 * The cells of a row as the import reads them. For an existing control, by default, a blank cell
 * is dropped (as if its column were absent, so the current value stays) and a required column
 * left blank reads as the current value. With `clearBlanks` the row is taken as written.
 */
function effectiveRecord(
  record: CsvRecord,
  before: ExistingControl | undefined,
  options: ControlImportOptions,
): CsvRecord {
  if (!before || options.clearBlanks) return record;
  const values: CsvRecord["values"] = {};
  for (const [column, value] of Object.entries(record.values) as [ControlCsvColumn, string][]) {
    if (value !== "" || column === "ref") values[column] = value;
  }
  for (const [column, field] of Object.entries(REQUIRED_FROM_EXISTING) as [
    ControlCsvColumn,
    keyof typeof REQUIRED_FROM_EXISTING,
  ][]) {
    values[column] ??= before[field];
  }
  return { row: record.row, values };
}

/** Checks every row against the organisation; creates and updates only when nothing is wrong. */
export function planControlRows(
  parsed: ParsedControlCsv,
  lookups: ControlCsvLookups,
  options: ControlImportOptions = KEEP_BLANKS,
): ControlImportPlan {
  const index = indexLookups(lookups);
  const problems = [...parsed.problems];
  const firstRowOf = new Map<string, number>();
  const planned: PlannedControl[] = [];
  for (const written of parsed.records) {
    const record = effectiveRecord(written, index.existing.get(written.values.ref ?? ""), options);
    const { problems: rowProblems, checked } = checkRecord(record, index);
    problems.push(...rowProblems);
    const ref = record.values.ref;
    if (ref) {
      const first = firstRowOf.get(ref);
      if (first !== undefined)
        problems.push({
          row: record.row,
          column: "ref",
          message: `${ref} already appears on row ${first}.`,
        });
      else firstRowOf.set(ref, record.row);
    }
    if (!checked) continue;
    // A column left out of the header keeps the current value (or the default for a new control).
    const before = index.existing.get(checked.ref);
    const { criteria, objectives, ...given } = checked;
    const values: ControlValues = {
      ...given,
      description: given.description ?? before?.description ?? "",
      ownerId:
        given.ownerId !== undefined
          ? given.ownerId
          : before?.ownerEmail
            ? (index.memberIds.get(before.ownerEmail.toLowerCase()) ?? null)
            : null,
      key: given.key ?? before?.key ?? false,
      graceDays: given.graceDays ?? before?.graceDays,
    };
    planned.push({
      row: record.row,
      values,
      criteria: criteria ?? [...(before?.criteria ?? [])],
      objectives: objectives ?? [...(before?.objectives ?? [])],
    });
  }
  const plan: ControlImportPlan = {
    rowCount: parsed.rowCount,
    problems,
    creates: [],
    updates: [],
    unchanged: 0,
  };
  if (problems.length) return plan;
  for (const control of planned) {
    const before = index.existing.get(control.values.ref);
    if (!before) {
      plan.creates.push(control);
      continue;
    }
    const changes = changesOf(
      before,
      control,
      control.values.ownerId ? (index.emails.get(control.values.ownerId) ?? "") : "",
    );
    if (changes.length) plan.updates.push({ ...control, id: before.id, changes });
    else plan.unchanged += 1;
  }
  return plan;
}

/** Parses and plans in one step: what the import page and the import itself both run. */
export function planControlCsv(
  text: string,
  lookups: ControlCsvLookups,
  options: ControlImportOptions = KEEP_BLANKS,
): ControlImportPlan {
  return planControlRows(parseControlCsv(text), lookups, options);
}

/** What the import page shows: exact counts, and at most `limit` problems and changes. */
export type ControlImportReport = {
  rowCount: number;
  created: number;
  updated: number;
  unchanged: number;
  problemCount: number;
  problems: CsvProblem[];
  changeCount: number;
  /** Per row: a new control, or every field that changes with its old and new value. */
  changes: { row: number; ref: string; kind: "create" | "update"; fields: FieldChange[] }[];
};

/** Longest value a report repeats: a 5,000-character description is shown by its start. */
const REPORT_VALUE_CHARS = 160;
const shortened = (value: string) =>
  value.length > REPORT_VALUE_CHARS ? `${value.slice(0, REPORT_VALUE_CHARS - 1)}…` : value;
export type ControlImportResult = { applied: boolean; report: ControlImportReport };

export function summarizePlan(plan: ControlImportPlan, limit = 200): ControlImportReport {
  const changes = [
    ...plan.creates.map((c) => ({
      row: c.row,
      ref: c.values.ref,
      kind: "create" as const,
      fields: [],
    })),
    ...plan.updates.map((u) => ({
      row: u.row,
      ref: u.values.ref,
      kind: "update" as const,
      fields: u.changes.map((change) => ({
        column: change.column,
        before: shortened(change.before),
        after: shortened(change.after),
      })),
    })),
  ].sort((a, b) => a.row - b.row);
  return {
    rowCount: plan.rowCount,
    created: plan.creates.length,
    updated: plan.updates.length,
    unchanged: plan.unchanged,
    problemCount: plan.problems.length,
    problems: plan.problems.slice(0, limit),
    changeCount: changes.length,
    changes: changes.slice(0, limit),
  };
}

export type ControlCsvRow = Record<ControlCsvColumn, string>;

export function toControlCsvRow(control: ExistingControl): ControlCsvRow {
  return {
    ref: control.ref,
    title: control.title,
    description: control.description,
    owner_email: control.ownerEmail ?? "",
    status: control.status,
    frequency: control.frequency,
    nature: control.nature,
    key: display.key(control.key),
    grace_days: String(control.graceDays),
    criteria: display.list(control.criteria),
    objectives: display.list(control.objectives),
  };
}

/** CSV with a header, a byte-order mark (so spreadsheets read UTF-8) and CRLF line ends. */
export function controlsToCsv(rows: readonly ControlCsvRow[]): string {
  const escaped = rows.map((row) =>
    Object.fromEntries(CONTROL_CSV_COLUMNS.map((column) => [column, escapeCell(row[column])])),
  );
  return stringify(escaped, {
    header: true,
    columns: [...CONTROL_CSV_COLUMNS],
    bom: true,
    record_delimiter: "windows",
  });
}

/** A header and two example rows that import cleanly into the organisation they came from. */
export function controlCsvTemplate(ownerEmail: string, objectiveRef: string | null): string {
  return controlsToCsv([
    {
      ref: "EXAMPLE-01",
      title: "Quarterly user access review",
      description:
        "System owners review user access to production systems every quarter and remove access that is no longer needed.",
      owner_email: ownerEmail,
      status: "designed",
      frequency: "quarterly",
      nature: "manual",
      key: "yes",
      grace_days: "14",
      criteria: "CC6.2;CC6.3",
      objectives: objectiveRef ?? "",
    },
    {
      ref: "EXAMPLE-02",
      title: "Changes are approved before release",
      description: "",
      owner_email: "",
      status: "draft",
      frequency: "event_driven",
      nature: "it_dependent_manual",
      key: "no",
      grace_days: "",
      criteria: "CC8.1",
      objectives: "",
    },
  ]);
}
