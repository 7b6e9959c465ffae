// The auditor readiness summary: a PDF laid out like the report the service auditor will write,
// made from the export model alone (no queries, no network: only the built-in Helvetica fonts).
import { Document, renderToBuffer } from "@react-pdf/renderer";
import type { ExportSummary } from "@/lib/domain/export/types";
import { ControlsPages } from "./pdf/controls";
import { CoverPage } from "./pdf/cover";
import { ExceptionsSection } from "./pdf/exceptions";
import { reportTitle } from "./pdf/format";
import { ReportPage } from "./pdf/layout";
import { NotApplicableSection } from "./pdf/not-applicable";
import { RequirementsPages } from "./pdf/requirements";
import { SamplingSection } from "./pdf/sampling";
import { ScopeSection } from "./pdf/scope";

function SummaryDocument({ summary }: { summary: ExportSummary }) {
  return (
    <Document
      title={`${summary.organization.name}: ${reportTitle(summary.engagement)} readiness summary`}
      author={summary.organization.name}
      subject={summary.engagement.name}
      creator="Assay"
      producer="Assay"
      creationDate={new Date(summary.generatedAt)}
    >
      <CoverPage summary={summary} />
      <ReportPage summary={summary}>
        <ScopeSection engagement={summary.engagement} />
      </ReportPage>
      <RequirementsPages summary={summary} />
      <ControlsPages summary={summary} />
      <ReportPage summary={summary}>
        <ExceptionsSection exceptions={summary.exceptions} />
        <NotApplicableSection requirements={summary.requirements} />
        <SamplingSection controls={summary.controls} typeII={summary.engagement.type === "TYPE_II"} />
      </ReportPage>
    </Document>
  );
}

/** Renders the readiness summary PDF. Pure: everything it prints comes from `summary`. */
export function renderSummaryPdf(summary: ExportSummary): Promise<Buffer> {
  return renderToBuffer(<SummaryDocument summary={summary} />);
}
