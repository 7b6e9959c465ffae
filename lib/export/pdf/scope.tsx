// What the report covers: categories or objectives, the subservice organisations and what user
// entities are expected to do, as the system description of the report will set them out.
import { Text, View } from "@react-pdf/renderer";
import type { ExportEngagement } from "@/lib/domain/export/types";
import { METHOD_WORDS, reportTitle } from "./format";
import { CellLines, EmptyNote, List, SectionTitle, Subheading } from "./layout";
import { cellHeight, CONTENT_WIDTH, rowHeight } from "./paging";
import { styles } from "./styles";
import { Table, type Column } from "./table";

type Objective = ExportEngagement["objectives"][number];
type Subservice = ExportEngagement["subservices"][number];

const METHOD_NOTE =
  "Carve-out: the subservice organisation's controls stay outside the report and the CSOCs are what we rely on it to operate. " +
  "Inclusive: its controls are described and tested as part of the report.";

const OBJECTIVE_COLUMNS: Column<Objective>[] = [
  { header: "Ref", width: 60, render: (objective) => objective.ref },
  { header: "Control objective", render: (objective) => objective.title },
  { header: "Area", width: 130, render: (objective) => objective.area },
];

const WIDTHS = { name: 120, services: 120, method: 62 };
const CSOC_WIDTH = CONTENT_WIDTH - WIDTHS.name - WIDTHS.services - WIDTHS.method;

const SUBSERVICE_COLUMNS: Column<Subservice>[] = [
  { header: "Subservice organisation", width: WIDTHS.name, render: (subservice) => <Text style={styles.bold}>{subservice.name}</Text> },
  { header: "Services", width: WIDTHS.services, render: (subservice) => subservice.services },
  { header: "Method", width: WIDTHS.method, render: (subservice) => METHOD_WORDS[subservice.method] },
  {
    header: "Complementary subservice organisation controls (CSOCs)",
    render: (subservice) =>
      subservice.csocs.length === 0 ? <EmptyNote /> : <CellLines lines={subservice.csocs.map((csoc) => `• ${csoc}`)} muted={false} />,
  },
];

export function ScopeSection({ engagement }: { engagement: ExportEngagement }) {
  const usesObjectives = engagement.family !== "SOC2";
  return (
    <View>
      <SectionTitle
        title="Scope"
        intro={`${reportTitle(engagement)}, criteria edition ${engagement.criteriaEdition}. The system description in the final report is the authoritative statement of scope.`}
      />
      {usesObjectives ? (
        <>
          <Subheading>Control objectives in scope</Subheading>
          {engagement.objectives.length === 0 ? (
            <EmptyNote />
          ) : (
            <Table columns={OBJECTIVE_COLUMNS} rows={engagement.objectives} rowKey={(objective) => objective.ref} />
          )}
        </>
      ) : (
        <>
          <Subheading>Trust services categories in scope</Subheading>
          <List items={engagement.categories} />
        </>
      )}
      <Subheading>Subservice organisations</Subheading>
      {engagement.subservices.length === 0 ? (
        <EmptyNote />
      ) : (
        <>
          <Text style={[styles.paragraph, styles.muted]}>{METHOD_NOTE}</Text>
          <Table
            columns={SUBSERVICE_COLUMNS}
            rows={engagement.subservices}
            rowKey={(subservice) => subservice.name}
            heightOf={(subservice) => rowHeight(cellHeight(subservice.csocs, CSOC_WIDTH), cellHeight([subservice.services], WIDTHS.services))}
          />
        </>
      )}
      <Subheading>Complementary user entity controls (CUECs)</Subheading>
      <List items={engagement.cuecs} numbered />
      <Subheading>User entity responsibilities</Subheading>
      <List items={engagement.userResponsibilities} numbered />
    </View>
  );
}
