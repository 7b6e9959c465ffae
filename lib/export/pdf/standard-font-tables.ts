// Faster text for pdfkit's built-in faces (Helvetica and the other 13 standard fonts), which the
// summary PDF draws its tables with. For every line drawn, pdfkit works out each character's
// glyph name, width and kerning through string-keyed tables, twice (once to encode the line, once
// to advance past it); for a long report that was the largest single cost of the PDF (about 0.3 s
// of 2). Here each face gets, once, tables indexed by character code, and pdfkit's StandardFont
// is given an `encode` and a `widthOfString` that read them. The results are the same values in
// the same shapes (tests/unit/export/standard-font-tables.test.ts compares them with pdfkit's
// own); any text with a character outside Windows-1252 goes to pdfkit's own code unchanged.
//
// pdfkit does not export the class, so it is reached through a font of a throwaway document. If
// pdfkit ever changes shape, nothing is replaced and everything still works, only slower.
import PDFDocument from "pdfkit";

type Position = {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
};

/** pdfkit's AFMFont: the metrics of one standard face. */
type AfmMetrics = {
  name: string;
  encodeText(text: string): string[];
  characterToGlyph(code: number): string;
  widthOfGlyph(glyph: string): number;
  getKernPair(left: string, right: string | undefined): number;
};

/** The part of pdfkit's StandardFont replaced here. */
export type StandardFontMethods = {
  font: AfmMetrics;
  encode(this: StandardFontMethods, text: string, features?: unknown): [string[], Position[]];
  widthOfString(this: StandardFontMethods, text: string, size: number, features?: unknown): number;
};

type OwnMethods = Pick<StandardFontMethods, "encode" | "widthOfString">;

/** Width and kerning of one face by Windows-1252 code; kerning at `left * 256 + right`. */
type FaceTables = { widths: Int16Array; kerning: Int16Array };

const CODES = 256;
/** How pdfkit writes each code into the content stream: lower-case hex, unpadded. */
const HEX = Array.from({ length: CODES }, (_, code) => code.toString(16));
const UNKNOWN = -1;
const UNSUPPORTED = -2;

/** UTF-16 code unit → Windows-1252 code, learnt from pdfkit itself as characters turn up. */
const winCodes = new Int16Array(65_536).fill(UNKNOWN);

function winCodeOf(metrics: AfmMetrics, unit: number): number {
  let code = winCodes[unit]!;
  if (code === UNKNOWN) {
    const mapped = Number.parseInt(metrics.encodeText(String.fromCharCode(unit))[0] ?? "", 16);
    code = Number.isInteger(mapped) && mapped >= 0 && mapped < CODES ? mapped : UNSUPPORTED;
    winCodes[unit] = code;
  }
  return code;
}

/** The text's Windows-1252 codes, or null when one of its characters has none. */
function codesOf(metrics: AfmMetrics, text: string): Uint8Array | null {
  const codes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index += 1) {
    const code = winCodeOf(metrics, text.charCodeAt(index));
    if (code < 0) return null;
    codes[index] = code;
  }
  return codes;
}

const faces = new Map<string, FaceTables>();

function tablesOf(metrics: AfmMetrics): FaceTables {
  let tables = faces.get(metrics.name);
  if (!tables) {
    const glyphs = Array.from({ length: CODES }, (_, code) => metrics.characterToGlyph(code));
    const widths = Int16Array.from(glyphs, (glyph) => metrics.widthOfGlyph(glyph));
    const kerning = new Int16Array(CODES * CODES);
    glyphs.forEach((left, leftCode) =>
      glyphs.forEach(
        (right, rightCode) =>
          (kerning[leftCode * CODES + rightCode] = metrics.getKernPair(left, right)),
      ),
    );
    tables = { widths, kerning };
    faces.set(metrics.name, tables);
  }
  return tables;
}

/** Each character's advance in thousandths of an em: its width plus the kerning with the next. */
function advances({ widths, kerning }: FaceTables, codes: Uint8Array): number[] {
  const result = new Array<number>(codes.length);
  for (let index = 0; index < codes.length; index += 1) {
    const code = codes[index]!;
    const kern = index + 1 < codes.length ? kerning[code * CODES + codes[index + 1]!]! : 0;
    result[index] = widths[code]! + kern;
  }
  return result;
}

/** `encode` and `widthOfString` reading the tables, falling back to pdfkit's own (`original`). */
function tableMethods(original: OwnMethods): OwnMethods {
  return {
    encode(text, features) {
      const codes = typeof text === "string" ? codesOf(this.font, text) : null;
      if (!codes) return original.encode.call(this, text, features);
      const tables = tablesOf(this.font);
      const steps = advances(tables, codes);
      const encoded = new Array<string>(codes.length);
      const positions = new Array<Position>(codes.length);
      for (let index = 0; index < codes.length; index += 1) {
        const code = codes[index]!;
        encoded[index] = HEX[code]!;
        positions[index] = {
          xAdvance: steps[index]!,
          yAdvance: 0,
          xOffset: 0,
          yOffset: 0,
          advanceWidth: tables.widths[code]!,
        };
      }
      return [encoded, positions];
    },
    widthOfString(text, size, features) {
      const codes = typeof text === "string" ? codesOf(this.font, text) : null;
      if (!codes) return original.widthOfString.call(this, text, size, features);
      let width = 0;
      for (const step of advances(tablesOf(this.font), codes)) width += step;
      return width * (size / 1000);
    },
  };
}

/** Where the prototype keeps pdfkit's own methods once they are replaced. */
const OWN = Symbol.for("assay.pdfkitStandardFontMethods");

/** A font of a throwaway document: pdfkit's StandardFont for `face`, as react-pdf's documents get it. */
export function pdfkitStandardFont(face = "Helvetica"): unknown {
  return new PDFDocument({ autoFirstPage: false }).font(face)._font;
}

/** pdfkit's StandardFont prototype, or null if pdfkit no longer looks as expected. */
function standardFontPrototype(): (StandardFontMethods & { [OWN]?: OwnMethods }) | null {
  const font = pdfkitStandardFont();
  const prototype: unknown = font ? Object.getPrototypeOf(font) : null;
  const metrics = (font as { font?: Partial<AfmMetrics> } | null)?.font;
  const looksRight =
    typeof (prototype as Partial<StandardFontMethods> | null)?.encode === "function" &&
    typeof (prototype as Partial<StandardFontMethods> | null)?.widthOfString === "function" &&
    ["encodeText", "characterToGlyph", "widthOfGlyph", "getKernPair"].every(
      (method) => typeof metrics?.[method as keyof AfmMetrics] === "function",
    );
  return looksRight ? (prototype as StandardFontMethods) : null;
}

let installed: boolean | undefined;

/** Gives pdfkit's standard fonts the table-driven methods, once per process. True if they have them. */
export function installStandardFontTables(): boolean {
  if (installed === undefined) {
    const prototype = standardFontPrototype();
    if (prototype && !prototype[OWN]) {
      const own: OwnMethods = { encode: prototype.encode, widthOfString: prototype.widthOfString };
      Object.assign(prototype, tableMethods(own), { [OWN]: own });
    }
    installed = prototype !== null;
  }
  return installed;
}

/** pdfkit's own methods, kept for comparison once replaced (null before). */
export function pdfkitOwnMethods(): OwnMethods | null {
  const font = pdfkitStandardFont();
  if (!font) return null;
  return (Object.getPrototypeOf(font) as { [OWN]?: OwnMethods })[OWN] ?? null;
}
