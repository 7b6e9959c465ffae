// The system description as one Markdown document (description.md in the evidence pack): a
// heading per section with its state and version, then the section's own Markdown as written.
import type { ExportDescription, ExportDescriptionSection } from "./types";

const STATE_LABELS: Record<ExportDescriptionSection["state"], string> = {
  draft: "Draft",
  in_review: "In review",
  approved: "Approved",
};

function sectionMarkdown(section: ExportDescriptionSection, index: number): string {
  const facts = [
    STATE_LABELS[section.state] +
      (section.state === "approved" && section.approvedBy
        ? ` by ${section.approvedBy}${section.approvedAt ? ` on ${section.approvedAt.slice(0, 10)}` : ""}`
        : ""),
    section.version > 0 ? `version ${section.version}` : "not written yet",
    section.owner ? `owner ${section.owner}` : null,
  ].filter(Boolean);
  const lines = [`## ${index + 1}. ${section.title}`, "", `_${facts.join(" · ")}_`, ""];
  lines.push(
    section.body.trim() ? section.body.trim() : "_Nothing is written in this section yet._",
  );
  if (section.evidence.length > 0)
    lines.push("", "Attached evidence:", "", ...section.evidence.map((title) => `- ${title}`));
  if (section.unknownRefs.length > 0)
    lines.push("", `Unknown control refs: ${section.unknownRefs.join(", ")}`);
  return lines.join("\n");
}

export function descriptionMarkdown(
  engagementName: string,
  organizationName: string,
  description: ExportDescription,
): string {
  return [
    `# System description: ${engagementName}`,
    "",
    `${organizationName}. ${description.completeness.text}.`,
    "",
    ...description.sections.map((section, index) => `${sectionMarkdown(section, index)}\n`),
  ].join("\n");
}
