import { describe, expect, it } from "vitest";
import {
  pdfkitOwnMethods,
  pdfkitStandardFont,
  installStandardFontTables,
  type StandardFontMethods,
} from "@/lib/export/pdf/standard-font-tables";

const FACES = ["Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Times-Roman", "Courier"];

const printableAscii = Array.from({ length: 95 }, (_, index) =>
  String.fromCharCode(32 + index),
).join("");
const latin1 = Array.from({ length: 96 }, (_, index) => String.fromCharCode(160 + index)).join("");

const TEXTS = [
  "",
  "A",
  "AVATAR To Ty Yo LT P. F, W. r. y,",
  "Quarterly access review 2026-03-31",
  "2–5 of 12 · “quoted” ‘single’ … € ™ — Œuvre Š ž Ÿ ƒ",
  printableAscii,
  latin1,
  "tab\there",
];

/** Characters outside Windows-1252 take pdfkit's own path. */
const OUTSIDE = ["Łódź", "日本", "emoji 🙂 here", "Ω"];

describe("pdfkit's standard fonts with code-indexed tables", () => {
  it("are in use, and pdfkit's own methods are kept", () => {
    expect(installStandardFontTables()).toBe(true);
    expect(pdfkitOwnMethods()).not.toBeNull();
  });

  it.each(FACES)("%s: encode and widthOfString give exactly what pdfkit's own give", (face) => {
    installStandardFontTables();
    const font = pdfkitStandardFont(face) as StandardFontMethods;
    const own = pdfkitOwnMethods();
    if (!own) throw new Error("pdfkit's own methods were not kept");
    expect(Object.getPrototypeOf(font).encode).not.toBe(own.encode);
    for (const text of [...TEXTS, ...OUTSIDE]) {
      expect(font.encode(text), text).toEqual(own.encode.call(font, text));
      for (const size of [7, 8, 10.5])
        expect(font.widthOfString(text, size), text).toBe(own.widthOfString.call(font, text, size));
    }
  });

  it.each(["Helvetica", "Helvetica-Bold", "Helvetica-Oblique"])(
    "%s: every pair of Windows-1252 characters is as wide as pdfkit makes it",
    (face) => {
      installStandardFontTables();
      const font = pdfkitStandardFont(face) as StandardFontMethods;
      const own = pdfkitOwnMethods();
      if (!own) throw new Error("pdfkit's own methods were not kept");
      const characters = [...latin1, ...printableAscii, ..."€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"];
      const differing: string[] = [];
      for (const left of characters) {
        for (const right of characters) {
          const pair = left + right;
          if (font.widthOfString(pair, 1000) !== own.widthOfString.call(font, pair, 1000))
            differing.push(pair);
        }
      }
      expect(differing).toEqual([]);
    },
  );

  it("kerns where the face does: 'AV' is narrower than 'A' and 'V' apart", () => {
    installStandardFontTables();
    const font = pdfkitStandardFont("Helvetica") as StandardFontMethods;
    expect(font.widthOfString("AV", 1000)).toBeLessThan(
      font.widthOfString("A", 1000) + font.widthOfString("V", 1000),
    );
    const [, positions] = font.encode("AV");
    expect(positions[0]!.xAdvance).toBeLessThan(positions[0]!.advanceWidth);
  });
});
