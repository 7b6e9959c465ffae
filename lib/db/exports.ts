import "server-only";
import {
  EXPORT_CONTENT_TYPES,
  EXPORT_STALE_MS,
  exportRunState,
  isExportFormat,
  MAX_RUNNING_EXPORTS_PER_MEMBER,
  type ExportFormat,
  type ExportRunState,
  type SnapshotState,
} from "@/lib/domain/export/snapshot";
import type { ExportFigures } from "@/lib/domain/export/types";
import { AppError, notFound } from "@/lib/errors";
import { recordActivity } from "./activity";
import { recordAuditorAccess } from "./auditor-access";
import { assertCan } from "./authorize";
import { getDb } from "./client";
import type { OrgContext } from "./context";
import { getEngagement } from "./engagements";
import { engagementScope } from "./scope";

// Exports of an engagement. Each is a row (ExportRun) that tracks the work while it runs (any
// app instance can report its progress), then keeps the file in blob storage and the
// engagement's snapshot: readiness figures, per requirement/control status, the manifest hash.
// Producing the file is lib/exports/run-export.ts: this module only reads and writes the rows.

export async function startExport(
  ctx: OrgContext,
  engagementId: string,
  format: ExportFormat,
  now: Date = new Date(),
): Promise<{ id: string }> {
  assertCan(ctx, "export.create");
  const engagement = await getEngagement(ctx, engagementId);
  const running = await getDb().exportRun.count({
    where: {
      organizationId: ctx.orgId,
      createdById: ctx.userId,
      status: "running",
      heartbeatAt: { gt: new Date(now.getTime() - EXPORT_STALE_MS) },
    },
  });
  if (running >= MAX_RUNNING_EXPORTS_PER_MEMBER)
    throw new AppError(
      "RATE_LIMITED",
      `You already have ${MAX_RUNNING_EXPORTS_PER_MEMBER} exports running. Start another once one has finished.`,
      undefined,
      { retryAfterSeconds: 30 },
    );
  return getDb().exportRun.create({
    data: {
      organizationId: ctx.orgId,
      engagementId: engagement.id,
      format,
      status: "running",
      createdById: ctx.userId,
      createdAt: now,
      heartbeatAt: now,
    },
    select: { id: true },
  });
}

/**
 * Marks runs that will not finish as failed: their export process ended, or they were still
 * waiting when it was told to stop. Not a user's action: the ids come from this server's own
 * queue of runs it started (startExport checked the caller then). `createdById` narrows it to
 * one member's runs.
 */
export async function failUnfinishedRuns(
  runIds: readonly string[],
  message: string,
  options: { createdById?: string; now?: Date } = {},
): Promise<void> {
  if (runIds.length === 0) return;
  const { createdById, now = new Date() } = options;
  await getDb().exportRun.updateMany({
    where: { id: { in: [...runIds] }, status: "running", ...(createdById ? { createdById } : {}) },
    data: { status: "failed", error: message, finishedAt: now },
  });
}

/** Refreshes the heartbeat of runs waiting for their turn, so that they are not shown as interrupted. */
export async function touchWaitingRuns(
  runIds: readonly string[],
  now: Date = new Date(),
): Promise<void> {
  if (runIds.length === 0) return;
  await getDb().exportRun.updateMany({
    where: { id: { in: [...runIds] }, status: "running" },
    data: { heartbeatAt: now },
  });
}

export type ExportRunRow = {
  id: string;
  format: ExportFormat;
  state: ExportRunState;
  progressDone: number;
  progressTotal: number | null;
  error: string | null;
  fileName: string | null;
  size: number | null;
  sha256: string | null;
  manifestSha256: string | null;
  readinessPercent: number | null;
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
  sentToAuditorAt: Date | null;
};

const runSelect = {
  id: true,
  format: true,
  status: true,
  progressDone: true,
  progressTotal: true,
  error: true,
  fileName: true,
  size: true,
  sha256: true,
  manifestSha256: true,
  readinessPercent: true,
  createdAt: true,
  finishedAt: true,
  heartbeatAt: true,
  sentToAuditorAt: true,
  createdBy: { select: { name: true } },
} as const;

type RunRecord = {
  format: string;
  status: string;
  heartbeatAt: Date;
  createdBy: { name: string };
} & Omit<ExportRunRow, "format" | "state" | "createdBy">;

function toRow(
  { status, heartbeatAt, createdBy, format, ...run }: RunRecord,
  now: Date,
): ExportRunRow {
  return {
    ...run,
    format: isExportFormat(format) ? format : "pdf",
    state: exportRunState({ status, heartbeatAt }, now),
    createdBy: createdBy.name,
  };
}

/** The engagement's exports, newest first. Auditors see the exports of their engagements. */
export async function listExportRuns(
  ctx: OrgContext,
  engagementId: string,
  now: Date = new Date(),
): Promise<ExportRunRow[]> {
  assertCan(ctx, "export.create");
  await getEngagement(ctx, engagementId);
  const rows = await getDb().exportRun.findMany({
    where: { organizationId: ctx.orgId, engagementId },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: runSelect,
  });
  return rows.map((row) => toRow(row, now));
}

async function findRun(ctx: OrgContext, runId: string) {
  const run = await getDb().exportRun.findFirst({
    where: { id: runId, organizationId: ctx.orgId },
    select: { ...runSelect, engagementId: true, storageKey: true },
  });
  const scope = engagementScope(ctx);
  if (!run || (scope !== null && !scope.includes(run.engagementId))) throw notFound();
  return run;
}

