import "server-only";
import { diffSnapshots, snapshotState, type SnapshotDiff } from "@/lib/domain/export/snapshot";
import { can } from "@/lib/domain/permissions";
import { notFound } from "@/lib/errors";
import { recordEngagementView } from "./auditor-access";
import type { OrgContext } from "./context";
import { getEngagement } from "./engagements";
import { loadEngagementExport } from "./export-data";
import {
  evidenceChangesSince,
  lastSentSnapshot,
  listExportRuns,
  type EvidenceChange,
  type ExportRunRow,
  type SentSnapshot,
} from "./exports";

// Everything an engagement's exports page shows, in one call: the runs (with whether the viewer
// may mark each as sent), and what changed since the export the auditor last received. An
// auditor's visit is written to the access log.

export type ExportRunLine = ExportRunRow & { canMarkSent: boolean };

/** What changed since the last export sent to the auditor. */
export type SinceLastSent = {
  sentAt: Date;
  fileName: string | null;
  percentThen: number;
  percentNow: number;
  diff: SnapshotDiff;
  evidence: { added: EvidenceChange[]; removed: EvidenceChange[] };
};

export type ExportsPage = {
  orgSlug: string;
  engagement: { id: string; name: string };
  runs: ExportRunLine[];
  /** True while a run is in progress: the page refreshes itself. */
  running: boolean;
  /** Null when no export was sent to the auditor yet. */
  sinceLastSent: SinceLastSent | null;
  permissions: { markSent: boolean };
};

/**
 * Someone without export.create gets NOT_FOUND; so does an engagement of another organisation
 * or, for an auditor, one outside their access. An auditor's view is logged (recordEngagementView).
 */
export async function loadExportsPage(
  ctx: OrgContext,
  engagementId: string,
  now: Date,
): Promise<ExportsPage> {
  if (!can(ctx.role, "export.create")) throw notFound();
  const [runs, engagement, last] = await Promise.all([
    listExportRuns(ctx, engagementId, now),
    getEngagement(ctx, engagementId),
    lastSentSnapshot(ctx, engagementId),
  ]);
  const markSent = can(ctx.role, "request.resolve");
  await recordEngagementView(ctx, engagement, "exports");
  return {
    orgSlug: ctx.orgSlug,
    engagement: { id: engagement.id, name: engagement.name },
    runs: runs.map((run) => ({
      ...run,
      canMarkSent: markSent && run.state === "done" && !run.sentToAuditorAt,
    })),
    running: runs.some((run) => run.state === "running"),
    sinceLastSent: last ? await sinceLastSent(ctx, engagementId, now, last) : null,
    permissions: { markSent },
  };
}

// The full computation only when there is a sent export to compare with (the page refreshes
// while exports run).
async function sinceLastSent(
  ctx: OrgContext,
  engagementId: string,
  now: Date,
  last: SentSnapshot,
): Promise<SinceLastSent> {
  const current = (await loadEngagementExport(ctx, engagementId, now)).summary;
  const evidence = await evidenceChangesSince(
    ctx,
    new Set(current.controls.map((control) => control.id)),
    last.createdAt,
  );
  return {
    sentAt: last.sentAt,
    fileName: last.fileName,
    percentThen: last.figures.counts.readinessPercent,
    percentNow: current.figures.counts.readinessPercent,
    diff: diffSnapshots(last.state, snapshotState(current)),
    evidence,
  };
}
