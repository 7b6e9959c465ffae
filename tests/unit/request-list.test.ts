import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  answeredListTable,
  findHeaderRow,
  headersOf,
  parseDueDate,
  planRequestList,
  suggestMapping,
  type ListGrid,
  type ListLookups,
} from "@/lib/domain/request-list";
import { ListFileError, readListFile } from "@/lib/domain/request-list-file";
import { matchesDue, moveRequest, requestStateOf } from "@/lib/domain/request-states";

// Request lists in layouts we did not produce: another column order, extra columns, a title
// row above the header, dates as text and as Excel serial numbers, a formula cell.

const lookups = (overrides: Partial<ListLookups> = {}): ListLookups => ({
  requirementCodes: ["CC6.1", "CC6.2", "CO-1"],
  controls: [
    { id: "c-ac1", ref: "AC-01" },
    { id: "c-ch2", ref: "CH-02" },
  ],
  controlsOfRequirement: new Map([["CC6.2", ["c-ch2"]]]),
  existingIds: new Set(),
  ...overrides,
});

async function xlsxBytes(rows: unknown[][], build?: (sheet: ExcelJS.Worksheet) => void) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("PBC");
  for (const row of rows) sheet.addRow(row);
  build?.(sheet);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe("parseDueDate", () => {
  it.each([
    ["2026-12-31", "2026-12-31"],
    ["31/12/2026", "2026-12-31"],
    ["12/31/2026", "2026-12-31"],
    ["01.02.2026", "2026-02-01"],
    [46387, "2026-12-31"],
    ["46387", "2026-12-31"],
    ["1 March 2027", "2027-03-01"],
    ["01-Mar-27", "2027-03-01"],
    ["1st Sept. 2027", "2027-09-01"],
    ["March 1, 2027", "2027-03-01"],
    ["31 dec 2026", "2026-12-31"],
    ["", null],
    [null, null],
  ] as const)("reads %s as %s", (cell, date) => {
    expect(parseDueDate(cell)).toEqual({ date });
  });

  it.each([
    "31/31/2026",
    "2026-02-30",
    "next Friday",
    -3,
    "30 February 2027",
    "1 Marsh 2027",
    "1 Mar 27th",
  ])("refuses %s", (cell) => {
    expect(parseDueDate(cell)).toHaveProperty("error");
  });
});

describe("header and mapping", () => {
  it("skips a title row and suggests the columns whatever their order", () => {
    const grid: ListGrid = [
      ["Acme Ltd – SOC 2 Type II request list FY2026"],
      [],
      ["Due", "Control", "TSC", "Requested item", "Owner", "PBC #"],
    ];
    expect(findHeaderRow(grid)).toBe(2);
    const headers = headersOf(grid[2] ?? []);
    expect(suggestMapping(headers)).toEqual({
      externalId: "PBC #",
      body: "Requested item",
      dueDate: "Due",
      reference: "TSC",
      control: "Control",
    });
  });

  it("names blank and repeated headers", () => {
    expect(headersOf(["Id", "", "Id", null])).toEqual(["Id", "Column 2", "Id (2)"]);
  });
});

describe("planRequestList", () => {
  const grid: ListGrid = [
    ["Notes", "Request ID", "Description", "Due date", "Criteria", "Control"],
    ["keep me", "PBC-1", "Q1 access review", "31/12/2026", "CC6.1", "AC-01"],
    ["", "PBC-2", "Change tickets", 46387, "CC6.2", ""],
    ["", "", "No id here", "tomorrow", "CC9.9", "ZZ-9"],
    ["", "PBC-1", "Again", "", "", ""],
    [],
  ];
  const mapping = suggestMapping(headersOf(grid[0] ?? []));

  it("plans each row with the links it suggests, and per-row errors", () => {
    const plan = planRequestList(grid, 0, mapping, lookups({ existingIds: new Set(["PBC-2"]) }));
    expect(plan.problems).toEqual([]);
    expect(plan.rows.map((row) => [row.rowNumber, row.action, row.errors])).toEqual([
      [2, "create", []],
      [3, "update", []],
      [
        4,
        "create",
        [
          "The request id is missing.",
          'Due date: "tomorrow" is not a date (use 2026-12-31 or 31/12/2026).',
          "Unknown control ZZ-9.",
        ],
      ],
      [5, "create", ["The request id PBC-1 is also on row 2."]],
    ]);
    expect(plan.rows[0]).toMatchObject({
      dueDate: "2026-12-31",
      requirementCodes: ["CC6.1"],
      controlIds: ["c-ac1"],
      cells: { Notes: "keep me", "Request ID": "PBC-1", "Due date": "31/12/2026" },
    });
    // No control named: the criterion's controls are suggested.
    expect(plan.rows[1]).toMatchObject({ dueDate: "2026-12-31", controlIds: ["c-ch2"] });
    expect(plan.rows[2]?.warnings).toEqual([
      "CC9.9 is not a criterion or objective of this engagement.",
    ]);
    expect([plan.creates, plan.updates, plan.rowsWithErrors]).toEqual([1, 1, 2]);
  });

  it("refuses a mapping without an id or description column", () => {
    const plan = planRequestList(grid, 0, { body: "Description" }, lookups());
    expect(plan.problems).toEqual(["Choose the column with the auditor's request id."]);
    expect(plan.rows).toEqual([]);
  });
});

