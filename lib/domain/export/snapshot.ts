// What an export remembers about the engagement (its snapshot), how two snapshots differ, and
// the state of an export while it runs. Pure: the clock comes in as an argument.
import type { RequirementStatus } from "../requirement-status";
import type { ExportSummary } from "./types";
import { asciiHyphenated } from "../slug";

export const EXPORT_FORMATS = ["pack", "pdf", "xlsx", "csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  pack: "application/zip",
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "application/zip",
  json: "application/json",
};

const EXTENSIONS: Record<ExportFormat, string> = {
  pack: "zip",
  pdf: "pdf",
  xlsx: "xlsx",
  csv: "zip",
  json: "json",
};
const NAME_PARTS: Record<ExportFormat, string> = {
  pack: "evidence-pack",
  pdf: "readiness-summary",
  xlsx: "control-matrix",
  csv: "control-matrix-csv",
  json: "readiness",
};

/** "acme-soc-2-type-ii-2026-evidence-pack-2026-07-15.zip": safe in any file system. */
export function exportFileName(
  organizationSlug: string,
  engagementName: string,
  format: ExportFormat,
  day: string,
): string {
  const engagement =
    asciiHyphenated(engagementName).slice(0, 60).replace(/-+$/, "") || "engagement";
  return `${organizationSlug}-${engagement}-${NAME_PARTS[format]}-${day}.${EXTENSIONS[format]}`;
}

export type SnapshotState = {
  requirements: Record<string, RequirementStatus>;
  /** Per control ref: ready, and Type II coverage to date (null when nothing is due). */
  controls: Record<string, { ready: boolean; coverage: number | null }>;
};

export function snapshotState(summary: ExportSummary): SnapshotState {
  const requirements: SnapshotState["requirements"] = {};
  for (const requirement of summary.requirements)
    requirements[requirement.code] = requirement.status;
  const controls: SnapshotState["controls"] = {};
  for (const control of summary.controls)
    controls[control.ref] = { ready: control.ready, coverage: control.operating?.coverage ?? null };
  return { requirements, controls };
}

export type StatusChange<T> = { key: string; from: T | null; to: T | null };

export type SnapshotDiff = {
  requirements: StatusChange<RequirementStatus>[];
  /** Controls whose readiness changed, or that were added to or left the engagement. */
  controls: StatusChange<"ready" | "not ready">[];
};

const readiness = (control: { ready: boolean } | undefined) =>
  control ? (control.ready ? "ready" : "not ready") : null;

export function diffSnapshots(before: SnapshotState, after: SnapshotState): SnapshotDiff {
  const requirements: SnapshotDiff["requirements"] = [];
  for (const key of unionKeys(before.requirements, after.requirements)) {
    const from = before.requirements[key] ?? null;
    const to = after.requirements[key] ?? null;
    if (from !== to) requirements.push({ key, from, to });
  }
  const controls: SnapshotDiff["controls"] = [];
  for (const key of unionKeys(before.controls, after.controls)) {
    const from = readiness(before.controls[key]);
    const to = readiness(after.controls[key]);
    if (from !== to) controls.push({ key, from, to });
  }
  return { requirements, controls };
}

function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) =>
    x.localeCompare(y, "en", { numeric: true }),
  );
}

/**
 * Exports one member may have running at once: each takes a place in the instance's export
 * process, so without a cap a script (or an API token at its rate limit) could queue hundreds.
 */
export const MAX_RUNNING_EXPORTS_PER_MEMBER = 3;

/** A running export that has not reported progress for this long died with its process. */
export const EXPORT_STALE_MS = 120_000;

export type ExportRunState = "running" | "done" | "failed" | "interrupted";

export function exportRunState(
  run: { status: string; heartbeatAt: Date },
  now: Date,
): ExportRunState {
  if (run.status === "done" || run.status === "failed") return run.status;
  return now.getTime() - run.heartbeatAt.getTime() > EXPORT_STALE_MS ? "interrupted" : "running";
}

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}
