// Requirement by requirement, grouped as the criteria or objectives are grouped in the report.
import { Text } from "@react-pdf/renderer";
import type { ExportRequirement, ExportSummary } from "@/lib/domain/export/types";
import { groupBy } from "./format";
import { CellLines, SectionTitle, StatusMark } from "./layout";
import { cellHeight, CONTENT_WIDTH, GROUP_ROW, rowHeight, SECTION_LEAD } from "./paging";
import { styles } from "./styles";
import { TablePages, type Column } from "./table";

const WIDTHS = { code: 48, title: 142, status: 78, controls: 70 };
const NOTES_WIDTH = CONTENT_WIDTH - WIDTHS.code - WIDTHS.title - WIDTHS.status - WIDTHS.controls;

const controlList = (requirement: ExportRequirement) => requirement.controlRefs.join(", ") || "—";

function noteLines(requirement: ExportRequirement): string[] {
  if (requirement.status === "not_applicable") return ["Justified under Not applicable requirements"];
  if (requirement.status === "unmapped") return ["No control is mapped yet"];
  return requirement.reasons;
}

const COLUMNS: Column<ExportRequirement>[] = [
  { header: "Code", width: WIDTHS.code, render: (requirement) => <Text style={styles.bold}>{requirement.code}</Text> },
  { header: "Requirement", width: WIDTHS.title, render: (requirement) => requirement.title },
  { header: "Status", width: WIDTHS.status, render: (requirement) => <StatusMark status={requirement.status} /> },
  { header: "Controls", width: WIDTHS.controls, render: controlList },
  {
    header: "Why not ready",
    render: (requirement) => <CellLines lines={noteLines(requirement)} muted={requirement.status === "not_applicable"} />,
  },
];

const heightOf = (requirement: ExportRequirement) =>
  rowHeight(
    cellHeight([requirement.code], WIDTHS.code),
    cellHeight([requirement.title], WIDTHS.title),
    cellHeight([controlList(requirement)], WIDTHS.controls),
    cellHeight(noteLines(requirement), NOTES_WIDTH),
  );

export function RequirementsPages({ summary }: { summary: ExportSummary }) {
  const groups = groupBy(summary.requirements, (requirement) => requirement.group);
  const firstOfGroup = new Set(groups.map(([, members]) => members[0]));
  return (
    <TablePages
      summary={summary}
      lead={
        <SectionTitle
          title="Requirements"
          intro="Each requirement in scope with the controls mapped to it. A requirement is ready when every control mapped to it is ready."
        />
      }
      leadHeight={SECTION_LEAD}
      columns={COLUMNS}
      rows={groups.flatMap(([, members]) => members)}
      rowKey={(requirement) => requirement.id}
      groupOf={(requirement) => requirement.group}
      heightOf={(requirement) => heightOf(requirement) + (firstOfGroup.has(requirement) ? GROUP_ROW : 0)}
    />
  );
}
