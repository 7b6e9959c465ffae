import { describe, expect, it } from "vitest";
import {
  CONTROL_CSV_COLUMNS,
  CONTROL_CSV_MAX_BYTES,
  controlCsvTemplate,
  controlsToCsv,
  escapeCell,
  parseControlCsv,
  planControlCsv,
  planControlRows,
  summarizePlan,
  toControlCsvRow,
  unescapeCell,
  type ControlCsvLookups,
  type ExistingControl,
} from "@/lib/domain/control-csv";
import { ControlInput } from "@/lib/schemas/control";

const HEADER = CONTROL_CSV_COLUMNS.join(",");
const ALICE = { email: "alice@example.test", userId: "u-alice" };
const BOB = { email: "bob@example.test", userId: "u-bob" };

function makeExisting(overrides: Partial<ExistingControl> = {}): ExistingControl {
  return {
    id: "c-1",
    ref: "AC-01",
    title: "Access review",
    description: "Quarterly review.",
    ownerEmail: ALICE.email,
    status: "designed",
    frequency: "quarterly",
    nature: "manual",
    key: true,
    graceDays: 0,
    criteria: ["CC6.2"],
    objectives: ["ITGC-03"],
    ...overrides,
  };
}

function makeLookups(overrides: Partial<ControlCsvLookups> = {}): ControlCsvLookups {
  return {
    criterionCodes: ["CC6.1", "CC6.2", "CC6.3", "CC8.1"],
    objectiveRefs: ["ITGC-03", "BP-01"],
    members: [ALICE, BOB],
    existing: [],
    ...overrides,
  };
}

const csv = (...rows: string[]) => [HEADER, ...rows].join("\n");
const row = (cells: Partial<Record<(typeof CONTROL_CSV_COLUMNS)[number], string>> = {}) =>
  CONTROL_CSV_COLUMNS.map(
    (column) =>
      ({
        ref: "AC-01",
        title: "Access review",
        status: "draft",
        frequency: "monthly",
        nature: "manual",
        ...cells,
      })[column] ?? "",
  ).join(",");
const problemsOf = (text: string, lookups = makeLookups()) =>
  planControlCsv(text, lookups).problems;

