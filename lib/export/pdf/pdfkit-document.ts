// A PDF drawn with pdfkit directly (no react-pdf): an A4 document that is PDF/A-2b (XMP pdfaid,
// pdfkit's sRGB output intent, PDF 1.7), tagged (a structure tree, MarkInfo /Marked), with its
// title shown and its language declared, printing only the DejaVu faces of fonts.ts, each
// embedded as a subset (FontFile2). pdfkit's default Helvetica is never loaded: the constructor
// is handed the Sans face. Each document parses the font files afresh (fontkit keeps glyphs per
// font object), but the bytes are read from disk once per process. This module and the drawers
// it serves are the only files that import pdfkit (eslint.config.mjs, pdfInternals).
import { readFileSync } from "node:fs";
import PDFDocument, { type PdfStructElement } from "pdfkit";
import { FACES, type Face, faceFile, glyphCheck, type GlyphCheck, PDF_LANGUAGE } from "./fonts";

export type PdfKitDocument = PDFDocument;
/** A structure element (Document, L, LI, Table…) that tagged content is added under. */
export type PdfStructParent = PdfStructElement;

export type PageMargins = { top: number; bottom: number; left: number; right: number };

let files: Map<Face, Buffer> | undefined;

function fontBytes(): Map<Face, Buffer> {
  files ??= new Map(FACES.map((face) => [face, readFileSync(faceFile(face))]));
  return files;
}

function bytesOf(face: Face): Buffer {
  const bytes = fontBytes().get(face);
  if (!bytes) throw new Error(`No font file for ${face}`);
  return bytes;
}

export type OpenedPdf = {
  doc: PdfKitDocument;
  /** The glyph check over this document's own faces. */
  glyphs: GlyphCheck;
  /**
   * The key each face is held under in the document (its PostScript name): `doc.font(key)` takes
   * the face pdfkit holds. `doc.font("Sans")` opens the font file again on every call, because
   * pdfkit finds the constructor's face under its PostScript name and does not remember it under
   * the name asked for; the other faces are held under both.
   */
  fontKeys: ReadonlyMap<Face, string>;
  /** Ends the document and resolves to its bytes. */
  finish(): Promise<Buffer>;
};

/** How a document is kept while it is drawn. */
export type PdfDocumentMode = {
  /**
   * Keep every page until the end (the default), so that a later pass can go back to it; false
   * writes each page out when the next is added (the summary, which knows its page count first).
   */
  bufferPages?: boolean;
};

const fontKeysOf = new WeakMap<PdfKitDocument, ReadonlyMap<Face, string>>();

/**
 * Selects `face` on a document openPdfDocument made, by the key pdfkit holds it under (see
 * OpenedPdf.fontKeys: by its Face name, the constructor's face would be read again each time).
 */
export function withFace(doc: PdfKitDocument, face: Face): PdfKitDocument {
  return doc.font(fontKeysOf.get(doc)?.get(face) ?? face);
}

/** Opens an A4 PDF/A-2b document titled `title` with the faces registered under their Face names. */
export function openPdfDocument(
  title: string,
  margins: PageMargins,
  { bufferPages = true }: PdfDocumentMode = {},
): OpenedPdf {
  const doc = new PDFDocument({
    size: "A4",
    margins,
    font: bytesOf("Sans"),
    subset: "PDF/A-2b",
    pdfVersion: "1.7",
    tagged: true,
    lang: PDF_LANGUAGE,
    displayTitle: true,
    bufferPages,
    info: { Title: title, Creator: "Assay", Producer: "Assay" },
  });
  const fonts = FACES.map((face) => {
    doc.registerFont(face, bytesOf(face));
    return doc.font(face)._font.font;
  });
  const fontKeys = new Map(
    FACES.map((face, index) => [face, fonts[index]?.postscriptName ?? face]),
  );
  fontKeysOf.set(doc, fontKeys);
  withFace(doc, "Sans");
  const glyphs = glyphCheck(fonts);
  // The title as printed (XMP and Info), its characters no face has as U+FFFD like the text's.
  doc.info.Title = glyphs.withGlyphs(title);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  return {
    doc,
    glyphs,
    fontKeys,
    finish: () => {
      doc.end();
      return ended;
    },
  };
}
