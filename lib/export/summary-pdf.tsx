// The auditor readiness summary: a PDF laid out like the report the service auditor will write,
// made from the export model alone (no queries, no network), as PDF/A-2b with its fonts embedded
// (pdf/fonts.ts).
// The report is cut into pages before react-pdf lays it out (pdf/paging.ts), which keeps the work
// linear in its length: 2,000 controls take seconds, not minutes.
import { Document } from "@react-pdf/renderer";
import type { ExportSummary } from "@/lib/domain/export/types";
import { controlsFlow } from "./pdf/controls";
import { descriptionFlow } from "./pdf/description";
import { CoverPage } from "./pdf/cover";
import { exceptionsFlow } from "./pdf/exceptions";
import { PDF_LANGUAGE, warnMissingGlyphs } from "./pdf/fonts";
import { reportTitle } from "./pdf/format";
import { ReportPage } from "./pdf/layout";
import { BODY_HEIGHT, forgetMeasuredText, loadMetrics } from "./pdf/measure";
import { notApplicableFlow } from "./pdf/not-applicable";
import { paginate } from "./pdf/paging";
import { renderPdf } from "./pdf/render";
import { requirementsFlow } from "./pdf/requirements";
import { samplingFlow } from "./pdf/sampling";
import { scopeFlow } from "./pdf/scope";

/** The cover comes first and is not part of the flow. */
const COVER_PAGES = 1;

function SummaryDocument({ summary }: { summary: ExportSummary }) {
  const { pages, anchors } = paginate(
    [
      scopeFlow(summary.engagement),
      requirementsFlow(summary),
      controlsFlow(summary),
      [
        ...exceptionsFlow(summary.exceptions),
        ...notApplicableFlow(summary.requirements),
        ...samplingFlow(summary.controls, summary.engagement.type === "TYPE_II"),
        ...descriptionFlow(summary.description),
      ],
    ],
    BODY_HEIGHT,
  );
  const totalPages = COVER_PAGES + pages.length;
  const sectionPages = new Map(
    [...anchors].map(([title, index]) => [title, COVER_PAGES + index + 1]),
  );
  return (
    <Document
      title={`${summary.organization.name}: ${reportTitle(summary.engagement)} readiness summary`}
      author={summary.organization.name}
      subject={summary.engagement.name}
      creator="Assay"
      producer="Assay"
      creationDate={new Date(summary.generatedAt)}
      conformance="PDF/A-2b"
      language={PDF_LANGUAGE}
    >
      <CoverPage
        summary={summary}
        numbering={{ pageNumber: 1, totalPages }}
        sectionPages={sectionPages}
      />
      {pages.map((parts, index) => (
        <ReportPage
          key={index}
          summary={summary}
          numbering={{ pageNumber: COVER_PAGES + index + 1, totalPages }}
          parts={parts}
        />
      ))}
    </Document>
  );
}

/** Renders the readiness summary PDF. Pure: everything it prints comes from `summary`. */
export async function renderSummaryPdf(summary: ExportSummary): Promise<Buffer> {
  try {
    return await renderPdf(async () => {
      await loadMetrics();
      return <SummaryDocument summary={summary} />;
    });
  } finally {
    warnMissingGlyphs(`readiness summary of ${summary.organization.name}`);
    forgetMeasuredText();
  }
}
