import type { Metadata } from "next";
import Link from "next/link";
import { ExportButtons } from "@/components/exports/export-buttons";
import { RefreshWhileRunning } from "@/components/exports/refresh-while-running";
import { SnapshotChanges } from "@/components/exports/snapshot-changes";
import { ActionButton } from "@/components/ui/action-button";
import { formatSize } from "@/components/ui/format-size";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireOrgContext } from "@/lib/auth/session";
import { recordAuditorAccess } from "@/lib/db/auditor-access";
import { loadEngagementExport } from "@/lib/db/export-data";
import { getEngagement } from "@/lib/db/engagements";
import {
  evidenceChangesSince,
  lastSentSnapshot,
  listExportRuns,
  type ExportRunRow,
} from "@/lib/db/exports";
import {
  diffSnapshots,
  EXPORT_FORMAT_LABELS,
  EXPORT_FORMATS,
  snapshotState,
} from "@/lib/domain/export/snapshot";
import { can } from "@/lib/domain/permissions";
import { notFoundOnAppError, notFoundUnlessCan } from "@/lib/server/not-found";
import { markExportSentAction, startExportAction } from "./actions";
import { pageId } from "@/lib/server/page-params";

export const metadata: Metadata = { title: "Exports" };

type Props = { params: Promise<{ orgSlug: string; engagementId: string }> };

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

const DESCRIPTIONS: Record<(typeof EXPORT_FORMATS)[number], string> = {
  pack: "Summary PDF, matrix, every evidence file and note in a folder per control, and manifest.json with each file's SHA-256.",
  pdf: "Cover, scope, requirement-by-requirement status, controls, exceptions and sampling guidance.",
  xlsx: "Requirements → controls, controls → evidence, exceptions and population events, one sheet each.",
  csv: "The matrix's sheets as CSV files, in one ZIP.",
  json: "Everything in the summary plus every evidence record, for your own tools.",
};

function StateCell({ run }: { run: ExportRunRow }) {
  if (run.state === "running") {
    const percent = run.progressTotal
      ? Math.min(100, Math.round((100 * run.progressDone) / run.progressTotal))
      : null;
    return (
      <div className="w-40">
        <progress
          className="h-2 w-full"
          max={run.progressTotal ?? undefined}
          value={run.progressTotal ? run.progressDone : undefined}
          aria-label={`Export progress${percent === null ? "" : ` ${percent}%`}`}
        />
        <p className="text-xs text-slate-600">
          {percent === null
            ? `${run.progressDone} files so far…`
            : `${percent}% (${run.progressDone} of ${run.progressTotal})`}
        </p>
      </div>
    );
  }
  if (run.state === "done") return <Badge tone="success">ready</Badge>;
  if (run.state === "interrupted")
    return (
      <Badge tone="warning" title="The server stopped while it ran; start it again.">
        interrupted
      </Badge>
    );
  return (
    <span>
      <Badge tone="danger">failed</Badge>{" "}
      <span className="text-xs text-slate-600">{run.error}</span>
    </span>
  );
}

