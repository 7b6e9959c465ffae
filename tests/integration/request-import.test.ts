import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { addFileEvidence } from "@/lib/db/evidence";
import { importRequestList, previewRequestList, type ListSource } from "@/lib/db/request-import";
import { loadRequestListExport } from "@/lib/db/request-list-export";
import { replyToRequest, acceptRequest } from "@/lib/db/request-threads";
import { readListFile } from "@/lib/domain/request-list-file";
import {
  requestListCsv,
  requestListTable,
  requestListXlsx,
  standalonePackPaths,
} from "@/lib/export/request-list-export";
import { makeAuditedOrg, makeAuditor } from "./auditor-fixture";
import { signInAs } from "./signed-in";
import {
  actions,
  expectAppError,
  expectIntactLog,
  fileEvidenceInput,
  makeOrg,
  makeUser,
  storedBlob,
} from "./helpers";

// The auditor's request list round trip against a real database: lists we did not produce
// (columns in another order, extra columns, a title row above the header, dates as text and
// as Excel serial numbers, a formula cell), a dry run with per-row errors, one transaction,
// re-imports that update by the auditor's id, and the list going back in the same columns.

vi.mock("@/lib/auth/session", async () => (await import("./signed-in")).sessionModule());

const { GET: listRoute } = await import("@/app/o/[orgSlug]/requests/list/[engagementId]/route");

const T0 = new Date("2026-05-04T10:00:00.000Z");

async function xlsxSource(
  fileName: string,
  rows: unknown[][],
  build?: (s: ExcelJS.Worksheet) => void,
): Promise<ListSource> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Requests FY26");
  for (const row of rows) sheet.addRow(row);
  build?.(sheet);
  const file = await readListFile(fileName, new Uint8Array(await workbook.xlsx.writeBuffer()));
  return { fileName, ...file };
}

async function csvSource(fileName: string, text: string): Promise<ListSource> {
  return { fileName, ...(await readListFile(fileName, new TextEncoder().encode(text))) };
}

const requestsOf = (engagementId: string) =>
  getDb().auditorRequest.findMany({
    where: { engagementId },
    orderBy: { importRowNumber: "asc" },
    select: {
      externalId: true,
      body: true,
      dueDate: true,
      status: true,
      importRowNumber: true,
      targets: { select: { kind: true, targetId: true }, orderBy: { targetId: "asc" } },
    },
  });