describe("parseControlCsv", () => {
  it("reads a byte-order mark, CRLF line ends and quoted values with commas, quotes and line breaks", () => {
    const text = `\uFEFF${HEADER}\r\nAC-01,"Review, then ""approve""","Line one\r\nline two",,draft,monthly,manual,yes,7,CC6.1,\r\n`;
    const parsed = parseControlCsv(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.records).toEqual([
      {
        row: 2,
        values: expect.objectContaining({
          ref: "AC-01",
          title: 'Review, then "approve"',
          description: "Line one\r\nline two",
          key: "yes",
          grace_days: "7",
        }),
      },
    ]);
  });

  it("accepts the header in any order and case, with optional columns left out", () => {
    const parsed = parseControlCsv(
      "Nature,Title,REF,Frequency,Status\nmanual,Access review,AC-01,monthly,draft\n",
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.columns).toEqual(["nature", "title", "ref", "frequency", "status"]);
    expect(parsed.records[0]?.values).toEqual({
      nature: "manual",
      title: "Access review",
      ref: "AC-01",
      frequency: "monthly",
      status: "draft",
    });
  });

  it("refuses unknown, repeated, unnamed and missing columns", () => {
    expect(parseControlCsv(`${HEADER},colour\n`).problems).toEqual([
      { row: 1, column: "colour", message: expect.stringMatching(/Unknown column "colour"/) },
    ]);
    expect(parseControlCsv(`${HEADER},Title\n`).problems).toEqual([
      { row: 1, column: "Title", message: 'The column "title" appears twice.' },
    ]);
    expect(parseControlCsv(`${HEADER},\n`).problems).toEqual([
      { row: 1, column: null, message: "Column 12 of the header has no name." },
    ]);
    expect(parseControlCsv("ref,title,status\nAC-01,Access review,draft\n").problems).toEqual([
      { row: 1, column: null, message: "The header lacks the columns frequency, nature." },
    ]);
  });

  it("says so when the file is empty or has no rows", () => {
    for (const text of ["", "\uFEFF", "  \r\n\n"])
      expect(parseControlCsv(text).problems).toEqual([
        { row: null, column: null, message: expect.stringMatching(/^The file is empty/) },
      ]);
    expect(parseControlCsv(`${HEADER}\r\n\r\n`).problems).toEqual([
      { row: null, column: null, message: "The file has a header but no controls." },
    ]);
  });

  it("refuses more than 5,000 rows and more than 2 MB", () => {
    const rows = Array.from({ length: 5_001 }, (_, i) => row({ ref: `AC-${i}` }));
    expect(parseControlCsv(csv(...rows)).problems).toEqual([
      {
        row: null,
        column: null,
        message: "The file has 5,001 rows; import at most 5,000 at a time.",
      },
    ]);
    expect(parseControlCsv(csv(...rows.slice(0, 5_000))).problems).toEqual([]);
    const big = csv(row({ description: "é".repeat(CONTROL_CSV_MAX_BYTES / 2) }));
    expect(parseControlCsv(big).problems).toEqual([
      {
        row: null,
        column: null,
        message: "The file is larger than 2 MB. Split it and import each part.",
      },
    ]);
  });

  it("reports broken quoting and rows with the wrong number of values", () => {
    expect(parseControlCsv(csv(row(), 'AC-02,"never closed,draft')).problems).toEqual([
      {
        row: null,
        column: null,
        message: "The file is not valid CSV near line 3: a quoted value is never closed.",
      },
    ]);
    expect(parseControlCsv(csv(row(), "AC-02,Too few")).problems).toEqual([
      { row: 3, column: null, message: "This row has 2 values but the header has 11 columns." },
    ]);
  });

  // csv-parse takes seconds over one 2 MB value (found by the fuzz suite); the parse now stops there.
  it("refuses a row longer than any row of the template's columns", () => {
    expect(parseControlCsv(csv(row(), `AC-02,"${"x".repeat(70_000)}`)).problems).toEqual([
      {
        row: null,
        column: null,
        message:
          "The file is not valid CSV near line 3: a row is longer than 65,536 characters (is a quote left open?).",
      },
    ]);
    expect(parseControlCsv(csv(row({ description: "x".repeat(5_000) }))).problems).toEqual([]);
  });

  it("skips blank lines but keeps spreadsheet row numbers", () => {
    const parsed = parseControlCsv(csv("", row({ ref: "AC-02" }), ",,,,,,,,,"));
    expect(parsed.records.map((record) => record.row)).toEqual([3]);
    expect(parsed.rowCount).toBe(1);
  });
});

describe("planControlCsv: problems", () => {
  it.each([
    [
      "status",
      { status: "done" },
      'Unknown status "done". Use one of: draft, designed, implemented, retired.',
    ],
    [
      "status",
      { status: "" },
      "Enter a status. Use one of: draft, designed, implemented, retired.",
    ],
    [
      "frequency",
      { frequency: "hourly" },
      expect.stringMatching(/^Unknown frequency "hourly". Use one of: continuous, multiple_daily/),
    ],
    [
      "nature",
      { nature: "magic" },
      'Unknown nature "magic". Use one of: manual, automated, it_dependent_manual.',
    ],
    ["ref", { ref: "" }, "Enter a reference."],
    ["ref", { ref: "AC 01!" }, expect.stringMatching(/^Use up to 32 letters/)],
    ["title", { title: "" }, "Enter a title."],
    ["title", { title: "AB" }, "Use 3 to 200 characters."],
    ["description", { description: "x".repeat(5_001) }, "Use at most 5,000 characters."],
    ["criteria", { criteria: "CC6.1;CC99.9;ZZ1" }, "Unknown criteria: CC99.9, ZZ1."],
    [
      "objectives",
      { objectives: "ITGC-99" },
      "Unknown objective: ITGC-99. Add objectives on the Objectives page first.",
    ],
    [
      "owner_email",
      { owner_email: "mallory@example.test" },
      "mallory@example.test is not a member of this organisation.",
    ],
    [
      "key",
      { key: "maybe" },
      '"maybe" is not yes or no. Use yes, no, true, false, 1, 0 or leave it blank.',
    ],
  ])("reports a bad %s", (column, cells, message) => {
    expect(problemsOf(csv(row({ ref: "AC-00" }), row(cells)))).toEqual([
      { row: 3, column, message },
    ]);
  });

  it("reports a reference repeated in the file on the later row", () => {
    expect(problemsOf(csv(row(), row({ ref: "AC-02" }), row()))).toEqual([
      { row: 4, column: "ref", message: "AC-01 already appears on row 2." },
    ]);
  });

  it("plans from rows already parsed", () => {
    const values = {
      ref: "AC-09",
      title: "Parsed elsewhere",
      status: "draft",
      frequency: "daily",
      nature: "automated",
    };
    const plan = planControlRows(
      {
        columns: ["ref", "title", "status", "frequency", "nature"],
        rowCount: 2,
        problems: [],
        records: [
          { row: 7, values },
          { row: 9, values },
        ],
      },
      makeLookups(),
    );
    expect(plan.problems).toEqual([
      { row: 9, column: "ref", message: "AC-09 already appears on row 7." },
    ]);
  });

  it("reports every problem of every row and plans nothing", () => {
    const plan = planControlCsv(
      csv(row({ status: "x", key: "2" }), row({ ref: "AC-02" }), row({ ref: "AC-03", title: "" })),
      makeLookups(),
    );
    expect(plan.problems.map((p) => [p.row, p.column])).toEqual([
      [2, "status"],
      [2, "key"],
      [4, "title"],
    ]);
    expect(plan).toMatchObject({ creates: [], updates: [], unchanged: 0, rowCount: 3 });
  });
});

