// What the report covers: categories or objectives, the subservice organisations and what user
// entities are expected to do, as the system description of the report will set them out.
import type { ExportEngagement } from "@/lib/domain/export/types";
import { METHOD_WORDS, reportTitle } from "./format";
import { emptyNote, list, paragraph, sectionTitle, subheading } from "./layout";
import type { FlowPart } from "./paging";
import { COLORS } from "./styles";
import { tableFlow, type Column } from "./table";

type Objective = ExportEngagement["objectives"][number];
type Subservice = ExportEngagement["subservices"][number];

const METHOD_NOTE =
  "Carve-out: the subservice organisation's controls stay outside the report and the CSOCs are what we rely on it to operate. " +
  "Inclusive: its controls are described and tested as part of the report.";

const OBJECTIVE_COLUMNS: Column<Objective>[] = [
  {
    header: "Ref",
    width: 60,
    cell: (objective) => [{ text: objective.ref, face: "Sans-Bold" }],
  },
  { header: "Control objective", cell: (objective) => [{ text: objective.title }] },
  { header: "Area", width: 130, cell: (objective) => [{ text: objective.area }] },
];

const SUBSERVICE_COLUMNS: Column<Subservice>[] = [
  {
    header: "Subservice organisation",
    width: 120,
    cell: (subservice) => [{ text: subservice.name, face: "Sans-Bold" }],
  },
  { header: "Services", width: 120, cell: (subservice) => [{ text: subservice.services }] },
  {
    header: "Method",
    width: 62,
    cell: (subservice) => [{ text: METHOD_WORDS[subservice.method] }],
  },
  {
    header: "Complementary subservice organisation controls (CSOCs)",
    cell: (subservice) =>
      subservice.csocs.length === 0
        ? [{ text: "None recorded", face: "Sans-Oblique", color: COLORS.muted }]
        : subservice.csocs.map((csoc) => ({ text: `• ${csoc}` })),
  },
];

/** The line under "Scope": a criteria edition for SOC 2 only (SOC 1 / ISAE 3402 have objectives). */
export function scopeIntro(engagement: ExportEngagement): string {
  const usesObjectives = engagement.family !== "SOC2";
  return `${reportTitle(engagement)}${usesObjectives ? "" : `, criteria edition ${engagement.criteriaEdition}`}. The system description in the final report is the authoritative statement of scope.`;
}

export function scopeFlow(engagement: ExportEngagement): FlowPart[] {
  const usesObjectives = engagement.family !== "SOC2";
  const scope: FlowPart[] = usesObjectives
    ? [
        subheading("Control objectives in scope"),
        engagement.objectives.length === 0
          ? emptyNote()
          : tableFlow({ columns: OBJECTIVE_COLUMNS, rows: engagement.objectives }),
      ]
    : [subheading("Trust services categories in scope"), ...list(engagement.categories)];
  const subservices: FlowPart[] =
    engagement.subservices.length === 0
      ? [emptyNote()]
      : [
          paragraph(METHOD_NOTE, { muted: true, keepWithNext: true }),
          tableFlow({ columns: SUBSERVICE_COLUMNS, rows: engagement.subservices }),
        ];
  return [
    sectionTitle("Scope", scopeIntro(engagement)),
    ...scope,
    subheading("Subservice organisations"),
    ...subservices,
    subheading("Complementary user entity controls (CUECs)"),
    ...list(engagement.cuecs, true),
    subheading("User entity responsibilities"),
    ...list(engagement.userResponsibilities, true),
  ];
}
