// Requirement by requirement, grouped as the criteria or objectives are grouped in the report.
import type { ExportRequirement, ExportSummary } from "@/lib/domain/export/types";
import { groupBy } from "./format";
import { emptyNote, sectionTitle } from "./layout";
import type { FlowPart } from "./paging";
import { COLORS, STATUS_COLORS } from "./styles";
import { tableFlow, type Column, type Paragraph } from "./table";
import { REQUIREMENT_STATUS_LABELS } from "@/lib/domain/labels";

/**
 * The mapped controls holding the requirement back. Why each is not ready is set out once, under
 * Controls needing attention, rather than again for every requirement it is mapped to.
 */
function notes(requirement: ExportRequirement, notReady: ReadonlySet<string>): Paragraph[] {
  if (requirement.status === "not_applicable")
    return [{ text: "Justified under Not applicable requirements", color: COLORS.muted }];
  if (requirement.status === "unmapped") return [{ text: "No control is mapped yet" }];
  const holding = requirement.controlRefs.filter((ref) => notReady.has(ref));
  if (holding.length > 0) return [{ text: `Not ready: ${holding.join(", ")}` }];
  return requirement.reasons.map((reason) => ({ text: reason }));
}

const columns = (notReady: ReadonlySet<string>): Column<ExportRequirement>[] => [
  {
    header: "Code",
    width: 46,
    cell: (requirement) => [{ text: requirement.code, face: "Sans-Bold" }],
  },
  { header: "Requirement", width: 150, cell: (requirement) => [{ text: requirement.title }] },
  {
    header: "Status",
    width: 74,
    cell: ({ status }) => [
      {
        text: REQUIREMENT_STATUS_LABELS[status],
        face: "Sans-Bold",
        color: STATUS_COLORS[status],
        dot: STATUS_COLORS[status],
      },
    ],
  },
  {
    header: "Controls",
    cell: (requirement) => [{ text: requirement.controlRefs.join(", ") || "—" }],
  },
  { header: "Why not ready", width: 110, cell: (requirement) => notes(requirement, notReady) },
];

export function requirementsFlow(summary: ExportSummary): FlowPart[] {
  const grouped = groupBy(summary.requirements, (requirement) => requirement.group).flatMap(
    ([, members]) => members,
  );
  const notReady = new Set(
    summary.controls.filter((control) => !control.ready).map((control) => control.ref),
  );
  return [
    sectionTitle(
      "Requirements",
      "Each requirement in scope with the controls mapped to it. A requirement is ready when every control mapped to it is ready; why a control is not ready is under Controls needing attention.",
    ),
    grouped.length === 0
      ? emptyNote()
      : tableFlow({
          columns: columns(notReady),
          rows: grouped,
          groupOf: (requirement) => requirement.group,
        }),
  ];
}
