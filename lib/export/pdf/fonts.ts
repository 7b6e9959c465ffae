// The faces every PDF of the app prints with: DejaVu Sans Condensed (close to Helvetica's width,
// so the reports keep their look and length) and DejaVu Sans Mono for code, TrueType files from
// the dejavu-fonts-ttf package. pdfkit embeds each one as a subset (FontFile2) holding only the
// glyphs used, which PDF/A requires and which prints Latin Extended, Greek and Cyrillic as typed
// (pdfkit-document.ts registers them with each document).
// A character none of the faces has a glyph for is printed as "�" (U+FFFD) and named in a warning
// in the server log (docs/decisions/0013-pdf-fonts-and-pdf-a.md).
import path from "node:path";
import { plural } from "@/lib/domain/plural";

const FILES = {
  Sans: "DejaVuSansCondensed.ttf",
  "Sans-Bold": "DejaVuSansCondensed-Bold.ttf",
  "Sans-Oblique": "DejaVuSansCondensed-Oblique.ttf",
  "Sans-BoldOblique": "DejaVuSansCondensed-BoldOblique.ttf",
  Mono: "DejaVuSansMono.ttf",
} as const;

/** A face by the name it is registered under with pdfkit. */
export type Face = keyof typeof FILES;

export const FACES = Object.keys(FILES) as Face[];

/** The language the PDFs' words are in (British English), declared in each file. */
export const PDF_LANGUAGE = "en-GB";

/** What a character no face has is printed as. */
export const MISSING_GLYPH = "\uFFFD";

/** The font files, read from the package at run time (never bundled). */
function fontFile(file: string): string {
  const parts = ["node_modules", "dejavu-fonts-ttf", "ttf", file];
  return path.join(/* turbopackIgnore: true */ process.cwd(), ...parts);
}

/** The TrueType file of `face`, for the PDFs pdfkit draws directly (pdf/pdfkit-document.ts). */
export function faceFile(face: Face): string {
  return fontFile(FILES[face]);
}

/** The part of a fontkit font used here. */
export type FaceFont = {
  postscriptName: string;
  unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string): { advanceWidth: number };
};

/** Code point → whether every face can print it, learnt as characters turn up. */
const coverage = new Map<number, boolean>();
/** The characters replaced since the last `takeMissingGlyphs()`. */
const missing = new Set<string>();

/** The faces text is checked against (setGlyphFaces). */
let loaded: Map<Face, FaceFont> | undefined;

/** Makes `faces` the fonts text is checked against (withGlyphs, printable): pdf/measure.ts's. */
export function setGlyphFaces(faces: ReadonlyMap<Face, FaceFont>): void {
  loaded = new Map(faces);
}

function printableChar(char: string, fonts: readonly FaceFont[] | undefined): boolean {
  const codePoint = char.codePointAt(0) ?? 0;
  let known = coverage.get(codePoint);
  if (known === undefined) {
    if (!fonts) throw new Error("setGlyphFaces() must run before text is checked");
    known = fonts.every((font) => font.hasGlyphForCodePoint(codePoint));
    coverage.set(codePoint, known);
  }
  return known;
}

function replaceMissing(
  text: string,
  fonts: readonly FaceFont[] | undefined,
  into: Set<string>,
): string {
  if (/^[\s\x20-\x7e]*$/.test(text)) return text;
  return Array.from(text.normalize("NFC"), (char) => {
    if (/\s/.test(char) || printableChar(char, fonts)) return char;
    into.add(char);
    return MISSING_GLYPH;
  }).join("");
}

/**
 * The text with every character the faces lack replaced by MISSING_GLYPH (and remembered for the
 * warning), composed first so that a letter and its combining accent are one character.
 */
export function withGlyphs(text: string): string {
  return replaceMissing(text, loaded && [...loaded.values()], missing);
}

/** As withGlyphs, with any whitespace other than "\n" turned into a space: text we break into lines. */
export function printable(text: string): string {
  return withGlyphs(text).replace(/[^\S\n ]/g, " ");
}

/** The characters printed as MISSING_GLYPH, e.g. ["日 U+65E5"]; forgets them. */
function takeMissingGlyphs(from: Set<string>): string[] {
  const list = [...from].map(
    (char) => `${char} U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`,
  );
  from.clear();
  return list;
}

function warnOf(what: string, from: Set<string>): void {
  const list = takeMissingGlyphs(from);
  if (list.length === 0) return;
  console.warn(
    `[pdf] ${what}: ${plural(list.length, "character")} ${list.length === 1 ? "has" : "have"} no glyph in the PDF fonts and print as ${MISSING_GLYPH}: ${list.join(", ")}`,
  );
}

/** Logs the characters a PDF printed as MISSING_GLYPH since the last call, if any. */
export function warnMissingGlyphs(what: string): void {
  warnOf(what, missing);
}

/** withGlyphs and warnMissingGlyphs for one PDF drawn with its own `fonts` (its document's). */
export type GlyphCheck = { withGlyphs(text: string): string; warn(what: string): void };

export function glyphCheck(fonts: readonly FaceFont[]): GlyphCheck {
  const replaced = new Set<string>();
  return {
    withGlyphs: (text) => replaceMissing(text, fonts, replaced),
    warn: (what) => warnOf(what, replaced),
  };
}
