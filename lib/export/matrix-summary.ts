// The workbook's first sheet: what the export is of, when it was made and the headline figures,
// as label/value lines.
import { escapeCell } from "@/lib/domain/control-csv";
import type { ExportEngagement, ExportSummary } from "@/lib/domain/export/types";
import { listText, timestampText } from "./matrix-labels";

type SummaryLine = {
  label: string;
  value: string | number;
  /** Excel number format. */ format?: string;
};

function windowLine(engagement: ExportEngagement): SummaryLine {
  if (engagement.type === "TYPE_I")
    return { label: "As of date", value: engagement.asOfDate ?? "" };
  return {
    label: "Period",
    value: [engagement.periodStart, engagement.periodEnd].filter(Boolean).join(" to "),
  };
}

function scopeLines(engagement: ExportEngagement): SummaryLine[] {
  const lines: SummaryLine[] = [];
  if (engagement.categories.length)
    lines.push({ label: "Categories in scope", value: listText(engagement.categories) });
  if (engagement.objectives.length)
    lines.push({
      label: "Objectives in scope",
      value: listText(engagement.objectives.map((objective) => objective.ref)),
    });
  return lines;
}

export function summaryLines(summary: ExportSummary): SummaryLine[] {
  const { engagement, figures } = summary;
  const { counts, controls } = figures;
  const lines: SummaryLine[] = [
    { label: "Organisation", value: summary.organization.name },
    { label: "Engagement", value: engagement.name },
    { label: "Report", value: `${engagement.familyLabel} ${engagement.typeLabel}` },
    windowLine(engagement),
    ...scopeLines(engagement),
    // SOC 1 and ISAE 3402 have control objectives, not a criteria edition.
    ...(engagement.family === "SOC2"
      ? [{ label: "Criteria edition", value: engagement.criteriaEdition }]
      : []),
    { label: "Readiness computed for", value: summary.today },
    ...(figures.asOf ? [{ label: "Operating evidence counted to", value: figures.asOf }] : []),
    { label: "Generated at", value: timestampText(summary.generatedAt) },
    { label: "Readiness", value: counts.readinessPercent / 100, format: "0.0%" },
    { label: "Requirements", value: counts.total },
    { label: "Requirements ready", value: counts.ready },
    { label: "Requirements in progress", value: counts.in_progress },
    { label: "Requirements unmapped", value: counts.unmapped },
    { label: "Requirements not applicable", value: counts.not_applicable },
    { label: "Controls in scope", value: controls.total },
    { label: "Controls ready", value: controls.ready },
    { label: "Controls not ready", value: controls.notReady },
    { label: "Exceptions", value: summary.exceptions.length },
    {
      label: "Open exceptions",
      value: summary.exceptions.filter((exception) => exception.status === "open").length,
    },
    { label: "Population events", value: summary.events.length },
  ];
  return lines.map((line) =>
    typeof line.value === "string" ? { ...line, value: escapeCell(line.value) } : line,
  );
}
