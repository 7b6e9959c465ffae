import path from "node:path";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExportRequestList } from "@/lib/domain/request-list";
import {
  packInput,
  readZip,
  sampleEvidence,
  sha256,
  tempDir,
  writePackFile,
  type ManifestJson,
  type ZipEntryBytes,
} from "./pack-helpers";

// The pack's requests/ folder: the auditor's list back in their columns, the answering files
// given by the paths this pack wrote them at, listed in the manifest with their hashes.

const AC01 = "controls/AC-01 Quarterly access review";
const CH02 = "controls/CH-02 Change approval before release";

const list = (format: "csv" | "xlsx"): ExportRequestList => ({
  fileName: `PBC list.${format}`,
  format,
  sheetName: "IRL",
  headers: ["Notes", "PBC #", "Item"],
  controls: [],
  rows: [
    {
      cells: { Notes: "=1+1", "PBC #": "P-1", Item: "Access review" },
      state: "Accepted",
      answer: "Attached.",
      answeredBy: "Dana Demo",
      answeredAt: "2026-04-02T09:00:00.000Z",
      files: [
        {
          evidenceId: "ev-file-1",
          kind: "file",
          name: "access-review.pdf",
          effectiveDate: "2026-03-28",
          controlRefs: ["AC-01", "CH-02"],
        },
        {
          evidenceId: "ev-link",
          kind: "link",
          name: "Ticket board",
          effectiveDate: "2026-02-01",
          controlRefs: ["CH-02"],
        },
      ],
    },
    {
      cells: { "PBC #": "P-2", Item: "Change log" },
      state: "Open",
      answer: "",
      answeredBy: "",
      answeredAt: "",
      files: [],
    },
  ],
});

let temp: Awaited<ReturnType<typeof tempDir>>;
let entries: ZipEntryBytes[];
let manifest: ManifestJson;

beforeAll(async () => {
  temp = await tempDir();
  const file = path.join(temp.dir, "pack.zip");
  await writePackFile(file, packInput(sampleEvidence(), { requestList: list("xlsx") }));
  entries = await readZip(file);
  manifest = JSON.parse(entries.at(-1)?.data.toString("utf8") ?? "null") as ManifestJson;
});

afterAll(async () => temp.remove());

describe("the pack's requests/ folder", () => {
  it("holds the answered list as CSV and, for an XLSX list, as XLSX, after the evidence", () => {
    const names = entries.map((entry) => entry.name);
    expect(names.slice(-3)).toEqual([
      "requests/PBC list (answered).csv",
      "requests/PBC list (answered).xlsx",
      "manifest.json",
    ]);
  });

  it("gives the answering files' paths as the pack wrote them, formula-safe", () => {
    const csv = entries.find((entry) => entry.name === "requests/PBC list (answered).csv");
    const rows = parse(csv?.data.toString("utf8") ?? "") as string[][];
    const files = [
      `${AC01}/2026-03-28 access-review.pdf`,
      `${CH02}/2026-03-28 access-review.pdf`,
      `${CH02}/2026-02-01 Ticket board.md`,
    ];
    for (const file of files) expect(entries.map((entry) => entry.name)).toContain(file);
    expect(rows).toEqual([
      ["Notes", "PBC #", "Item", "State", "Answer", "Answered by", "Answered at", "Files"],
      [
        "'=1+1",
        "P-1",
        "Access review",
        "Accepted",
        "Attached.",
        "Dana Demo",
        "2026-04-02T09:00:00.000Z",
        files.join("\n"),
      ],
      ["", "P-2", "Change log", "Open", "", "", "", ""],
    ]);
  });

  it("lists both files in the manifest with their hashes", async () => {
    for (const name of ["requests/PBC list (answered).csv", "requests/PBC list (answered).xlsx"]) {
      const entry = entries.find((candidate) => candidate.name === name);
      expect(manifest.files.find((file) => file.path === name)).toEqual({
        path: name,
        kind: "request-list",
        sha256: sha256(entry?.data ?? ""),
        size: entry?.data.byteLength,
      });
    }
    const workbook = new ExcelJS.Workbook();
    const xlsx = entries.find(
      (entry) => entry.name.endsWith(".xlsx") && entry.name.startsWith("requests/"),
    );
    await workbook.xlsx.load(xlsx?.data as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.name).toBe("IRL");
    expect(workbook.worksheets[0]?.getCell("A2").value).toBe("=1+1");
  });

  it("writes no requests/ folder when no list was imported", async () => {
    const file = path.join(temp.dir, "plain.zip");
    await writePackFile(file, packInput(sampleEvidence()));
    expect((await readZip(file)).some((entry) => entry.name.startsWith("requests/"))).toBe(false);
  });
});
