// The control matrix as data: each view names its columns once (header, width, how to read the
// cell from a row) and yields its rows in batches. The XLSX and CSV writers only lay them out,
// so both formats always carry the same columns, words and neutralised text.
import { escapeCell } from "@/lib/domain/control-csv";
import type {
  EvidencePages,
  ExportControl,
  ExportEvent,
  ExportEvidence,
  ExportException,
  ExportRequirement,
  ExportSummary,
} from "@/lib/domain/export/types";
import { listText, timestampText, yesNo } from "./matrix-labels";
import {
  EVIDENCE_KIND_LABELS,
  EXCEPTION_STATUS_LABELS,
  PURPOSE_LABELS,
  REQUIREMENT_STATUS_LABELS,
  SEVERITY_LABELS,
  WINDOW_LABELS,
} from "@/lib/domain/labels";

export type MatrixCell = string | number | null;
type MatrixColumn = {
  header: string;
  /** In characters. */ width: number;
  /** Long text: wrapped in the spreadsheet. */ wrap: boolean;
};
export type MatrixView = {
  sheetName: string;
  columns: readonly MatrixColumn[];
  /** Batches of rows, cells in column order, strings already safe from formula injection. */
  rows: (summary: ExportSummary, evidencePages: EvidencePages) => AsyncIterable<MatrixCell[][]>;
};

export const MATRIX_VIEW_IDS = ["requirements", "controls", "exceptions", "events"] as const;
export type MatrixViewId = (typeof MATRIX_VIEW_IDS)[number];

type ColumnDef<Row> = {
  header: string;
  width: number;
  wrap?: boolean;
  cell: (row: Row) => MatrixCell;
};
type RowSource<Row> = (
  summary: ExportSummary,
  evidencePages: EvidencePages,
) => AsyncIterable<readonly Row[]>;

/** Empty text becomes an empty cell; text a spreadsheet would run as a formula gets a leading '. */
function safeCell(value: MatrixCell): MatrixCell {
  if (typeof value !== "string") return value;
  return value === "" ? null : escapeCell(value);
}

/** Rows handed to a writer at once. */
const BATCH_ROWS = 200;

function defineView<Row>(
  sheetName: string,
  columns: readonly ColumnDef<Row>[],
  source: RowSource<Row>,
): MatrixView {
  return {
    sheetName,
    columns: columns.map(({ header, width, wrap = false }) => ({ header, width, wrap })),
    async *rows(summary, evidencePages) {
      for await (const batch of source(summary, evidencePages)) {
        // The writers lay out a batch at a time: small batches keep the cells in hand few.
        for (let start = 0; start < batch.length; start += BATCH_ROWS) {
          yield batch
            .slice(start, start + BATCH_ROWS)
            .map((row) => columns.map((column) => safeCell(column.cell(row))));
        }
      }
    },
  };
}

/** A source whose rows are all in the summary: one batch. */
function fromSummary<Row>(rowsOf: (summary: ExportSummary) => readonly Row[]): RowSource<Row> {
  return async function* rows(summary) {
    yield rowsOf(summary);
  };
}

const controlsByRef = (summary: ExportSummary) =>
  new Map(summary.controls.map((control) => [control.ref, control]));

// Requirements → controls: one row per (requirement, mapped control) in the summary's order; a
// requirement without controls keeps one row with the control columns empty. A mapped ref the
// summary has no control for (e.g. retired) still shows its ref.
type RequirementRow = {
  requirement: ExportRequirement;
  ref: string | null;
  control: ExportControl | undefined;
};

function requirementRows(summary: ExportSummary): RequirementRow[] {
  const controls = controlsByRef(summary);
  return summary.requirements.flatMap((requirement): RequirementRow[] =>
    requirement.controlRefs.length
      ? requirement.controlRefs.map((ref) => ({ requirement, ref, control: controls.get(ref) }))
      : [{ requirement, ref: null, control: undefined }],
  );
}

const requirementsView = defineView<RequirementRow>(
  "Requirements",
  [
    { header: "Requirement", width: 12, cell: (row) => row.requirement.code },
    { header: "Title", width: 40, wrap: true, cell: (row) => row.requirement.title },
    { header: "Group", width: 24, wrap: true, cell: (row) => row.requirement.group },
    {
      header: "Status",
      width: 15,
      cell: (row) => REQUIREMENT_STATUS_LABELS[row.requirement.status],
    },
    {
      header: "N/A justification",
      width: 40,
      wrap: true,
      cell: (row) => row.requirement.justification,
    },
    { header: "Control", width: 12, cell: (row) => row.ref },
    { header: "Control title", width: 40, wrap: true, cell: (row) => row.control?.title ?? null },
    { header: "Owner", width: 20, cell: (row) => row.control?.owner ?? null },
    { header: "Frequency", width: 14, cell: (row) => row.control?.frequencyLabel ?? null },
    { header: "Nature", width: 20, cell: (row) => row.control?.natureLabel ?? null },
    { header: "Key", width: 6, cell: (row) => (row.control ? yesNo(row.control.key) : null) },
    {
      header: "Control ready",
      width: 14,
      cell: (row) => (row.control ? yesNo(row.control.ready) : null),
    },
    // The control's own reasons on a control row; the requirement's when there is no control.
    {
      header: "Reasons",
      width: 48,
      wrap: true,
      cell: (row) => listText(row.control ? row.control.reasons : row.requirement.reasons),
    },
  ],
  fromSummary(requirementRows),
);

