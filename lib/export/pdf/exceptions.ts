// Deviations recorded against controls: the open ones first, then those already remediated.
import type { ExportException } from "@/lib/domain/export/types";
import { emptyNote, sectionTitle, subheading } from "./layout";
import type { FlowPart } from "./paging";
import { COLORS } from "./styles";
import { tableFlow, type Column } from "./table";
import { SEVERITY_LABELS } from "@/lib/domain/labels";

const COMMON: Column<ExportException>[] = [
  { header: "Date", width: 58, cell: (exception) => [{ text: exception.date }] },
  {
    header: "Control",
    width: 56,
    cell: (exception) => [{ text: exception.controlRef, face: "Sans-Bold" }],
  },
  {
    header: "Severity",
    width: 50,
    cell: (exception) => [{ text: SEVERITY_LABELS[exception.severity] }],
  },
  { header: "Description", cell: (exception) => [{ text: exception.description }] },
];

const OPEN_COLUMNS: Column<ExportException>[] = [
  ...COMMON,
  {
    header: "Remediation note",
    width: 150,
    cell: (exception) => [
      exception.remediationNote
        ? { text: exception.remediationNote }
        : { text: "None recorded", color: COLORS.muted },
    ],
  },
];

const REMEDIATED_COLUMNS: Column<ExportException>[] = [
  ...COMMON,
  {
    header: "Remediation",
    width: 150,
    cell: (exception) => [
      exception.remediationNote
        ? { text: exception.remediationNote }
        : { text: "No note recorded", color: COLORS.muted },
      ...(exception.remediatedAt
        ? [{ text: `Remediated ${exception.remediatedAt.slice(0, 10)}`, color: COLORS.muted }]
        : []),
    ],
  },
];

function exceptionTable(
  exceptions: readonly ExportException[],
  columns: Column<ExportException>[],
): FlowPart {
  if (exceptions.length === 0) return emptyNote();
  const byDate = [...exceptions].sort((a, b) => a.date.localeCompare(b.date));
  return tableFlow({ columns, rows: byDate });
}
export function exceptionsFlow(exceptions: readonly ExportException[]): FlowPart[] {
  return [
    sectionTitle(
      "Exceptions",
      "Deviations recorded against controls. An open exception keeps its control from being ready; the auditor will ask about remediated ones too.",
    ),
    subheading("Open exceptions"),
    exceptionTable(
      exceptions.filter((exception) => exception.status === "open"),
      OPEN_COLUMNS,
    ),
    subheading("Remediated exceptions"),
    exceptionTable(
      exceptions.filter((exception) => exception.status === "remediated"),
      REMEDIATED_COLUMNS,
    ),
  ];
}
