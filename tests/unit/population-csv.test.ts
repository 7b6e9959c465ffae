import { describe, expect, it } from "vitest";
import { parsePopulationCsv, POPULATION_MAX_ROWS } from "@/lib/domain/population-csv";

const HEADER = "date,reference,description";
const lines = (...rows: string[]) => rows.join("\n");

describe("parsePopulationCsv", () => {
  it("reads rows with a header", () => {
    expect(
      parsePopulationCsv(
        lines(HEADER, "2026-01-05,HR-1,New hire Ada", "2026-02-10,HR-2,New hire Bob"),
      ),
    ).toEqual({
      rows: [
        { date: "2026-01-05", reference: "HR-1", description: "New hire Ada" },
        { date: "2026-02-10", reference: "HR-2", description: "New hire Bob" },
      ],
      problems: [],
    });
  });

  it("reads the same rows without a header, and a header in capitals", () => {
    const body = ["2026-01-05,HR-1,New hire Ada", "2026-02-10,HR-2"];
    const expected = [
      { date: "2026-01-05", reference: "HR-1", description: "New hire Ada" },
      { date: "2026-02-10", reference: "HR-2", description: "" },
    ];
    expect(parsePopulationCsv(lines(...body)).rows).toEqual(expected);
    expect(parsePopulationCsv(lines("Date,Reference,Description", ...body)).rows).toEqual(expected);
  });

  it("reads a byte-order mark, CRLF line ends and quoted fields with commas, quotes and line breaks", () => {
    const text = `\uFEFF${HEADER}\r\n2026-03-01,"CHG-7, part 2","Deploy ""v2"" to prod\r\nafter approval"\r\n2026-03-02,CHG-8,Hotfix\r\n`;
    expect(parsePopulationCsv(text)).toEqual({
      rows: [
        {
          date: "2026-03-01",
          reference: "CHG-7, part 2",
          description: 'Deploy "v2" to prod\r\nafter approval',
        },
        { date: "2026-03-02", reference: "CHG-8", description: "Hotfix" },
      ],
      problems: [],
    });
  });

  it("trims cells and cuts descriptions to 1,000 characters", () => {
    const { rows } = parsePopulationCsv(`  2026-03-01 ,  CHG-1  ,${"d".repeat(1200)}`);
    expect(rows).toEqual([
      { date: "2026-03-01", reference: "CHG-1", description: "d".repeat(1000) },
    ]);
  });

  it("numbers bad rows as a spreadsheet does, the header being row 1", () => {
    const text = lines(HEADER, "2026-01-05,HR-1", "05/01/2026,HR-2", "2026-02-30,HR-3", ",HR-4");
    expect(parsePopulationCsv(text).problems).toEqual([
      { row: 3, message: '"05/01/2026" is not a date (YYYY-MM-DD).' },
      { row: 4, message: '"2026-02-30" is not a date (YYYY-MM-DD).' },
      { row: 5, message: '"" is not a date (YYYY-MM-DD).' },
    ]);
  });

  it("numbers from row 1 when there is no header", () => {
    expect(parsePopulationCsv(lines("2026-01-05,HR-1", "yesterday,HR-2")).problems).toEqual([
      { row: 2, message: '"yesterday" is not a date (YYYY-MM-DD).' },
    ]);
  });

  it("skips blank lines and rows of empty cells without shifting the row numbers", () => {
    const text = lines(HEADER, "2026-01-05,HR-1", "", ",,", "2026-13-01,HR-2");
    expect(parsePopulationCsv(text)).toEqual({
      rows: [{ date: "2026-01-05", reference: "HR-1", description: "" }],
      problems: [{ row: 5, message: '"2026-13-01" is not a date (YYYY-MM-DD).' }],
    });
  });

  it("counts a quoted line break as part of its row, not as a new row", () => {
    const text = lines(HEADER, '2026-01-05,HR-1,"two', 'lines"', "nope,HR-2");
    expect(parsePopulationCsv(text).problems).toEqual([
      { row: 3, message: '"nope" is not a date (YYYY-MM-DD).' },
    ]);
  });

  it("asks for a missing reference and a reference of at most 100 characters", () => {
    const text = lines(
      HEADER,
      "2026-01-05",
      "2026-01-06,,Nothing",
      `2026-01-07,${"r".repeat(101)}`,
      `2026-01-08,${"r".repeat(100)}`,
    );
    const { rows, problems } = parsePopulationCsv(text);
    expect(problems).toEqual([
      { row: 2, message: "The reference is missing." },
      { row: 3, message: "The reference is missing." },
      { row: 4, message: "The reference is longer than 100 characters." },
    ]);
    expect(rows).toEqual([{ date: "2026-01-08", reference: "r".repeat(100), description: "" }]);
  });

  it("reports a reference used twice on the second row", () => {
    const text = lines(HEADER, "2026-01-05,HR-1", "2026-01-06,HR-2", "2026-01-07,HR-1");
    const { rows, problems } = parsePopulationCsv(text);
    expect(problems).toEqual([{ row: 4, message: 'The reference "HR-1" appears twice.' }]);
    expect(rows.map((row) => row.reference)).toEqual(["HR-1", "HR-2"]);
  });

  it.each([
    ["empty", ""],
    ["blank lines", "\n \r\n"],
    ["a header only", `${HEADER}\n`],
    ["a byte-order mark and a header", `\uFEFF${HEADER}`],
  ])("says there are no events when the file is %s", (_label, text) => {
    expect(parsePopulationCsv(text)).toEqual({
      rows: [],
      problems: [{ row: 0, message: "The CSV has no events." }],
    });
  });

  it("refuses a file that is not CSV, as a whole", () => {
    const { rows, problems } = parsePopulationCsv(lines(HEADER, '2026-01-05,"HR-1'));
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      { row: 0, message: expect.stringMatching(/^The CSV could not be read: /) },
    ]);
  });

  // csv-parse takes seconds over one 2 MB value (found by the fuzz suite); the parse now stops there.
  it("refuses a row longer than any population row, naming it", () => {
    expect(
      parsePopulationCsv(
        lines(HEADER, "2026-01-05,HR-1,ok", `2026-01-06,HR-2,${"x".repeat(20_000)}`),
      ),
    ).toEqual({
      rows: [],
      problems: [
        { row: 3, message: "A row is longer than 16,384 characters (is a quote left open?)." },
      ],
    });
    expect(
      parsePopulationCsv(lines(HEADER, `2026-01-06,HR-2,${"x".repeat(15_000)}`)).problems,
    ).toEqual([]);
  });

  it(`accepts ${POPULATION_MAX_ROWS.toLocaleString("en-GB")} events and refuses one more`, () => {
    const events = (count: number) => Array.from({ length: count }, (_, i) => `2026-01-01,E-${i}`);
    expect(parsePopulationCsv(lines(HEADER, ...events(POPULATION_MAX_ROWS)))).toMatchObject({
      problems: [],
    });
    expect(
      parsePopulationCsv(lines(HEADER, ...events(POPULATION_MAX_ROWS)).concat("\n\n")).rows,
    ).toHaveLength(POPULATION_MAX_ROWS);
    expect(parsePopulationCsv(lines(HEADER, ...events(POPULATION_MAX_ROWS + 1)))).toEqual({
      rows: [],
      problems: [{ row: 0, message: "At most 10,000 events at once." }],
    });
  });
});
