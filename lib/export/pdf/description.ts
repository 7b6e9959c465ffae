// The system description's sections and their review state. Completeness is shown beside
// readiness, never counted in it; the text itself is in description.pdf and description.md.
import type { ExportDescription, ExportDescriptionSection } from "@/lib/domain/export/types";
import { longDate } from "./format";
import { list, paragraph, sectionTitle } from "./layout";
import type { FlowPart } from "./paging";

const STATE_WORDS: Record<ExportDescriptionSection["state"], string> = {
  draft: "draft",
  in_review: "in review",
  approved: "approved",
};

function sectionLine(section: ExportDescriptionSection): string {
  const approved =
    section.state === "approved" && section.approvedBy
      ? ` by ${section.approvedBy}${section.approvedAt ? ` on ${longDate(section.approvedAt.slice(0, 10))}` : ""}`
      : "";
  const owner = section.owner ? `; owner ${section.owner}` : "";
  const shared = section.shared ? "; shared with the organisation's other engagements" : "";
  const unknown =
    section.unknownRefs.length > 0
      ? `; refers to unknown controls ${section.unknownRefs.join(", ")}`
      : "";
  return `${section.title}: ${STATE_WORDS[section.state]}${approved}${owner}${shared}${unknown}`;
}

export function descriptionFlow(description: ExportDescription | undefined): FlowPart[] {
  if (!description || description.sections.length === 0)
    return [
      sectionTitle("System description", undefined, true),
      paragraph("No system description has been written in Assay for this engagement yet.", {
        muted: true,
      }),
    ];
  return [
    sectionTitle(
      "System description",
      `${description.completeness.text}. Completeness is not part of the readiness figure. The full text is in description.pdf and description.md in the evidence pack.`,
      true,
    ),
    ...list(description.sections.map(sectionLine), true),
  ];
}