// Controls → evidence. Row order is chosen so that the sheet streams: evidence rows come in the
// order the evidence pages arrive (a record linked to several controls gives one row per control,
// in the record's order), then one row for each control no evidence named, in the summary's
// control order. Nothing is sorted globally: use the header's filter to sort in the spreadsheet.
type ControlEvidenceRow = {
  ref: string;
  control: ExportControl | undefined;
  evidence: ExportEvidence | null;
};

async function* controlEvidenceRows(
  summary: ExportSummary,
  evidencePages: EvidencePages,
): AsyncIterable<ControlEvidenceRow[]> {
  const controls = controlsByRef(summary);
  const named = new Set<string>();
  for await (const page of evidencePages()) {
    const rows = page.flatMap((evidence) =>
      evidence.controlRefs.map((ref) => ({ ref, control: controls.get(ref), evidence })),
    );
    rows.forEach((row) => named.add(row.ref));
    yield rows;
  }
  yield summary.controls
    .filter((control) => !named.has(control.ref))
    .map((control) => ({ ref: control.ref, control, evidence: null }));
}

const evidenceCell =
  <T>(read: (evidence: ExportEvidence) => T) =>
  (row: ControlEvidenceRow) =>
    row.evidence ? read(row.evidence) : null;

const controlsView = defineView<ControlEvidenceRow>(
  "Controls & evidence",
  [
    { header: "Control", width: 12, cell: (row) => row.ref },
    { header: "Control title", width: 36, wrap: true, cell: (row) => row.control?.title ?? null },
    { header: "Evidence id", width: 26, cell: evidenceCell((evidence) => evidence.id) },
    { header: "Title", width: 40, wrap: true, cell: evidenceCell((evidence) => evidence.title) },
    {
      header: "Kind",
      width: 8,
      cell: evidenceCell((evidence) => EVIDENCE_KIND_LABELS[evidence.kind]),
    },
    {
      header: "Purpose",
      width: 11,
      cell: evidenceCell((evidence) => PURPOSE_LABELS[evidence.purpose]),
    },
    {
      header: "Effective date",
      width: 14,
      cell: evidenceCell((evidence) => evidence.effectiveDate),
    },
    { header: "Coverage end", width: 14, cell: evidenceCell((evidence) => evidence.coverageEnd) },
    {
      header: "Window",
      width: 14,
      cell: evidenceCell((evidence) => WINDOW_LABELS[evidence.window]),
    },
    {
      header: "File name",
      width: 30,
      wrap: true,
      cell: evidenceCell((evidence) => evidence.file?.name ?? null),
    },
    {
      header: "SHA-256",
      width: 66,
      cell: evidenceCell((evidence) => evidence.file?.sha256 ?? null),
    },
    {
      header: "Size (bytes)",
      width: 13,
      cell: evidenceCell((evidence) => evidence.file?.size ?? null),
    },
    { header: "Link URL", width: 40, wrap: true, cell: evidenceCell((evidence) => evidence.url) },
    { header: "Event", width: 16, cell: evidenceCell((evidence) => evidence.eventReference) },
    { header: "Uploaded by", width: 20, cell: evidenceCell((evidence) => evidence.uploadedBy) },
    {
      header: "Recorded at",
      width: 21,
      cell: evidenceCell((evidence) => timestampText(evidence.createdAt)),
    },
    {
      header: "Requirements",
      width: 24,
      wrap: true,
      cell: evidenceCell((evidence) => listText(evidence.requirementCodes)),
    },
  ],
  controlEvidenceRows,
);

const exceptionsView = defineView<ExportException>(
  "Exceptions",
  [
    { header: "Control", width: 12, cell: (exception) => exception.controlRef },
    { header: "Date", width: 12, cell: (exception) => exception.date },
    { header: "Severity", width: 10, cell: (exception) => SEVERITY_LABELS[exception.severity] },
    { header: "Status", width: 12, cell: (exception) => EXCEPTION_STATUS_LABELS[exception.status] },
    { header: "Description", width: 60, wrap: true, cell: (exception) => exception.description },
    {
      header: "Remediation note",
      width: 48,
      wrap: true,
      cell: (exception) => exception.remediationNote,
    },
    {
      header: "Remediated at",
      width: 21,
      cell: (exception) => (exception.remediatedAt ? timestampText(exception.remediatedAt) : null),
    },
  ],
  fromSummary((summary) => summary.exceptions),
);

const eventsView = defineView<ExportEvent>(
  "Population events",
  [
    { header: "Control", width: 12, cell: (event) => event.controlRef },
    { header: "Date", width: 12, cell: (event) => event.date },
    { header: "Reference", width: 20, cell: (event) => event.reference },
    { header: "Description", width: 60, wrap: true, cell: (event) => event.description },
    { header: "Evidence count", width: 15, cell: (event) => event.evidenceCount },
  ],
  fromSummary((summary) => summary.events),
);

/** Every view by id; the workbook lays them out in MATRIX_VIEW_IDS order. */
export const MATRIX_VIEWS: Record<MatrixViewId, MatrixView> = {
  requirements: requirementsView,
  controls: controlsView,
  exceptions: exceptionsView,
  events: eventsView,
};