export default async function ExportsPage({ params }: Props) {
  const { orgSlug, engagementId: engagementParam } = await params;
  const engagementId = pageId(engagementParam);
  const ctx = await requireOrgContext(orgSlug);
  notFoundUnlessCan(ctx, "export.create");
  const now = new Date();
  const [runs, engagement, last] = await notFoundOnAppError(
    Promise.all([
      listExportRuns(ctx, engagementId, now),
      getEngagement(ctx, engagementId),
      lastSentSnapshot(ctx, engagementId),
    ]),
  );
  await recordAuditorAccess(ctx, "viewed", {
    entityType: "engagement",
    entityId: engagementId,
    label: `${engagement.name}: exports`,
    engagementId,
  });
  // The full computation only when there is a sent export to compare with (this page refreshes while exports run).
  const current = last ? (await loadEngagementExport(ctx, engagementId, now)).summary : null;
  const changes =
    last && current
      ? {
          diff: diffSnapshots(last.state, snapshotState(current)),
          evidence: await evidenceChangesSince(
            ctx,
            new Set(current.controls.map((control) => control.id)),
            last.createdAt,
          ),
        }
      : null;
  const base = `/o/${ctx.orgSlug}`;
  const canMarkSent = can(ctx.role, "request.resolve");

  return (
    <>
      <RefreshWhileRunning running={runs.some((run) => run.state === "running")} />
      <PageHeader
        title={`Exports · ${engagement.name}`}
        description={
          <>
            <Link
              className="text-brand-700 hover:underline"
              href={`${base}/engagements/${engagementId}`}
            >
              ← {engagement.name}
            </Link>{" "}
            · Every export is computed like the dashboard and keeps a snapshot, so you can see what
            changed since the auditor last received one.
          </>
        }
      />
      <Card className="mb-6">
        <CardTitle>New export</CardTitle>
        <CardDescription className="mb-4">
          Large packs are built in the background: leave this page open to watch the progress, or
          come back later.
        </CardDescription>
        <ExportButtons
          orgSlug={ctx.orgSlug}
          engagementId={engagementId}
          formats={EXPORT_FORMATS.map((format) => ({
            format,
            label: EXPORT_FORMAT_LABELS[format],
            description: DESCRIPTIONS[format],
          }))}
          action={startExportAction}
        />
        <p className="mt-3 text-xs text-slate-600">
          Received a pack?{" "}
          <Link className="text-brand-700 hover:underline" href={`${base}/verify`}>
            Verify it against its manifest
          </Link>
          , or run <code>npm run pack:verify -- pack.zip</code>.
        </p>
      </Card>

      <Card className="mb-6">
        <CardTitle>Since the last export sent to the auditor</CardTitle>
        {last && current && changes ? (
          <SnapshotChanges
            sentAt={last.sentAt}
            fileName={last.fileName}
            percentThen={last.figures.counts.readinessPercent}
            percentNow={current.figures.counts.readinessPercent}
            diff={changes.diff}
            evidence={changes.evidence}
          />
        ) : (
          <p className="mt-2 text-sm text-slate-600">
            No export has been sent to the auditor yet. Mark an export as sent below; an export an
            auditor downloads is marked automatically.
          </p>
        )}
      </Card>

      <h2 className="mb-3 text-lg font-semibold">Exports</h2>
      {runs.length === 0 ? (
        <p className="text-sm text-slate-600">
          Nothing exported yet. Start with the evidence pack: it holds everything else.
        </p>
      ) : (
        <Table aria-label="Exports">
          <thead>
            <tr>
              <Th>Started (UTC)</Th>
              <Th>Format</Th>
              <Th>By</Th>
              <Th>State</Th>
              <Th>Readiness</Th>
              <Th>File</Th>
              <Th>Sent to auditor</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <Td className="whitespace-nowrap tabular-nums">
                  {timeFormat.format(run.createdAt)}
                </Td>
                <Td>{EXPORT_FORMAT_LABELS[run.format]}</Td>
                <Td>{run.createdBy}</Td>
                <Td>
                  <StateCell run={run} />
                </Td>
                <Td className="tabular-nums">
                  {run.readinessPercent === null ? "" : `${Math.round(run.readinessPercent)}%`}
                </Td>
                <Td className="text-xs">
                  {run.state === "done" ? (
                    <>
                      <a
                        className="text-brand-700 underline"
                        href={`/api/orgs/${ctx.orgSlug}/exports/${run.id}/download`}
                        download
                      >
                        {run.fileName}
                      </a>
                      <div className="text-slate-500">
                        {run.size === null ? "" : formatSize(run.size)} · SHA-256{" "}
                        <span className="font-mono">{run.sha256?.slice(0, 12)}…</span>
                      </div>
                      {run.manifestSha256 ? (
                        <div className="text-slate-500">
                          manifest{" "}
                          <span className="font-mono">{run.manifestSha256.slice(0, 12)}…</span>
                        </div>
                      ) : null}
                    </>
                  ) : null}
                </Td>
                <Td className="text-xs">
                  {run.sentToAuditorAt ? timeFormat.format(run.sentToAuditorAt) : "—"}
                </Td>
                <Td className="text-right">
                  {canMarkSent && run.state === "done" && !run.sentToAuditorAt ? (
                    <ActionButton
                      action={markExportSentAction}
                      fields={{ orgSlug: ctx.orgSlug, engagementId, runId: run.id }}
                      label="Mark as sent"
                      ariaLabel={`Mark ${run.fileName ?? "export"} as sent to the auditor`}
                      variant="secondary"
                    />
                  ) : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
