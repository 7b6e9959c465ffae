// First drafts for the sections the engagement's own data already answers: CUECs, subservice
// organisations, criteria marked not applicable, and (SOC 1 / ISAE 3402) the control objectives
// with the controls mapped to them. The team edits the draft like any other text.
import type { SectionSource } from "./outline";

export type Subservice = { name: string; services: string; method: string; csocs: string[] };
export type SourceData = {
  cuecs: readonly string[];
  subservices: readonly Subservice[];
  notApplicable: readonly { code: string; justification: string }[];
  objectives: readonly { ref: string; title: string; objective: string; controlRefs: string[] }[];
};

/** Keeps table cells on one row: pipes escaped, line breaks as spaces. */
function cell(value: string): string {
  return value
    .replace(/\|/g, "\\|")
    .replace(/\s*\n\s*/g, " ")
    .trim();
}

function cuecs(data: SourceData): string {
  if (data.cuecs.length === 0) return "No controls are expected at user entities.";
  return data.cuecs.map((cuec) => `- ${cell(cuec)}`).join("\n");
}

function subservices(data: SourceData): string {
  if (data.subservices.length === 0)
    return "The service does not rely on subservice organisations.";
  const rows = data.subservices.map(
    (sub) =>
      `| ${cell(sub.name)} | ${cell(sub.services)} | ${sub.method === "inclusive" ? "Inclusive" : "Carve-out"} | ${sub.csocs.map(cell).join("; ") || "None listed"} |`,
  );
  return [
    "| Organisation | Services | Method | Controls expected of it |",
    "| --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

function notApplicable(data: SourceData): string {
  if (data.notApplicable.length === 0) return "Every criterion in scope applies.";
  return data.notApplicable
    .map((row) => `- **${row.code}**: ${cell(row.justification)}`)
    .join("\n");
}

function objectives(data: SourceData): string {
  if (data.objectives.length === 0) return "No control objectives are in scope yet.";
  return data.objectives
    .map((objective) => {
      const controls = objective.controlRefs.length
        ? objective.controlRefs.map((ref) => `[[${ref}]]`).join(", ")
        : "no control mapped yet";
      const statement = objective.objective.trim() ? `${cell(objective.objective)}\n\n` : "";
      return `### ${objective.ref} ${cell(objective.title)}\n\n${statement}Controls: ${controls}`;
    })
    .join("\n\n");
}

const WRITERS: Record<SectionSource, (data: SourceData) => string> = {
  cuecs,
  subservices,
  not_applicable: notApplicable,
  objectives,
};

/** The Markdown first draft of a section that starts from the engagement's data. */
export function generatedDraft(source: SectionSource, data: SourceData): string {
  return WRITERS[source](data);
}