describe("planControlCsv: creates and updates", () => {
  it("accepts every yes/no spelling, labels for frequency and nature, and codes in any case", () => {
    const keys = ["yes", "no", "TRUE", "false", "1", "0", ""];
    const plan = planControlCsv(
      csv(
        ...keys.map((key, i) =>
          row({
            ref: `K-${i}`,
            key,
            frequency: "Several times a day",
            nature: "IT-dependent manual",
            criteria: "cc6.1; CC6.1 ;CC8.1",
            owner_email: "Alice@Example.test",
          }),
        ),
      ),
      makeLookups(),
    );
    expect(plan.problems).toEqual([]);
    expect(plan.creates.map((c) => c.values.key)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      false,
    ]);
    expect(plan.creates[0]).toMatchObject({
      values: { frequency: "multiple_daily", nature: "it_dependent_manual", ownerId: ALICE.userId },
      criteria: ["CC6.1", "CC8.1"],
      objectives: [],
    });
  });

  it("creates unknown references and updates known ones with what changes, replacing their mappings", () => {
    const existing = [
      makeExisting(),
      makeExisting({
        id: "c-2",
        ref: "AC-02",
        title: "Unchanged control",
        description: "",
        ownerEmail: null,
        status: "draft",
        frequency: "monthly",
        key: false,
        criteria: [],
        objectives: [],
      }),
    ];
    const text = csv(
      row({
        ref: "AC-01",
        title: "Access review",
        description: "Quarterly review.",
        owner_email: BOB.email,
        status: "implemented",
        frequency: "quarterly",
        key: "yes",
        criteria: "CC6.1",
        objectives: "ITGC-03;BP-01",
      }),
      row({ ref: "AC-02", title: "Unchanged control" }),
      row({ ref: "AC-03", title: "A new control" }),
    );
    const plan = planControlCsv(text, makeLookups({ existing }));
    expect(plan.problems).toEqual([]);
    expect(plan.creates).toEqual([
      {
        row: 4,
        values: {
          ref: "AC-03",
          title: "A new control",
          description: "",
          ownerId: null,
          status: "draft",
          frequency: "monthly",
          nature: "manual",
          key: false,
        },
        criteria: [],
        objectives: [],
      },
    ]);
    expect(plan.updates).toHaveLength(1);
    expect(plan.updates[0]).toMatchObject({
      id: "c-1",
      row: 2,
      criteria: ["CC6.1"],
      objectives: ["ITGC-03", "BP-01"],
    });
    expect(plan.updates[0]?.changes).toEqual([
      { column: "owner_email", before: ALICE.email, after: BOB.email },
      { column: "status", before: "designed", after: "implemented" },
      { column: "criteria", before: "CC6.2", after: "CC6.1" },
      { column: "objectives", before: "ITGC-03", after: "BP-01;ITGC-03" },
    ]);
    expect(plan.unchanged).toBe(1);
  });

  it("keeps the current value of a column left out of the header", () => {
    const plan = planControlCsv(
      "ref,title,status,frequency,nature\nAC-01,Access review,retired,quarterly,manual\n",
      makeLookups({ existing: [makeExisting()] }),
    );
    expect(plan.updates[0]?.values).toEqual({
      ref: "AC-01",
      title: "Access review",
      description: "Quarterly review.",
      ownerId: ALICE.userId,
      status: "retired",
      frequency: "quarterly",
      nature: "manual",
      key: true,
      graceDays: 0,
    });
    expect(plan.updates[0]).toMatchObject({
      criteria: ["CC6.2"],
      objectives: ["ITGC-03"],
      changes: [{ column: "status", before: "designed", after: "retired" }],
    });
  });

  it("plans controls that ControlInput accepts, at the edges of its limits too", () => {
    const plan = planControlCsv(
      csv(
        row({ ref: "A".repeat(32), title: "abc" }),
        row({
          ref: "B-1",
          title: "t".repeat(200),
          description: "d".repeat(5_000),
          owner_email: BOB.email,
        }),
      ),
      makeLookups(),
    );
    expect(plan.creates).toHaveLength(2);
    for (const create of plan.creates)
      expect(ControlInput.safeParse(create.values).success).toBe(true);
    expect(
      ControlInput.safeParse({ ...plan.creates[0]?.values, title: "t".repeat(201) }).success,
    ).toBe(false);
  });
});

