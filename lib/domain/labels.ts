// The words people read for the values Assay stores: "it_dependent_manual" is shown as
// "IT-dependent manual" on every page, badge, select, PDF and spreadsheet. Pages, exports and the
// activity log take the word from here; stored codes stay in machine columns (CSV headers and ids).
import type { ControlFrequency, ControlNature, ControlStatus } from "./controls";
import type { EvidenceKind, EvidencePurpose, ExceptionSeverity, ExceptionStatus } from "./evidence";
import type { EvidenceWindow } from "./readiness/engine";
import type { RequirementStatus } from "./requirement-status";
import type { ReportFamily, ReportType } from "./engagements";
import type { ObjectiveArea, TscCategory } from "./catalog";
import type { RequestState } from "./request-states";
import type { SectionState } from "./description/states";
import type { ExportFormat } from "./export/snapshot";

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

export const FAMILY_LABELS: Record<ReportFamily, string> = {
  SOC1: "SOC 1",
  SOC2: "SOC 2",
  ISAE3402: "ISAE 3402",
};

export const TYPE_LABELS: Record<ReportType, string> = { TYPE_I: "Type I", TYPE_II: "Type II" };

export const CATEGORY_LABELS: Record<TscCategory, string> = {
  security: "Security (common criteria CC1–CC9)",
  availability: "Availability",
  confidentiality: "Confidentiality",
  processing_integrity: "Processing integrity",
  privacy: "Privacy",
};

export const AREA_LABELS: Record<ObjectiveArea, string> = {
  itgc: "IT general controls",
  business: "Business processes",
};

export const REQUEST_STATE_LABELS: Record<RequestState, string> = {
  open: "Open",
  answered: "Answered",
  accepted: "Accepted",
};

export const SECTION_STATE_LABELS: Record<SectionState, string> = {
  draft: "Draft",
  in_review: "In review",
  approved: "Approved",
};

export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  pack: "Evidence pack (ZIP)",
  pdf: "Readiness summary (PDF)",
  xlsx: "Control matrix (XLSX)",
  csv: "Control matrix (CSV, ZIP of one file per sheet)",
  json: "Readiness data (JSON)",
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
