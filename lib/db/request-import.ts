import "server-only";
import {
  findHeaderRow,
  headersOf,
  planRequestList,
  suggestMapping,
  type ListGrid,
  type ListMapping,
  type ListPlan,
} from "@/lib/domain/request-list";
import { AppError } from "@/lib/errors";
import { recordActivity } from "./activity";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { engagementRequirements } from "./engagement-requirements";
import { assertEngagementVisible } from "./scope";

// Importing the auditor's request list into an engagement: the file is read into a grid by the
// caller (lib/domain/request-list-file.ts); here the grid is planned against the engagement
// (its requirement codes, the organisation's controls, the auditor ids already imported) and,
// when nothing is wrong, written in one transaction. Requests are matched by the auditor's id,
// so an updated list updates them and never duplicates them. Team and auditor both import:
// the list usually arrives by email to the team.

export type ListSource = {
  fileName: string;
  format: "csv" | "xlsx";
  sheetName: string | null;
  grid: ListGrid;
};

export type ListPreview = {
  headerRow: number;
  headers: string[];
  mapping: ListMapping;
  plan: ListPlan;
  /** The first rows as read, for the mapping step's preview. */
  sample: string[][];
};

function assertMayImport(ctx: OrgContext): void {
  assertCan(ctx, ctx.role === "auditor" ? "request.create" : "request.resolve");
}

async function lookupsFor(ctx: OrgContext, engagementId: string) {
  const { requirements } = await engagementRequirements(ctx, engagementId);
  const db = getDb();
  const [controls, existing] = await Promise.all([
    db.control.findMany({
      where: { organizationId: ctx.orgId },
      take: 5_000,
      select: { id: true, ref: true },
    }),
    db.auditorRequest.findMany({
      where: { organizationId: ctx.orgId, engagementId, externalId: { not: null } },
      select: { externalId: true },
    }),
  ]);
  return {
    requirementCodes: requirements.map((requirement) => requirement.code),
    controls,
    controlsOfRequirement: new Map(
      requirements.map((requirement) => [
        requirement.code,
        requirement.controls.map((control) => control.id),
      ]),
    ),
    existingIds: new Set(existing.flatMap((row) => (row.externalId ? [row.externalId] : []))),
  };
}

/**
 * The dry run: where the header is (unless given, 1-based), the mapping (suggested unless
 * given) and what each row would do. Nothing is written.
 */
export async function previewRequestList(
  ctx: OrgContext,
  engagementId: string,
  source: ListSource,
  choice: { headerRow?: number; mapping?: ListMapping } = {},
): Promise<ListPreview> {
  assertMayImport(ctx);
  assertEngagementVisible(ctx, engagementId);
  const found = choice.headerRow !== undefined ? choice.headerRow - 1 : findHeaderRow(source.grid);
  if (found === null || found < 0 || found >= source.grid.length)
    throw new AppError("VALIDATION", "No header row found: the list needs a row of column names.");
  const headers = headersOf(source.grid[found] ?? []);
  const mapping = choice.mapping ?? suggestMapping(headers);
  const plan = planRequestList(source.grid, found, mapping, await lookupsFor(ctx, engagementId));
  const sample = source.grid
    .slice(found + 1, found + 6)
    .map((row) => headers.map((_, index) => String(row[index] ?? "")));
  return { headerRow: found + 1, headers, mapping, plan, sample };
}

/**
 * Imports the list in one transaction, or nothing: a mapping problem or any row with an error
 * is a VALIDATION error and no row is written.
 */
export async function importRequestList(
  ctx: OrgContext,
  engagementId: string,
  source: ListSource,
  choice: { headerRow: number; mapping: ListMapping },
  now: Date = new Date(),
): Promise<{ importId: string; created: number; updated: number }> {
  const preview = await previewRequestList(ctx, engagementId, source, choice);
  const { plan } = preview;
  if (plan.problems.length > 0) throw new AppError("VALIDATION", plan.problems.join(" "));
  if (plan.rowsWithErrors > 0)
    throw new AppError(
      "VALIDATION",
      `${plan.rowsWithErrors} row${plan.rowsWithErrors === 1 ? " has" : "s have"} errors; fix them in the file or the mapping and try again. Nothing was imported.`,
    );
  return getDb().$transaction(
    async (tx) => {
      const listImport = await tx.requestListImport.create({
        data: {
          organizationId: ctx.orgId,
          engagementId,
          fileName: source.fileName.slice(0, 200),
          format: source.format,
          sheetName: source.sheetName,
          headerRow: preview.headerRow,
          headers: JSON.stringify(preview.headers),
          mapping: JSON.stringify(choice.mapping),
          rowCount: plan.rows.length,
          createdById: ctx.userId,
          createdAt: now,
        },
        select: { id: true },
      });
      let created = 0;
      let updated = 0;
      for (const row of plan.rows) {
        const fields = {
          body: row.body,
          dueDate: row.dueDate,
          importId: listImport.id,
          importRow: JSON.stringify(row.cells),
          importRowNumber: row.rowNumber,
        };
        const existing = await tx.auditorRequest.findFirst({
          where: { organizationId: ctx.orgId, engagementId, externalId: row.externalId },
          select: { id: true, targets: { select: { kind: true } } },
        });
        let requestId: string;
        if (existing) {
          await tx.auditorRequest.update({
            where: { id: existing.id },
            data: { ...fields, version: { increment: 1 } },
          });
          requestId = existing.id;
          updated++;
        } else {
          const made = await tx.auditorRequest.create({
            data: {
              ...fields,
              organizationId: ctx.orgId,
              engagementId,
              externalId: row.externalId,
              status: "open",
              createdById: ctx.userId,
              createdAt: now,
            },
            select: { id: true },
          });
          requestId = made.id;
          created++;
        }
        // Suggested links are set on a new request; links someone edited on an existing one stay.
        if (!existing || existing.targets.length === 0)
          await tx.auditorRequestTarget.createMany({
            data: [
              ...row.requirementCodes.map((targetId) => ({
                requestId,
                kind: "requirement",
                targetId,
              })),
              ...row.controlIds.map((targetId) => ({ requestId, kind: "control", targetId })),
            ],
          });
      }
      await recordActivity(
        tx,
        ctx,
        {
          action: "request.list_imported",
          entityType: "engagement",
          entityId: engagementId,
          after: { importId: listImport.id, fileName: source.fileName, created, updated },
        },
        now,
      );
      return { importId: listImport.id, created, updated };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