describe("summarizePlan", () => {
  it("keeps exact counts but carries at most `limit` problems and changes, in row order", () => {
    const bad = summarizePlan(
      planControlCsv(
        csv(...Array.from({ length: 5 }, (_, i) => row({ ref: `B-${i}`, status: "nope" }))),
        makeLookups(),
      ),
      3,
    );
    expect(bad).toMatchObject({ rowCount: 5, problemCount: 5, created: 0, changeCount: 0 });
    expect(bad.problems.map((p) => p.row)).toEqual([2, 3, 4]);

    const good = summarizePlan(
      planControlCsv(
        csv(row({ ref: "NEW-1" }), row({ status: "retired" })),
        makeLookups({
          existing: [
            makeExisting({
              title: "Access review",
              frequency: "monthly",
              description: "",
              ownerEmail: null,
              key: false,
              criteria: [],
              objectives: [],
            }),
          ],
        }),
      ),
    );
    expect(good).toMatchObject({
      created: 1,
      updated: 1,
      unchanged: 0,
      problemCount: 0,
      changeCount: 2,
    });
    expect(good.changes).toEqual([
      { row: 2, ref: "NEW-1", kind: "create", fields: [] },
      {
        row: 3,
        ref: "AC-01",
        kind: "update",
        fields: [{ column: "status", before: "designed", after: "retired" }],
      },
    ]);
  });
});

describe("blank cells of an existing control", () => {
  const existing = makeLookups({ existing: [makeExisting()] });
  const blankRow = csv(
    row({
      title: "",
      status: "",
      frequency: "",
      nature: "",
      description: "",
      owner_email: "",
      key: "",
      criteria: "",
      objectives: "",
    }),
  );

  it("keep every current value by default, required ones included", () => {
    const plan = planControlCsv(blankRow, existing);
    expect(plan).toMatchObject({ problems: [], updates: [], unchanged: 1 });
  });

  it("clear the optional values when blanks clear, and leave required ones to be filled in", () => {
    expect(
      planControlCsv(blankRow, existing, { clearBlanks: true }).problems.map((p) => p.column),
    ).toEqual(["title", "status", "frequency", "nature"]);
    const plan = planControlCsv(
      csv(row({ title: "Access review", status: "designed", frequency: "quarterly" })),
      existing,
      { clearBlanks: true },
    );
    expect(plan.updates[0]?.changes.map((c) => c.column)).toEqual([
      "description",
      "owner_email",
      "key",
      "criteria",
      "objectives",
    ]);
  });

  it("report long values by their start, so a dry run of 5,000-character narratives stays small", () => {
    const report = summarizePlan(
      planControlCsv(
        csv(
          row({
            title: "Access review",
            status: "designed",
            frequency: "quarterly",
            description: "x".repeat(5_000),
          }),
        ),
        existing,
      ),
    );
    const [field] = report.changes[0]?.fields ?? [];
    expect(field).toMatchObject({ column: "description", before: "Quarterly review." });
    expect(field?.after).toHaveLength(160);
    expect(field?.after.endsWith("…")).toBe(true);
  });
});