export async function getExportRun(
  ctx: OrgContext,
  runId: string,
  now: Date = new Date(),
): Promise<ExportRunRow> {
  assertCan(ctx, "export.create");
  const {
    engagementId: _engagementId,
    storageKey: _storageKey,
    ...run
  } = await findRun(ctx, runId);
  return toRow(run, now);
}

export type ExportDownload = {
  storageKey: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
};

/**
 * What the download route streams. A download by an auditor is logged and marks the export as
 * sent to the auditor, the baseline for "what changed since".
 */
export async function openExportDownload(
  ctx: OrgContext,
  runId: string,
  now: Date = new Date(),
): Promise<ExportDownload> {
  assertCan(ctx, "export.create");
  const run = await findRun(ctx, runId);
  if (
    run.status !== "done" ||
    !run.storageKey ||
    !run.fileName ||
    run.size === null ||
    !run.sha256 ||
    !isExportFormat(run.format)
  ) {
    throw new AppError("CONFLICT", "This export is not ready to download.");
  }
  if (ctx.role === "auditor") {
    await recordAuditorAccess(
      ctx,
      "downloaded",
      {
        entityType: "export",
        entityId: run.id,
        label: `Export ${run.fileName}`,
        engagementId: run.engagementId,
      },
      now,
    );
    if (!run.sentToAuditorAt)
      await getDb().exportRun.update({ where: { id: run.id }, data: { sentToAuditorAt: now } });
  }
  return {
    storageKey: run.storageKey,
    fileName: run.fileName,
    contentType: EXPORT_CONTENT_TYPES[run.format],
    size: run.size,
    sha256: run.sha256,
  };
}

/** The team records that it sent this export to the auditor (by email, a portal…). */
export async function markExportSent(
  ctx: OrgContext,
  runId: string,
  now: Date = new Date(),
): Promise<void> {
  assertCan(ctx, "request.resolve");
  await getDb().$transaction(async (tx) => {
    const run = await tx.exportRun.findFirst({
      where: { id: runId, organizationId: ctx.orgId },
      select: { id: true, status: true, fileName: true, sentToAuditorAt: true },
    });
    if (!run) throw notFound();
    if (run.status !== "done")
      throw new AppError("CONFLICT", "Only a finished export can be marked as sent.");
    if (run.sentToAuditorAt) return;
    await tx.exportRun.update({ where: { id: run.id }, data: { sentToAuditorAt: now } });
    await recordActivity(
      tx,
      ctx,
      {
        action: "export.sent",
        entityType: "export",
        entityId: run.id,
        after: { fileName: run.fileName },
      },
      now,
    );
  });
}

export type SentSnapshot = {
  runId: string;
  fileName: string | null;
  sentAt: Date;
  createdAt: Date;
  figures: ExportFigures;
  state: SnapshotState;
};

/** The last export sent to the auditor, with the snapshot it recorded; null when none was. */
export async function lastSentSnapshot(
  ctx: OrgContext,
  engagementId: string,
): Promise<SentSnapshot | null> {
  assertCan(ctx, "export.create");
  await getEngagement(ctx, engagementId);
  const run = await getDb().exportRun.findFirst({
    where: {
      organizationId: ctx.orgId,
      engagementId,
      status: "done",
      sentToAuditorAt: { not: null },
    },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      fileName: true,
      sentToAuditorAt: true,
      createdAt: true,
      figures: true,
      state: true,
    },
  });
  if (!run?.sentToAuditorAt || !run.figures || !run.state) return null;
  return {
    runId: run.id,
    fileName: run.fileName,
    sentAt: run.sentToAuditorAt,
    createdAt: run.createdAt,
    figures: JSON.parse(run.figures) as ExportFigures,
    state: JSON.parse(run.state) as SnapshotState,
  };
}

export type EvidenceChange = { id: string; title: string; at: Date };

/** Evidence added to, or removed from, the organisation since `since`, for the engagement's controls. */
export async function evidenceChangesSince(
  ctx: OrgContext,
  controlIds: ReadonlySet<string>,
  since: Date,
): Promise<{ added: EvidenceChange[]; removed: EvidenceChange[] }> {
  assertCan(ctx, "export.create");
  const db = getDb();
  const [added, deletions] = await Promise.all([
    db.evidence.findMany({
      where: { organizationId: ctx.orgId, createdAt: { gt: since } },
      orderBy: { createdAt: "asc" },
      select: { id: true, title: true, createdAt: true, controls: { select: { controlId: true } } },
    }),
    db.activityLogEntry.findMany({
      where: { organizationId: ctx.orgId, action: "evidence.deleted", createdAt: { gt: since } },
      orderBy: { seq: "asc" },
      select: { entityId: true, before: true, createdAt: true },
    }),
  ]);
  const removed: EvidenceChange[] = [];
  for (const entry of deletions) {
    const before = entry.before
      ? (JSON.parse(entry.before) as { title?: unknown; controlIds?: unknown })
      : {};
    const linked = Array.isArray(before.controlIds)
      ? before.controlIds.filter((id): id is string => typeof id === "string")
      : [];
    if (linked.some((id) => controlIds.has(id)))
      removed.push({
        id: entry.entityId,
        title: typeof before.title === "string" ? before.title : "(untitled)",
        at: entry.createdAt,
      });
  }
  return {
    added: added
      .filter((item) => item.controls.some((link) => controlIds.has(link.controlId)))
      .map((item) => ({ id: item.id, title: item.title, at: item.createdAt })),
    removed,
  };
}
