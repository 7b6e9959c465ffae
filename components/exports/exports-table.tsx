import { ActionButton } from "@/components/ui/action-button";
import { Badge } from "@/components/ui/badge";
import { formatSize } from "@/components/ui/format-size";
import { Table, Td, Th } from "@/components/ui/table";
import type { FormAction } from "@/lib/action-result";
import type { ExportRunLine, ExportsPage } from "@/lib/db/exports-page";
import { EXPORT_FORMATS } from "@/lib/domain/export/snapshot";
import { EXPORT_FORMAT_LABELS } from "@/lib/domain/labels";

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

/** The formats an export can be started in, with what each holds. */
export const EXPORT_CHOICES = EXPORT_FORMATS.map((format) => ({
  format,
  label: EXPORT_FORMAT_LABELS[format],
  description: DESCRIPTIONS[format],
}));

function StateCell({ run }: { run: ExportRunLine }) {
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

type Props = { page: ExportsPage; markSent: FormAction<unknown> };

/** An engagement's export runs, newest first: progress, the file and its hashes, sent or not. */
export function ExportsTable({ page, markSent }: Props) {
  const { orgSlug, engagement } = page;
  return (
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
        {page.runs.map((run) => (
          <tr key={run.id}>
            <Td className="whitespace-nowrap tabular-nums">{timeFormat.format(run.createdAt)}</Td>
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
                    href={`/api/orgs/${orgSlug}/exports/${run.id}/download`}
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
                      manifest <span className="font-mono">{run.manifestSha256.slice(0, 12)}…</span>
                    </div>
                  ) : null}
                </>
              ) : null}
            </Td>
            <Td className="text-xs">
              {run.sentToAuditorAt ? timeFormat.format(run.sentToAuditorAt) : "—"}
            </Td>
            <Td className="text-right">
              {run.canMarkSent ? (
                <ActionButton
                  action={markSent}
                  fields={{ orgSlug, engagementId: engagement.id, runId: run.id }}
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
  );
}
