// The text of the Markdown PDF as runs (a face, a size, a colour) drawn with pdfkit's own line
// layout: one paragraph is its runs drawn one after another with `continued`, wrapped at `width`
// with `lineGap` between lines, breaking the page where pdfkit's wrapper reaches the bottom margin.
// Heights for keeping things together (a heading with what follows, a table row, a quoted block
// on its background) come from heightOfString.
import type { Face } from "./pdf/fonts";
import { withFace, type PdfKitDocument } from "./pdf/pdfkit-document";

export const INK = "#0f172a";
export const MUTED = "#64748b";
export const RULE = "#cbd5e1";
export const TINT = "#f1f5f9";

export type Run = { text: string; face: Face; size: number; color: string; strike: boolean };

/** The gap pdfkit adds under each line so that lines are `size × factor` apart. */
export function lineGapOf(doc: PdfKitDocument, face: Face, size: number, factor: number): number {
  withFace(doc, face).fontSize(size);
  return Math.max(0, size * factor - doc.currentLineHeight(true));
}

/** The width of the runs on one line. */
function widthOfRuns(doc: PdfKitDocument, runs: readonly Run[]): number {
  return runs.reduce(
    (sum, run) => sum + withFace(doc, run.face).fontSize(run.size).widthOfString(run.text),
    0,
  );
}

/**
 * Draws the runs as one paragraph from (x, y), `width` wide; leaves doc.y under its last line.
 * Centred or right-aligned text that fits on one line is placed here: pdfkit aligns each run of
 * a `continued` paragraph on its own.
 */
export function drawRuns(
  doc: PdfKitDocument,
  runs: readonly Run[],
  at: { x: number; y: number; width: number; lineGap: number; align?: "left" | "center" | "right" },
): void {
  const drawn = runs.filter((run) => run.text.length > 0);
  let { x, align = "left" } = at;
  if (align !== "left" && drawn.length > 1) {
    const room = at.width - widthOfRuns(doc, drawn);
    if (room >= 0 && !drawn.some((run) => run.text.includes("\n")))
      x += align === "center" ? room / 2 : room;
    align = "left";
  }
  drawn.forEach((run, index) => {
    withFace(doc, run.face).fontSize(run.size).fillColor(run.color);
    const options = {
      width: at.width,
      lineGap: at.lineGap,
      align,
      continued: index < drawn.length - 1,
      strike: run.strike,
    };
    if (index === 0) doc.text(run.text, x, at.y, options);
    else doc.text(run.text, options);
  });
}

/**
 * The height the runs take at `width`: measured in the face most of the text is in (bold when any
 * of it is, as bold is the wider), so it errs on the tall side.
 */
export function heightOfRuns(
  doc: PdfKitDocument,
  runs: readonly Run[],
  width: number,
  size: number,
  lineGap: number,
): number {
  const text = runs.map((run) => run.text).join("");
  const face: Face = runs.some((run) => run.face.startsWith("Sans-Bold")) ? "Sans-Bold" : "Sans";
  withFace(doc, face).fontSize(size);
  return doc.heightOfString(text || " ", { width, lineGap });
}

/** A new page unless `height` fits under doc.y (or doc.y is already at the top of a page). */
export function ensureRoom(doc: PdfKitDocument, height: number): void {
  if (doc.y + height > doc.page.maxY() && doc.y > doc.page.margins.top + 0.5)
    doc.continueOnNewPage();
}

/** Draws what is not content (rules, borders, backgrounds, running header and footer) as an artifact. */
export function artifact(doc: PdfKitDocument, draw: () => void): void {
  doc.markContent("Artifact");
  draw();
  doc.endMarkedContent();
}
