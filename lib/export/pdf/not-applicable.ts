// Requirements management has excluded, each with the reason an auditor will want to read.
import type { ExportRequirement } from "@/lib/domain/export/types";
import { emptyNote, sectionTitle } from "./layout";
import type { FlowPart } from "./paging";
import { COLORS } from "./styles";
import { tableFlow, type Column } from "./table";

const COLUMNS: Column<ExportRequirement>[] = [
  {
    header: "Code",
    width: 48,
    cell: (requirement) => [{ text: requirement.code, face: "Sans-Bold" }],
  },
  { header: "Requirement", width: 170, cell: (requirement) => [{ text: requirement.title }] },
  {
    header: "Justification",
    cell: ({ justification }) => [
      justification
        ? { text: justification }
        : { text: "No justification recorded", color: COLORS.warn },
    ],
  },
];

export function notApplicableFlow(requirements: readonly ExportRequirement[]): FlowPart[] {
  const excluded = requirements.filter((requirement) => requirement.status === "not_applicable");
  return [
    sectionTitle(
      "Not applicable requirements",
      "Requirements marked not applicable are left out of the readiness figure. The auditor decides whether each justification holds.",
      true,
    ),
    excluded.length === 0 ? emptyNote() : tableFlow({ columns: COLUMNS, rows: excluded }),
  ];
}
