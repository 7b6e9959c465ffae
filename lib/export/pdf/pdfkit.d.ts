// The part of pdfkit 0.20.1's API the PDFs drawn directly use (pdfkit ships no types and there is
// no @types/pdfkit for this version). Only lib/export/pdf/pdfkit-document.ts and the drawers it
// serves import pdfkit (the lint's pdfInternals rule).
declare module "pdfkit" {
  import type { Readable } from "node:stream";

  export type PdfTextOptions = {
    width?: number;
    height?: number;
    lineGap?: number;
    align?: "left" | "center" | "right" | "justify";
    /** false: one line at (x, y), never wrapped and never breaking the page. */
    lineBreak?: boolean;
    /** The next text() call goes on from where this one ends (inline runs of one paragraph). */
    continued?: boolean;
    strike?: boolean;
  };

  /** A structure element of the tagged PDF: children are elements or a closure drawing its content. */
  export interface PdfStructElement {
    add(child: PdfStructElement | (() => void)): this;
  }

  export interface PdfPage {
    readonly width: number;
    readonly height: number;
    margins: { top: number; bottom: number; left: number; right: number };
    maxY(): number;
  }

  export type PdfDocumentOptions = {
    size: "A4";
    margins: { top: number; bottom: number; left: number; right: number };
    /** The face drawn with until font() is called: never a standard font. */
    font: Uint8Array;
    subset: "PDF/A-2b";
    pdfVersion: "1.7";
    tagged: boolean;
    lang: string;
    displayTitle: boolean;
    bufferPages: boolean;
    info: { Title: string; Creator: string; Producer: string };
  };

  /** The fontkit font behind an embedded face (pdfkit's own EmbeddedFont.font). */
  export type PdfFontkitFont = {
    postscriptName: string;
    unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string): { advanceWidth: number };
  };

  export default class PDFDocument extends Readable {
    constructor(options: PdfDocumentOptions);
    page: PdfPage;
    /** The Info dictionary, written (and copied into the XMP metadata) when the document ends. */
    info: { Title: string };
    x: number;
    y: number;
    /** The face in use (internal to pdfkit, read once to check glyph coverage). */
    readonly _font: { readonly font: PdfFontkitFont };
    registerFont(name: string, src: Uint8Array): this;
    font(name: string): this;
    fontSize(size: number): this;
    fillColor(color: string): this;
    strokeColor(color: string): this;
    lineWidth(width: number): this;
    rect(x: number, y: number, width: number, height: number): this;
    moveTo(x: number, y: number): this;
    lineTo(x: number, y: number): this;
    fill(color?: string): this;
    stroke(color?: string): this;
    text(text: string, options?: PdfTextOptions): this;
    text(text: string, x: number, y: number, options?: PdfTextOptions): this;
    heightOfString(text: string, options?: PdfTextOptions): number;
    widthOfString(text: string): number;
    /** The line height of the face and size in use, with the face's own gap when asked. */
    currentLineHeight(includeGap?: boolean): number;
    /** A new page, the marked content open on this one carried on to it. */
    continueOnNewPage(): this;
    bufferedPageRange(): { start: number; count: number };
    switchToPage(index: number): PdfPage;
    struct(type: string, children?: (() => void) | PdfStructElement[]): PdfStructElement;
    addStructure(element: PdfStructElement): this;
    markContent(tag: "Artifact"): this;
    endMarkedContent(): this;
    end(): void;
  }
}

// More of pdfkit 0.20.1 for the readiness summary (lib/export/summary-pdf.ts), which draws its
// pre-cut pages with positioned text, paths and marked content.
declare module "pdfkit" {
  /** Marked content of a structure element (markStructureContent), added to the element after. */
  export interface PdfStructContent {
    readonly refs: readonly unknown[];
  }

  export interface PdfStructElement {
    add(child: PdfStructContent): this;
  }

  /** Text at a baseline, never wrapped (the summary breaks its lines itself). */
  export type PdfPositionedTextOptions = {
    lineBreak: false;
    baseline: "alphabetic";
    characterSpacing?: number;
  };

  export default interface PDFDocument {
    addPage(): this;
    save(): this;
    restore(): this;
    translate(x: number, y: number): this;
    circle(x: number, y: number, radius: number): this;
    fillAndStroke(fill: string, stroke: string): this;
    text(text: string, x: number, y: number, options: PdfPositionedTextOptions): this;
    markStructureContent(tag: string): PdfStructContent;
  }
}