describe("importing a request list", () => {
  it("reads an XLSX with a title row, a formula and serial dates; dry run, commit, re-import updates", async () => {
    const { team, engagementA, controlA, controlBoth } = await makeAuditedOrg();
    const rows = [
      ["Big Four LLP – information request list – client: Acme"],
      ["Owner (client)", "Due", "Control objective", "Description of item", "Control #", "IRL No."],
      ["Finance", 46387, "OA-1", "Payroll reconciliations for Q1", "PAY-01", "IRL-001"],
      ["IT", "15/01/2027", "OA-1", "Quarterly access review", "", "IRL-002"],
      ["IT", "2027-02-01", "", "Firewall rules", "NOPE-9", null],
    ];
    const source = await xlsxSource("IRL.xlsx", rows, (sheet) => {
      sheet.getCell("F5").value = { formula: 'CONCAT("IRL-","003")', result: "IRL-003" };
    });

    const preview = await previewRequestList(team, engagementA.id, source);
    expect(preview.headerRow).toBe(2);
    expect(preview.mapping).toEqual({
      externalId: "IRL No.",
      body: "Description of item",
      dueDate: "Due",
      reference: "Control objective",
      control: "Control #",
    });
    expect(
      preview.plan.rows.map((row) => [row.rowNumber, row.externalId, row.dueDate, row.errors]),
    ).toEqual([
      [3, "IRL-001", "2026-12-31", []],
      [4, "IRL-002", "2027-01-15", []],
      [5, "IRL-003", "2027-02-01", ["Unknown control NOPE-9."]],
    ]);
    // A dry run writes nothing; a list with errors is refused whole.
    await expectAppError(
      importRequestList(team, engagementA.id, source, preview, T0),
      "VALIDATION",
      /1 row has errors/,
    );
    expect(await requestsOf(engagementA.id)).toEqual([]);

    // The mapping step: the control column left out, the list goes in.
    const mapping = { ...preview.mapping, control: undefined };
    const first = await importRequestList(
      team,
      engagementA.id,
      source,
      { headerRow: 2, mapping },
      T0,
    );
    expect(first).toMatchObject({ created: 3, updated: 0 });
    const imported = await requestsOf(engagementA.id);
    expect(
      imported.map((row) => [row.externalId, row.dueDate, row.status, row.importRowNumber]),
    ).toEqual([
      ["IRL-001", "2026-12-31", "open", 3],
      ["IRL-002", "2027-01-15", "open", 4],
      ["IRL-003", "2027-02-01", "open", 5],
    ]);
    // Suggested from the objective column: the objective and its controls.
    expect(imported[1]?.targets).toEqual(
      [
        { kind: "control", targetId: controlA.id },
        { kind: "control", targetId: controlBoth.id },
        { kind: "requirement", targetId: "OA-1" },
      ].sort((a, b) => (a.targetId < b.targetId ? -1 : 1)),
    );

    // The auditor sends an updated list: one date moved, one request added, none duplicated.
    const updatedRows = rows.map((row) => [...row]);
    updatedRows[3] = [
      "IT",
      "2027-01-31",
      "OA-1",
      "Quarterly access review (all quarters)",
      "",
      "IRL-002",
    ];
    updatedRows.push(["HR", "", "OA-1", "Joiners list", "", "IRL-004"]);
    const second = await importRequestList(
      team,
      engagementA.id,
      await xlsxSource("IRL v2.xlsx", updatedRows, (sheet) => {
        sheet.getCell("F5").value = { formula: '"IRL-"&"003"', result: "IRL-003" };
      }),
      { headerRow: 2, mapping },
      T0,
    );
    expect(second).toMatchObject({ created: 1, updated: 3 });
    const after = await requestsOf(engagementA.id);
    expect(after.map((row) => [row.externalId, row.body, row.dueDate])).toEqual([
      ["IRL-001", "Payroll reconciliations for Q1", "2026-12-31"],
      ["IRL-002", "Quarterly access review (all quarters)", "2027-01-31"],
      ["IRL-003", "Firewall rules", "2027-02-01"],
      ["IRL-004", "Joiners list", null],
    ]);
    expect(
      (await actions(team.orgId)).filter((action) => action === "request.list_imported"),
    ).toHaveLength(2);
    await expectIntactLog(team);
  });

  it("answers NOT_FOUND to an auditor of another engagement and to another organisation; a viewer is refused", async () => {
    const { team, viewer, engagementA, engagementB, auditor } = await makeAuditedOrg();
    const source = await csvSource("pbc.csv", "ID,Request\nP-1,Policies\n");
    await expectAppError(previewRequestList(auditor.ctx, engagementB.id, source), "NOT_FOUND");
    await expectAppError(previewRequestList(viewer.ctx, engagementA.id, source), "FORBIDDEN");
    const stranger = await makeOrg();
    await expectAppError(previewRequestList(stranger, engagementA.id, source), "NOT_FOUND");
    // The auditor of the engagement may import their own list.
    const mine = await importRequestList(auditor.ctx, engagementA.id, source, {
      headerRow: 1,
      mapping: { externalId: "ID", body: "Request" },
    });
    expect(mine.created).toBe(1);
    expect(await requestsOf(engagementB.id)).toEqual([]);
    const other = await makeAuditor(team, [engagementB.id]);
    await expectAppError(loadRequestListExport(other.ctx, engagementA.id), "NOT_FOUND");
  });
});