describe("readListFile", () => {
  it("reads an XLSX with a title row, a date cell, a serial number and a formula", async () => {
    const bytes = await xlsxBytes(
      [
        ["FY2026 information request list"],
        ["Ref", "Item requested", "Deadline", "Objective"],
        ["IRL-1", "Payroll reconciliations", new Date(Date.UTC(2026, 11, 31)), "CO-1"],
        ["IRL-2", "User listing", 46388, "CO-1"],
      ],
      (sheet) => {
        sheet.getCell("A5").value = { formula: 'CONCAT("IRL-","3")', result: "IRL-3" };
        sheet.getCell("B5").value = "Change log";
      },
    );
    const file = await readListFile("Client PBC.xlsx", bytes);
    expect(file).toMatchObject({ format: "xlsx", sheetName: "PBC" });
    const header = findHeaderRow(file.grid);
    expect(header).toBe(1);
    const headers = headersOf(file.grid[1] ?? []);
    const plan = planRequestList(file.grid, 1, suggestMapping(headers), lookups());
    expect(
      plan.rows.map((row) => [row.rowNumber, row.externalId, row.dueDate, row.errors]),
    ).toEqual([
      [3, "IRL-1", "2026-12-31", []],
      [4, "IRL-2", "2027-01-01", []],
      [5, "IRL-3", null, []],
    ]);
  });

  it("reads a semicolon CSV with a byte-order mark", async () => {
    const text = "\uFEFFID;Beschreibung;Due\nA-1;Firewall rules;2026-03-01\n";
    const file = await readListFile("list.csv", new TextEncoder().encode(text));
    expect(file.grid).toEqual([
      ["ID", "Beschreibung", "Due"],
      ["A-1", "Firewall rules", "2026-03-01"],
    ]);
  });

  it("refuses other formats and oversized files before parsing", async () => {
    await expect(readListFile("list.pdf", new Uint8Array([1]))).rejects.toBeInstanceOf(
      ListFileError,
    );
    await expect(readListFile("list.csv", new Uint8Array(3 * 1024 * 1024))).rejects.toThrow(
      /larger than 2 MB/,
    );
  });
});

describe("answeredListTable", () => {
  it("keeps the imported columns in order and adds what happened, renaming clashes", () => {
    const table = answeredListTable(
      ["Ref", "Status", "Item"],
      [
        {
          cells: { Ref: "R1", Status: "sent", Item: "Policy" },
          state: "accepted",
          answer: "Attached",
          answeredBy: "Ada",
          answeredAt: "2026-05-01T10:00:00.000Z",
          files: ["controls/AC-01 Access/2026-04-01 policy.pdf", "controls/AC-01 Access/x.md"],
        },
      ],
    );
    expect(table).toEqual([
      ["Ref", "Status", "Item", "State", "Answer", "Answered by", "Answered at", "Files"],
      [
        "R1",
        "sent",
        "Policy",
        "accepted",
        "Attached",
        "Ada",
        "2026-05-01T10:00:00.000Z",
        "controls/AC-01 Access/2026-04-01 policy.pdf\ncontrols/AC-01 Access/x.md",
      ],
    ]);
    expect(answeredListTable(["State"], [])[0]).toEqual([
      "State",
      "State (Assay)",
      "Answer",
      "Answered by",
      "Answered at",
      "Files",
    ]);
  });
});

describe("request states", () => {
  it("moves open → answered → accepted, and back to open", () => {
    expect(moveRequest("open", "answer")).toEqual({ to: "answered" });
    expect(moveRequest("answered", "accept")).toEqual({ to: "accepted" });
    expect(moveRequest("accepted", "reopen")).toEqual({ to: "open" });
    expect(moveRequest("open", "accept")).toEqual({
      error: "Only an answered request can be accepted.",
    });
    expect(moveRequest("accepted", "answer")).toHaveProperty("error");
    expect(requestStateOf("closed")).toBe("answered");
  });

  it("filters due dates", () => {
    expect(matchesDue("2026-05-03", "open", "overdue", "2026-05-04")).toBe(true);
    expect(matchesDue("2026-05-03", "accepted", "overdue", "2026-05-04")).toBe(false);
    expect(matchesDue("2026-05-10", "open", "this-week", "2026-05-04")).toBe(true);
    expect(matchesDue("2026-05-11", "open", "this-week", "2026-05-04")).toBe(false);
  });
});