describe("grace_days", () => {
  it("reads whole days from 0 to 90; blank leaves a new control to the organisation's default", () => {
    const plan = planControlCsv(
      csv(row({ ref: "A-0", grace_days: "0" }), row({ ref: "A-90", grace_days: "90" }), row()),
      makeLookups(),
    );
    expect(plan.problems).toEqual([]);
    expect(plan.creates.map((c) => c.values.graceDays)).toEqual([0, 90, undefined]);
    expect(ControlInput.safeParse(plan.creates[1]?.values).success).toBe(true);
  });

  it("refuses other values, naming the cell", () => {
    for (const value of ["91", "-1", "1.5", "seven", "007"])
      expect(problemsOf(csv(row({ grace_days: value })))).toEqual([
        {
          row: 2,
          column: "grace_days",
          message: `"${value}" is not a whole number of days from 0 to 90.`,
        },
      ]);
  });

  it("keeps an existing control's grace days when blank and reports a change", () => {
    const existing = makeLookups({ existing: [makeExisting({ graceDays: 5 })] });
    const keep = planControlCsv(csv(row({ grace_days: "" })), existing);
    expect(keep.updates.flatMap((u) => u.changes).find((c) => c.column === "grace_days")).toBe(
      undefined,
    );
    const change = planControlCsv(csv(row({ grace_days: "14" })), existing);
    expect(change.updates[0]?.values.graceDays).toBe(14);
    expect(change.updates[0]?.changes).toContainEqual({
      column: "grace_days",
      before: "5",
      after: "14",
    });
  });
});

describe("export", () => {
  it("writes every column with a byte-order mark and CRLF, and reads back to the same controls", () => {
    const controls = [
      makeExisting({ description: 'Says "hello", then\nleaves.' }),
      makeExisting({
        id: "c-2",
        ref: "AC-02",
        ownerEmail: null,
        key: false,
        graceDays: 14,
        criteria: ["CC8.1", "CC6.1"],
        objectives: [],
      }),
    ];
    const text = controlsToCsv(controls.map(toControlCsvRow));
    expect(text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    const plan = planControlCsv(text, makeLookups());
    expect(plan.problems).toEqual([]);
    expect(
      plan.creates.map((c) => [
        c.values.ref,
        c.values.description,
        c.values.ownerId,
        c.values.key,
        c.values.graceDays,
        c.criteria,
        c.objectives,
      ]),
    ).toEqual([
      ["AC-01", 'Says "hello", then\nleaves.', ALICE.userId, true, 0, ["CC6.2"], ["ITGC-03"]],
      ["AC-02", "Quarterly review.", null, false, 14, ["CC6.1", "CC8.1"], []],
    ]);
    expect(planControlCsv(text, makeLookups({ existing: controls })).unchanged).toBe(2);
  });

  it("defuses spreadsheet formulas and restores them on import", () => {
    for (const value of ["=SUM(A1)", "+1", "-1", "@cmd"])
      expect(unescapeCell(escapeCell(value))).toBe(value);
    expect(escapeCell("=HYPERLINK()")).toBe("'=HYPERLINK()");
    expect(escapeCell("Plain 'quote'")).toBe("Plain 'quote'");
    const plan = planControlCsv(
      controlsToCsv([
        toControlCsvRow(makeExisting({ title: "=1+1 checks", description: "- a bullet" })),
      ]),
      makeLookups(),
    );
    expect(plan.creates[0]?.values).toMatchObject({
      title: "=1+1 checks",
      description: "- a bullet",
    });
  });

  it("offers a template that imports cleanly", () => {
    const plan = planControlCsv(controlCsvTemplate(ALICE.email, "ITGC-03"), makeLookups());
    expect(plan.problems).toEqual([]);
    expect(
      plan.creates.map((c) => [c.values.ref, c.values.ownerId, c.criteria, c.objectives]),
    ).toEqual([
      ["EXAMPLE-01", ALICE.userId, ["CC6.2", "CC6.3"], ["ITGC-03"]],
      ["EXAMPLE-02", null, ["CC8.1"], []],
    ]);
  });
});
