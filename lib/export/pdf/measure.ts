// Text measured with the real metrics of the report's faces (fonts.ts, opened by pdfkit), for
// breaking the report's text into lines ourselves: the tables (table.ts) and the prose
// (layout.ts) draw those lines exactly as broken here, so paging.ts knows every height before a
// page is drawn.
import { FACES, setGlyphFaces, type Face, type FaceFont } from "./fonts";
import { openPdfDocument } from "./pdfkit-document";
import { PAGE } from "./styles";

export { printable } from "./fonts";
export type { Face } from "./fonts";

/** The page's width inside its padding. */
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.side;
/** The page's height inside its padding, less a margin for rounding. */
export const BODY_HEIGHT = PAGE.height - PAGE.top - PAGE.bottom - 4;

type Measure = (text: string) => number;
const measures = new Map<Face, Measure>();

/**
 * Widths already measured, per face, kept from one PDF to the next: a report's words repeat a
 * lot, and the next report of the same organisation has most of them again. Shaping a word with
 * fontkit (kerning and the other OpenType features) is the measuring's whole cost.
 */
const memos = new Map<Face, Map<string, number>>();

/** A face's memo is emptied when it holds this many texts: a few MB, however many PDFs a process makes. */
const MEMO_LIMIT = 40_000;

/** Bounds the widths memo once a report is done: the process lives on after the PDF. */
export function forgetMeasuredText(): void {
  for (const memo of memos.values()) if (memo.size > MEMO_LIMIT) memo.clear();
}

/**
 * The faces as fontkit fonts of their own, for measuring and for the glyph check: opened once a
 * process by a document that is never written (a document's fonts are embedded from the glyphs
 * it lays out, so the PDFs drawn keep theirs apart).
 */
function metricFaces(): Map<Face, FaceFont> {
  const { doc } = openPdfDocument(
    "Metrics",
    { top: 0, bottom: 0, left: 0, right: 0 },
    {
      bufferPages: false,
    },
  );
  return new Map(FACES.map((face) => [face, doc.font(face)._font.font]));
}

/** Loads the faces' metrics once a process; every other function here needs it done. */
export async function loadMetrics(): Promise<void> {
  if (measures.size > 0) return;
  const faces = metricFaces();
  setGlyphFaces(faces);
  for (const [face, font] of faces) {
    const cache = new Map<string, number>();
    memos.set(face, cache);
    // Advance in ems, kerning included: what pdfkit draws.
    measures.set(face, (text) => {
      let width = cache.get(text);
      if (width === undefined) {
        width = font.layout(text).advanceWidth / font.unitsPerEm;
        cache.set(text, width);
      }
      return width;
    });
  }
}

function measureOf(face: Face): Measure {
  const measure = measures.get(face);
  if (!measure) throw new Error("loadMetrics() must run before text is measured");
  return measure;
}

/** The baseline of text of `size` drawn centred in a line `line` points tall whose top is at `top`. */
export function baselineIn(top: number, line: number, size: number): number {
  return top + line / 2 + size * 0.35;
}

/** Width in points of one line of `text`. */
export function textWidth(text: string, face: Face, size: number): number {
  return measureOf(face)(text) * size;
}

/** The text on one line of `width`: whole if it fits, else cut at a character and ended with "…". */
export function fitLine(text: string, width: number, face: Face, size: number): string {
  const em = measureOf(face);
  if (em(text) * size <= width) return text;
  const chars = Array.from(text);
  let kept = chars.length;
  while (kept > 0 && em(`${chars.slice(0, kept).join("").trimEnd()}…`) * size > width) kept -= 1;
  return kept > 0 ? `${chars.slice(0, kept).join("").trimEnd()}…` : "";
}

/** A word wider than the line, cut into pieces that fit. */
function splitWord(word: string, width: number, em: Measure, size: number): string[] {
  const pieces: string[] = [];
  let piece = "";
  for (const char of word) {
    if (piece && em(piece + char) * size > width) {
      pieces.push(piece);
      piece = "";
    }
    piece += char;
  }
  return piece ? [...pieces, piece] : pieces;
}

/** The paragraph broken into lines that fit the width, at spaces, greedily; "\n" starts a new line. */
export function wrap(text: string, width: number, face: Face, size: number): string[] {
  const em = measureOf(face);
  const space = em(" ") * size;
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    let used = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const advance = em(word) * size;
      if (line && used + space + advance <= width) {
        line += ` ${word}`;
        used += space + advance;
        continue;
      }
      if (line) lines.push(line);
      const pieces = advance > width ? splitWord(word, width, em, size) : [word];
      lines.push(...pieces.slice(0, -1));
      line = pieces.at(-1) ?? "";
      used = em(line) * size;
    }
    lines.push(line);
  }
  return lines;
}
