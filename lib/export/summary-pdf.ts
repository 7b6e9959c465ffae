// The auditor readiness summary: a PDF laid out like the report the service auditor will write,
// made from the export model alone (no queries, no network), as PDF/A-2b with its fonts embedded
// (pdf/fonts.ts) and tagged (pdf/structure.ts), drawn with pdfkit (pdf/pdfkit-document.ts).
// The report is cut into pages first (pdf/paging.ts), which keeps the work linear in its length,
// and each page is drawn as a sketch of positioned text and shapes (pdf/sketch.ts); the page
// count is known before the first page is drawn, so each page is written out as the next begins.
import type { ExportSummary } from "@/lib/domain/export/types";
import { controlsFlow } from "./pdf/controls";
import { coverSketch } from "./pdf/cover";
import { descriptionFlow } from "./pdf/description";
import { exceptionsFlow } from "./pdf/exceptions";
import { warnMissingGlyphs, type Face } from "./pdf/fonts";
import { reportTitle } from "./pdf/format";
import { FRAME_ORIGIN, reportPageSketch } from "./pdf/layout";
import { BODY_HEIGHT, forgetMeasuredText, loadMetrics } from "./pdf/measure";
import { notApplicableFlow } from "./pdf/not-applicable";
import { paginate } from "./pdf/paging";
import { openPdfDocument, type PdfKitDocument } from "./pdf/pdfkit-document";
import { requirementsFlow } from "./pdf/requirements";
import { samplingFlow } from "./pdf/sampling";
import { scopeFlow } from "./pdf/scope";
import type { DrawOptions, Sketch } from "./pdf/sketch";
import { structureMarker } from "./pdf/structure";
import { FRAME, PAGE } from "./pdf/styles";

/** The cover comes first and is not part of the flow. */
const COVER_PAGES = 1;

const MARGINS = { top: FRAME.top, bottom: FRAME.bottom, left: PAGE.side, right: PAGE.side };

/** The report's pages after the cover, and the page each section starts on. */
function reportPages(summary: ExportSummary) {
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
  const sectionPages = new Map(
    [...anchors].map(([title, index]) => [title, COVER_PAGES + index + 1]),
  );
  return { pages, sectionPages };
}

/** Draws every page: the cover on the page the document opened with, then one page per cut. */
function drawSummary(
  doc: PdfKitDocument,
  fontKeys: ReadonlyMap<Face, string>,
  summary: ExportSummary,
): void {
  const { pages, sectionPages } = reportPages(summary);
  const totalPages = COVER_PAGES + pages.length;
  const root = doc.struct("Document");
  doc.addStructure(root);
  const options: DrawOptions = {
    mark: structureMarker(doc, root),
    fontKey: (face) => fontKeys.get(face) ?? face,
  };
  const draw = (sketch: Sketch) => {
    doc.save().translate(FRAME_ORIGIN.x, FRAME_ORIGIN.y);
    sketch.draw(doc, options);
    doc.restore();
  };
  draw(coverSketch({ summary, numbering: { pageNumber: 1, totalPages }, sectionPages }));
  pages.forEach((parts, index) => {
    doc.addPage();
    draw(reportPageSketch(summary, { pageNumber: COVER_PAGES + index + 1, totalPages }, parts));
  });
}

/** Renders the readiness summary PDF. Pure: everything it prints comes from `summary`. */
export async function renderSummaryPdf(summary: ExportSummary): Promise<Buffer> {
  await loadMetrics();
  const organization = summary.organization.name;
  const { doc, fontKeys, finish } = openPdfDocument(
    `${organization}: ${reportTitle(summary.engagement)} readiness summary`,
    MARGINS,
    { bufferPages: false },
  );
  Object.assign(doc.info, {
    Author: organization,
    Subject: summary.engagement.name,
    CreationDate: new Date(summary.generatedAt),
  });
  try {
    drawSummary(doc, fontKeys, summary);
  } finally {
    // Drawn in one go (no await since the metrics): the characters replaced are this PDF's alone.
    warnMissingGlyphs(`readiness summary of ${organization}`);
    forgetMeasuredText();
  }
  return finish();
}
