// A GFM table in the Markdown PDF: one bordered row of cells per table row, the header row bold
// on a tint. A row never splits across pages (it moves to the next page whole); the header row
// keeps 24 points of the table with it and is not repeated on later pages. Tagged as
// Table / TR / TH / TD.
import type { PhrasingContent, Table } from "mdast";
import {
  artifact,
  drawRuns,
  ensureRoom,
  heightOfRuns,
  lineGapOf,
  RULE,
  type Run,
  TINT,
} from "./markdown-pdf-text";
import type { PdfKitDocument, PdfStructParent } from "./pdf/pdfkit-document";

const SIZE = 9.5;
const LINE = 1.35;
const PAD_X = 4;
const PAD_Y = 3;
const BORDER = 0.75;

/** Column weights from the longest cell text of each column, so short columns stay narrow. */
function weights(lengths: number[][], columns: number): number[] {
  return Array.from({ length: columns }, (_, column) => {
    const longest = Math.max(0, ...lengths.map((row) => row[column] ?? 0));
    return Math.min(Math.max(longest, 4), 40);
  });
}

export type CellRuns = (children: readonly PhrasingContent[], bold: boolean) => Run[];

/** Draws the table at doc.y in the box (x, width), its structure under `parent`. */
export function drawTable(
  doc: PdfKitDocument,
  node: Table,
  box: { x: number; width: number; parent: PdfStructParent },
  cellRuns: CellRuns,
  textOf: (node: PhrasingContent) => string,
): void {
  const columns = Math.max(1, ...node.children.map((row) => row.children.length));
  const lengths = node.children.map((row) =>
    row.children.map((cell) => cell.children.map(textOf).join("").length),
  );
  const grow = weights(lengths, columns);
  const total = grow.reduce((sum, weight) => sum + weight, 0);
  const widths = grow.map((weight) => (box.width * weight) / total);
  const lineGap = lineGapOf(doc, "Sans", SIZE, LINE);
  const table = doc.struct("Table");
  box.parent.add(table);
  node.children.forEach((row, index) => {
    const head = index === 0;
    const cells = widths.map((_, column) => {
      const cell = row.children[column];
      return cell ? cellRuns(cell.children, head) : [];
    });
    const height =
      Math.max(
        ...cells.map((runs, column) =>
          runs.length
            ? heightOfRuns(doc, runs, (widths[column] ?? 0) - 2 * PAD_X, SIZE, lineGap)
            : 0,
        ),
      ) +
      2 * PAD_Y;
    ensureRoom(doc, height + (head ? 24 : 0));
    const top = doc.y;
    if (head) artifact(doc, () => doc.rect(box.x, top, box.width, height).fill(TINT));
    const tr = doc.struct("TR");
    table.add(tr);
    let left = box.x;
    cells.forEach((runs, column) => {
      const width = widths[column] ?? 0;
      const x = left;
      tr.add(
        doc.struct(head ? "TH" : "TD", () =>
          drawRuns(doc, runs, {
            x: x + PAD_X,
            y: top + PAD_Y,
            width: width - 2 * PAD_X,
            lineGap,
            align: node.align?.[column] ?? "left",
          }),
        ),
      );
      left += width;
    });
    artifact(doc, () => {
      doc.lineWidth(BORDER).strokeColor(RULE);
      if (head) doc.moveTo(box.x, top).lineTo(box.x + box.width, top);
      doc.moveTo(box.x, top + height).lineTo(box.x + box.width, top + height);
      let edge = box.x;
      doc.moveTo(edge, top).lineTo(edge, top + height);
      for (const width of widths) {
        edge += width;
        doc.moveTo(edge, top).lineTo(edge, top + height);
      }
      doc.stroke();
    });
    doc.y = top + height;
  });
  doc.y += 8;
}
