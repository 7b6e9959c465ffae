// The words people read for the values Assay stores: "it_dependent_manual" is shown as
// "IT-dependent manual" on every page, badge, select, PDF and spreadsheet. Pages, exports and the
// activity log take the word from here; stored codes stay in machine columns (CSV headers and ids).
import type { ControlFrequency, ControlNature, ControlStatus } from "./controls";
import type { EvidenceKind, EvidencePurpose, ExceptionSeverity, ExceptionStatus } from "./evidence";
import type { EvidenceWindow } from "./readiness/engine";
import type { RequirementStatus } from "./requirement-status";

export const CONTROL_STATUS_LABELS: Record<ControlStatus, string> = {
  draft: "Draft",
  designed: "Designed",
  implemented: "Implemented",
  retired: "Retired",
};

export const FREQUENCY_LABELS: Record<ControlFrequency, string> = {
  continuous: "Continuous",
  multiple_daily: "Several times a day",
  daily: "Daily",
  weekly: "Weekly",
  monthly: "Monthly",
  quarterly: "Quarterly",
  semi_annual: "Semi-annual",
  annual: "Annual",
  event_driven: "Event-driven",
};

export const NATURE_LABELS: Record<ControlNature, string> = {
  manual: "Manual",
  automated: "Automated",
  it_dependent_manual: "IT-dependent manual",
};

export const REQUIREMENT_STATUS_LABELS: Record<RequirementStatus, string> = {
  ready: "Ready",
  in_progress: "In progress",
  unmapped: "Unmapped",
  not_applicable: "Not applicable",
};

export const WINDOW_LABELS: Record<EvidenceWindow, string> = {
  in_window: "In window",
  before_window: "Before window",
  after_window: "After window",
};

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  note: "Note",
  file: "File",
  link: "Link",
};

export const PURPOSE_LABELS: Record<EvidencePurpose, string> = {
  design: "Design",
  operating: "Operating",
};

export const SEVERITY_LABELS: Record<ExceptionSeverity, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
};

export const EXCEPTION_STATUS_LABELS: Record<ExceptionStatus, string> = {
  open: "Open",
  remediated: "Remediated",
};

/**
 * The word for a value read from the database as a plain string: the label when the value is
 * one of the vocabulary's, else the value itself (a newer code than this build knows).
 */
export function labelOf<K extends string>(labels: Record<K, string>, value: string): string {
  return Object.hasOwn(labels, value) ? labels[value as K] : value;
}

/** The options of a select over a vocabulary: each stored value with its word. */
export function labelledOptions<K extends string>(
  values: readonly K[],
  labels: Record<K, string>,
): { value: K; label: string }[] {
  return values.map((value) => ({ value, label: labels[value] }));
}
