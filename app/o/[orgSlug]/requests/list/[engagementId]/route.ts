import { loadRequestListExport } from "@/lib/db/request-list-export";
import { notFound } from "@/lib/errors";
import {
  answeredFileName,
  requestListCsv,
  requestListTable,
  requestListXlsx,
  standalonePackPaths,
} from "@/lib/export/request-list-export";
import { IdParam } from "@/lib/schemas/text";
import { orgRequestRoute } from "@/lib/server/route";

/**
 * GET /o/:orgSlug/requests/list/:engagementId?format=csv|xlsx — the engagement's imported request
 * list going back in the auditor's columns, with state, answer, who and when and the answering
 * files' pack paths. XLSX only when the list came as XLSX. Anyone who may export and see the
 * engagement; read only.
 */
export const GET = orgRequestRoute<{ engagementId: string }>(async (ctx, request, params) => {
  if (!IdParam.safeParse(params.engagementId).success) throw notFound();
  const list = await loadRequestListExport(ctx, params.engagementId);
  if (!list) throw notFound();
  const wanted = new URL(request.url).searchParams.get("format");
  const format = wanted === "xlsx" && list.format === "xlsx" ? "xlsx" : "csv";
  const table = requestListTable(list, standalonePackPaths(list));
  const body =
    format === "xlsx" ? await requestListXlsx(table, list.sheetName) : requestListCsv(table);
  const fileName = answeredFileName(list, format);
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type":
        format === "xlsx"
          ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          : "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
    },
  });
});
