// Requirements management has excluded, each with the reason an auditor will want to read.
import { Text, View } from "@react-pdf/renderer";
import type { ExportRequirement } from "@/lib/domain/export/types";
import { EmptyNote, SectionTitle } from "./layout";
import { cellHeight, CONTENT_WIDTH, rowHeight } from "./paging";
import { styles } from "./styles";
import { Table, type Column } from "./table";

const WIDTHS = { code: 48, title: 170 };
const JUSTIFICATION_WIDTH = CONTENT_WIDTH - WIDTHS.code - WIDTHS.title;

const COLUMNS: Column<ExportRequirement>[] = [
  { header: "Code", width: WIDTHS.code, render: (requirement) => <Text style={styles.bold}>{requirement.code}</Text> },
  { header: "Requirement", width: WIDTHS.title, render: (requirement) => requirement.title },
  { header: "Justification", render: (requirement) => requirement.justification ?? "No justification recorded" },
];

export function NotApplicableSection({ requirements }: { requirements: readonly ExportRequirement[] }) {
  const excluded = requirements.filter((requirement) => requirement.status === "not_applicable");
  return (
    <View style={{ marginTop: 24 }}>
      <SectionTitle
        title="Not applicable requirements"
        intro="Requirements marked not applicable are left out of the readiness figure. The auditor decides whether each justification holds."
      />
      {excluded.length === 0 ? (
        <EmptyNote />
      ) : (
        <Table
          columns={COLUMNS}
          rows={excluded}
          rowKey={(requirement) => requirement.id}
          heightOf={(requirement) =>
            rowHeight(cellHeight([requirement.title], WIDTHS.title), cellHeight([requirement.justification ?? ""], JUSTIFICATION_WIDTH))
          }
        />
      )}
    </View>
  );
}
