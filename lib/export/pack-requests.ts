// The pack's `requests/` folder: the auditor's imported request list going back, in their own
// columns, with the paths of the answering files exactly as this pack wrote them. CSV always;
// XLSX as well when the list came as XLSX.
import type { ExportRequestList } from "@/lib/domain/request-list";
import { safeName } from "./pack-paths";
import {
  answeredFileName,
  requestListCsv,
  requestListTable,
  requestListXlsx,
} from "./request-list-export";

export const REQUESTS_DIR = "requests";

export async function writeRequestList(
  list: ExportRequestList | null | undefined,
  writtenPaths: ReadonlyMap<string, readonly string[]>,
  add: (path: string, bytes: Buffer) => Promise<void>,
): Promise<void> {
  if (!list) return;
  const table = requestListTable(list, (file) => writtenPaths.get(file.evidenceId) ?? []);
  await add(`${REQUESTS_DIR}/${safeName(answeredFileName(list, "csv"))}`, requestListCsv(table));
  if (list.format === "xlsx")
    await add(
      `${REQUESTS_DIR}/${safeName(answeredFileName(list, "xlsx"))}`,
      await requestListXlsx(table, list.sheetName),
    );
}
