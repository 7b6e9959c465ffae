// The words the matrix exports show instead of stored codes, and how dates and times are
// written: as text, so that no spreadsheet shifts them into a local timezone.
import type {
  EvidenceKind,
  EvidencePurpose,
  ExceptionSeverity,
  ExceptionStatus,
} from "@/lib/domain/evidence";
import type { EvidenceWindow } from "@/lib/domain/readiness/engine";
import type { RequirementStatus } from "@/lib/domain/requirement-status";

export const STATUS_WORDS: Record<RequirementStatus, string> = {
  ready: "Ready",
  in_progress: "In progress",
  unmapped: "Unmapped",
  not_applicable: "Not applicable",
};
export const WINDOW_WORDS: Record<EvidenceWindow, string> = {
  in_window: "In window",
  before_window: "Before window",
  after_window: "After window",
};
export const KIND_WORDS: Record<EvidenceKind, string> = {
  note: "Note",
  file: "File",
  link: "Link",
};
export const PURPOSE_WORDS: Record<EvidencePurpose, string> = {
  design: "Design",
  operating: "Operating",
};
export const SEVERITY_WORDS: Record<ExceptionSeverity, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
};
export const EXCEPTION_STATUS_WORDS: Record<ExceptionStatus, string> = {
  open: "Open",
  remediated: "Remediated",
};

export const yesNo = (value: boolean) => (value ? "Yes" : "No");

/** "2026-03-28T12:00:00.000Z" → "2026-03-28 12:00 UTC": sorts as text, names its timezone. */
export function timestampText(iso: string): string {
  const utc = new Date(iso).toISOString();
  return `${utc.slice(0, 10)} ${utc.slice(11, 16)} UTC`;
}

/** Lists inside one cell. */
export const listText = (items: readonly string[]) => items.join("; ");
