// Deviations recorded against controls: the open ones first, then those already remediated.
import { Text, View } from "@react-pdf/renderer";
import type { ExportException } from "@/lib/domain/export/types";
import { SEVERITY_WORDS } from "../matrix-labels";
import { CellLines, EmptyNote, SectionTitle, Subheading } from "./layout";
import { cellHeight, CONTENT_WIDTH, rowHeight } from "./paging";
import { styles } from "./styles";
import { Table, type Column } from "./table";

const WIDTHS = { date: 58, control: 52, severity: 50, remediation: 150 };
const DESCRIPTION_WIDTH = CONTENT_WIDTH - WIDTHS.date - WIDTHS.control - WIDTHS.severity - WIDTHS.remediation;

const COMMON: Column<ExportException>[] = [
  { header: "Date", width: WIDTHS.date, render: (exception) => exception.date },
  { header: "Control", width: WIDTHS.control, render: (exception) => <Text style={styles.bold}>{exception.controlRef}</Text> },
  { header: "Severity", width: WIDTHS.severity, render: (exception) => SEVERITY_WORDS[exception.severity] },
  { header: "Description", render: (exception) => exception.description },
];

const OPEN_COLUMNS: Column<ExportException>[] = [
  ...COMMON,
  { header: "Remediation note", width: WIDTHS.remediation, render: (exception) => exception.remediationNote ?? "None recorded" },
];

const REMEDIATED_COLUMNS: Column<ExportException>[] = [
  ...COMMON,
  {
    header: "Remediation",
    width: WIDTHS.remediation,
    render: (exception) => (
      <>
        <Text>{exception.remediationNote ?? "No note recorded"}</Text>
        <CellLines lines={[exception.remediatedAt ? `Remediated ${exception.remediatedAt.slice(0, 10)}` : ""]} />
      </>
    ),
  },
];

const heightOf = (exception: ExportException) =>
  rowHeight(cellHeight([exception.description], DESCRIPTION_WIDTH), cellHeight([exception.remediationNote ?? "", "Remediated"], WIDTHS.remediation));

function ExceptionTable({ exceptions, columns }: { exceptions: readonly ExportException[]; columns: Column<ExportException>[] }) {
  if (exceptions.length === 0) return <EmptyNote />;
  const byDate = [...exceptions].sort((a, b) => a.date.localeCompare(b.date));
  return <Table columns={columns} rows={byDate} rowKey={(exception) => exception.id} heightOf={heightOf} />;
}

export function ExceptionsSection({ exceptions }: { exceptions: readonly ExportException[] }) {
  return (
    <View>
      <SectionTitle
        title="Exceptions"
        intro="Deviations recorded against controls. An open exception keeps its control from being ready; the auditor will ask about remediated ones too."
      />
      <Subheading>Open exceptions</Subheading>
      <ExceptionTable exceptions={exceptions.filter((exception) => exception.status === "open")} columns={OPEN_COLUMNS} />
      <Subheading>Remediated exceptions</Subheading>
      <ExceptionTable exceptions={exceptions.filter((exception) => exception.status === "remediated")} columns={REMEDIATED_COLUMNS} />
    </View>
  );
}
