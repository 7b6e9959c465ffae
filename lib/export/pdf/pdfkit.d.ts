// The little of pdfkit that standard-font-tables.ts touches (pdfkit ships no types; react-pdf
// draws with it).
declare module "pdfkit" {
  export default class PDFDocument {
    constructor(options?: { autoFirstPage?: boolean });
    font(name: string): PDFDocument;
    /** The current font: pdfkit's internal object, inspected before use. */
    _font: unknown;
  }
}