describe("the list going back", () => {
  it("keeps a CSV's columns and order, adds state, answer, who and when and the files' pack paths, formula-safe", async () => {
    const { team, editor, engagementA, controlA, auditor } = await makeAuditedOrg();
    const csv = [
      "Comments,PBC Ref,Due date,Requested item,Objective",
      '"=HYPERLINK(""http://x"")",PBC-7,31/12/2026,Payroll register,OA-1',
      ",PBC-8,46388,Bank reconciliation,OA-1",
    ].join("\n");
    const source = await csvSource("client list.csv", csv);
    const preview = await previewRequestList(team, engagementA.id, source);
    await importRequestList(team, engagementA.id, source, preview, T0);
    const [pbc7] = await getDb().auditorRequest.findMany({
      where: { engagementId: engagementA.id, externalId: "PBC-7" },
      select: { id: true, version: true },
    });
    if (!pbc7) throw new Error("PBC-7 was not imported");

    const evidence = await addFileEvidence(
      editor.ctx,
      fileEvidenceInput([controlA.id], { title: "Payroll register", effectiveDate: "2026-04-30" }),
      storedBlob(team.orgId, "register bytes"),
      { name: "register.pdf", contentType: "application/pdf" },
    );
    await replyToRequest(
      editor.ctx,
      {
        requestId: pbc7.id,
        version: pbc7.version,
        intent: "answer",
        body: "Attached the April register.",
        evidenceIds: [evidence.id],
      },
      new Date("2026-05-05T09:00:00.000Z"),
    );
    await acceptRequest(auditor.ctx, { requestId: pbc7.id, version: pbc7.version + 1 });

    const list = await loadRequestListExport(auditor.ctx, engagementA.id);
    if (!list) throw new Error("no list");
    const table = requestListTable(list, standalonePackPaths(list));
    const back = parse(requestListCsv(table).toString("utf8")) as string[][];
    expect(back).toEqual([
      [
        "Comments",
        "PBC Ref",
        "Due date",
        "Requested item",
        "Objective",
        "State",
        "Answer",
        "Answered by",
        "Answered at",
        "Files",
      ],
      [
        `'=HYPERLINK("http://x")`,
        "PBC-7",
        "31/12/2026",
        "Payroll register",
        "OA-1",
        "Accepted",
        "Attached the April register.",
        editor.user.name,
        "2026-05-05T09:00:00.000Z",
        "controls/PAY-01 Payroll reconciliation/2026-04-30 register.pdf",
      ],
      ["", "PBC-8", "46388", "Bank reconciliation", "OA-1", "Open", "", "", "", ""],
    ]);

    // The same list as XLSX reads back with the same cells.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await requestListXlsx(table, "PBC")) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, ...(table[0] ?? [])]);
    expect(sheet?.getCell("A2").value).toBe('=HYPERLINK("http://x")');
    expect(sheet?.getCell("A2").formula).toBeUndefined();
    // The Excel serial date goes back as the number it was; Assay's own columns stay text.
    expect(sheet?.getCell("C3").value).toBe(46388);
    expect(sheet?.getCell("B3").value).toBe("PBC-8");
  });
});

describe("the answered list download", () => {
  it("answers the XLSX of an XLSX list to the engagement's auditor; another engagement's auditor and a stranger get 404", async () => {
    const { team, engagementA, engagementB, auditor } = await makeAuditedOrg();
    const source = await xlsxSource("Auditor IRL.xlsx", [
      ["Item", "Ref"],
      ["Policies", "R-1"],
    ]);
    await importRequestList(team, engagementA.id, source, {
      headerRow: 1,
      mapping: { externalId: "Ref", body: "Item" },
    });
    const get = (engagementId: string, format: string) =>
      listRoute(
        new NextRequest(
          `http://assay.test/o/${team.orgSlug}/requests/list/${engagementId}?format=${format}`,
        ),
        { params: Promise.resolve({ orgSlug: team.orgSlug, engagementId }) },
      );
    signInAs(auditor.user);
    const xlsx = await get(engagementA.id, "xlsx");
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-disposition")).toContain("Auditor IRL (answered).xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.worksheets[0]?.getRow(2).values).toEqual([
      undefined,
      "Policies",
      "R-1",
      "Open",
      "",
      "",
      "",
      "",
    ]);
    expect((await get(engagementA.id, "csv")).headers.get("content-type")).toMatch(/text\/csv/);
    expect((await get(engagementB.id, "csv")).status).toBe(404);
    const other = await makeAuditor(team, [engagementB.id]);
    signInAs(other.user);
    expect((await get(engagementA.id, "csv")).status).toBe(404);
    signInAs(await makeUser());
    expect((await get(engagementA.id, "csv")).status).toBe(404);
  });
});
