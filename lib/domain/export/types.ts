// What every export (PDF summary, matrix, JSON, evidence pack) is written from: plain data
// built once from the same readiness computation the dashboard shows. Format writers in
// lib/export take these and never query anything themselves.
import type { CheckpointDocument } from "../activity-checkpoint";
import type { ControlFrequency, ControlNature, ControlStatus } from "../controls";
import type {
  EvidenceKind,
  EvidencePurpose,
  ExceptionSeverity,
  ExceptionStatus,
} from "../evidence";
import type { ReportFamily, ReportType, SubserviceMethod } from "../engagements";
import type { RequirementStatus, StatusCounts } from "../requirement-status";
import type { EvidenceWindow } from "../readiness/engine";
import type { SlotStateName } from "../readiness/operating";

export type ExportEngagement = {
  id: string;
  name: string;
  family: ReportFamily;
  /** "SOC 2", "ISAE 3402"… */
  familyLabel: string;
  type: ReportType;
  /** "Type I" | "Type II" */
  typeLabel: string;
  asOfDate: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  /** SOC 2: category labels in scope ("Security", "Availability"…); empty otherwise. */
  categories: string[];
  /** SOC 1 / ISAE 3402: the objectives in scope; empty for SOC 2. */
  objectives: { ref: string; title: string; area: string }[];
  subservices: { name: string; services: string; method: SubserviceMethod; csocs: string[] }[];
  cuecs: string[];
  userResponsibilities: string[];
  criteriaEdition: string;
};

export type ExportFigures = {
  counts: StatusCounts;
  controls: { ready: number; notReady: number; total: number };
  /** The date design readiness is judged at. */
  designDate: string;
  /** Type II: min(today, periodEnd); null for Type I. */
  asOf: string | null;
};

export type ExportRequirement = {
  id: string;
  code: string;
  title: string;
  /** Category group (SOC 2) or objective area (SOC 1 / ISAE 3402). */
  group: string;
  status: RequirementStatus;
  /** Set when the requirement is marked not applicable. */
  justification: string | null;
  controlRefs: string[];
  /** Why it is not ready: "AC-03: 2026-Q1 missing". */
  reasons: string[];
};

export type ExportSlot = { label: string; start: string; end: string; state: SlotStateName };

export type ExportControl = {
  id: string;
  ref: string;
  title: string;
  description: string;
  owner: string | null;
  status: ControlStatus;
  frequency: ControlFrequency;
  frequencyLabel: string;
  nature: ControlNature;
  natureLabel: string;
  key: boolean;
  /** Mapped to an in-scope requirement that is not N/A. */
  inScope: boolean;
  ready: boolean;
  reasons: string[];
  warnings: string[];
  requirementCodes: string[];
  /** evidenceCount: design evidence records linked to the control, whatever their date. */
  design: { ready: boolean; latestEvidence: string | null; evidenceCount: number };
  /** Type II only. */
  operating: {
    due: number;
    covered: number;
    coverage: number | null;
    missing: string[];
    slots: ExportSlot[];
  } | null;
  /** Type II only: "the auditor will likely test 2–5 of 12". */
  sampling: { text: string; min: number; max: number; population: number } | null;
};

export type ExportException = {
  id: string;
  controlRef: string;
  date: string;
  severity: ExceptionSeverity;
  description: string;
  status: ExceptionStatus;
  remediationNote: string | null;
  /** ISO timestamp. */
  remediatedAt: string | null;
};

export type ExportEvent = {
  id: string;
  controlRef: string;
  date: string;
  reference: string;
  description: string;
  evidenceCount: number;
};

/**
 * The activity log's head when the export's data was read, and (once the export runs) the
 * checkpoint recording it, signed when the server has a signing key. Verification later checks
 * that the log still has this hash at this sequence.
 */
export type ExportActivityHead = {
  seq: number;
  hash: string;
  checkpoint: CheckpointDocument | null;
};

/** Everything but the evidence list, which is streamed in pages (see ExportEvidence). */
export type ExportSummary = {
  organization: { name: string; slug: string };
  /** ISO timestamp of generation. */
  generatedAt: string;
  activityHead: ExportActivityHead;
  /** The day readiness was computed for (YYYY-MM-DD). */
  today: string;
  engagement: ExportEngagement;
  figures: ExportFigures;
  requirements: ExportRequirement[];
  /** Non-retired controls mapped to the engagement, by ref. */
  controls: ExportControl[];
  exceptions: ExportException[];
  events: ExportEvent[];
  /** The system description as exported (absent in exports made before it existed). */
  description?: ExportDescription;
};

/** One section of the system description as exported. */
export type ExportDescriptionSection = {
  id: string | null;
  key: string;
  title: string;
  state: "draft" | "in_review" | "approved";
  owner: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  version: number;
  shared: boolean;
  body: string;
  evidence: string[];
  unknownRefs: string[];
};

export type ExportDescription = {
  completeness: { approved: number; total: number; text: string };
  sections: ExportDescriptionSection[];
};

export type ExportFile = {
  name: string;
  contentType: string;
  sha256: string;
  size: number;
  storageKey: string;
};

/** One evidence record linked to at least one of the engagement's controls. */
export type ExportEvidence = {
  id: string;
  kind: EvidenceKind;
  purpose: EvidencePurpose;
  title: string;
  effectiveDate: string;
  coverageEnd: string | null;
  /** Against the engagement's window; evidence outside it is labelled, never dropped. */
  window: EvidenceWindow;
  controlRefs: string[];
  requirementCodes: string[];
  eventReference: string | null;
  uploadedBy: string;
  /** ISO timestamp. */
  createdAt: string;
  note: string | null;
  url: string | null;
  file: ExportFile | null;
};

/** Evidence arrives in pages so that memory stays flat however many records there are. */
export type EvidencePages = () => AsyncIterable<readonly ExportEvidence[]>;
