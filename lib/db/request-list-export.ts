import "server-only";
import type { AnsweringFile, ExportRequestList } from "@/lib/domain/request-list";
import { requestStateOf } from "@/lib/domain/request-states";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { engagementRequirements } from "./engagement-requirements";
import { assertEngagementVisible } from "./scope";
import { REQUEST_STATE_LABELS } from "@/lib/domain/labels";

// The imported request list of an engagement going back to the auditor: the latest import's
// headers (in the file's order), each imported request's cells as imported, its state, the
// answer, who answered and when, and the evidence that answered it (placed in the pack by
// lib/export). Null when no list was imported.

const text = (value: unknown): string =>
  typeof value === "string" ? value : value === null || value === undefined ? "" : String(value);

function cellsOf(json: string | null): Record<string, string> {
  if (!json) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, text(value)]));
  } catch {
    return {};
  }
}

function headersOfImport(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.map(text) : [];
  } catch {
    return [];
  }
}

export async function loadRequestListExport(
  ctx: OrgContext,
  engagementId: string,
): Promise<ExportRequestList | null> {
  assertCan(ctx, "export.create");
  assertEngagementVisible(ctx, engagementId);
  const db = getDb();
  const latest = await db.requestListImport.findFirst({
    where: { organizationId: ctx.orgId, engagementId },
    orderBy: { createdAt: "desc" },
    select: { fileName: true, format: true, sheetName: true, headers: true },
  });
  if (!latest) return null;
  const { requirements } = await engagementRequirements(ctx, engagementId);
  const refOf = new Map(
    requirements.flatMap((requirement) =>
      requirement.controls.map((control) => [control.id, control.ref] as const),
    ),
  );
  const requests = await db.auditorRequest.findMany({
    where: { organizationId: ctx.orgId, engagementId, importRow: { not: null } },
    orderBy: [{ importRowNumber: "asc" }, { createdAt: "asc" }],
    take: 5_000,
    select: {
      status: true,
      answer: true,
      answeredAt: true,
      answeredById: true,
      importRow: true,
      evidence: {
        select: {
          evidence: {
            select: {
              id: true,
              kind: true,
              title: true,
              fileName: true,
              effectiveDate: true,
              controls: { select: { controlId: true } },
            },
          },
        },
      },
    },
  });
  const answeredBy = new Set(
    requests.flatMap((row) => (row.answeredById ? [row.answeredById] : [])),
  );
  const users = await db.user.findMany({
    where: { id: { in: [...answeredBy] } },
    select: { id: true, name: true },
  });
  const nameOf = new Map(users.map((user) => [user.id, user.name]));
  return {
    fileName: latest.fileName,
    format: latest.format === "xlsx" ? "xlsx" : "csv",
    sheetName: latest.sheetName,
    headers: headersOfImport(latest.headers),
    controls: [
      ...new Map(
        requirements.flatMap((requirement) =>
          requirement.controls.map((control) => [control.ref, control.title] as const),
        ),
      ),
    ]
      .map(([ref, title]) => ({ ref, title }))
      .sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)),
    rows: requests.map((row) => ({
      cells: cellsOf(row.importRow),
      state: REQUEST_STATE_LABELS[requestStateOf(row.status)],
      answer: row.answer ?? "",
      answeredBy: row.answeredById ? (nameOf.get(row.answeredById) ?? "") : "",
      answeredAt: row.answeredAt?.toISOString() ?? "",
      files: row.evidence.map(({ evidence }): AnsweringFile => {
        const kind = evidence.kind === "file" || evidence.kind === "link" ? evidence.kind : "note";
        return {
          evidenceId: evidence.id,
          kind,
          name: kind === "file" ? (evidence.fileName ?? "file") : evidence.title,
          effectiveDate: evidence.effectiveDate,
          controlRefs: evidence.controls.flatMap((link) => refOf.get(link.controlId) ?? []).sort(),
        };
      }),
    })),
  };
}
