// What the bytes of a PDF say about PDF/A and its fonts. pdfkit writes every dictionary as plain
// text (only streams are compressed), so reading the file as Latin-1 finds them.

/** Each `<< … >>` dictionary holding `key`, as text (nested dictionaries included). */
function dictionariesWith(raw: string, key: string): string[] {
  const found: string[] = [];
  for (let at = raw.indexOf(key); at !== -1; at = raw.indexOf(key, at + key.length)) {
    const start = raw.lastIndexOf("<<", at);
    const end = raw.indexOf(">>", at);
    if (start !== -1 && end !== -1) found.push(raw.slice(start, end + 2));
  }
  return found;
}

export type PdfFileFacts = {
  version: string;
  /** pdfaid:part and pdfaid:conformance from the XMP metadata. */
  pdfaPart: string | undefined;
  pdfaConformance: string | undefined;
  /** The OutputIntent's subtype and whether it carries an ICC profile. */
  outputIntents: { subtype: string | undefined; hasProfile: boolean }[];
  lang: string | undefined;
  xmpTitle: string | undefined;
  /** Every font dictionary's BaseFont, and every font descriptor's embedded file keys. */
  baseFonts: string[];
  descriptors: { fontName: string | undefined; embedded: string[] }[];
  /** MarkInfo /Marked true: the file says it is tagged. */
  marked: boolean;
  /** Whether the catalog has a structure tree, and the type (/S) of each of its elements. */
  hasStructTree: boolean;
  structTypes: string[];
};

export function pdfFileFacts(pdf: Buffer): PdfFileFacts {
  const raw = pdf.toString("latin1");
  const text = pdf.toString("utf8");
  return {
    version: /^%PDF-(\d\.\d)/.exec(raw)?.[1] ?? "",
    pdfaPart: /<pdfaid:part>(\w+)<\/pdfaid:part>/.exec(raw)?.[1],
    pdfaConformance: /<pdfaid:conformance>(\w+)<\/pdfaid:conformance>/.exec(raw)?.[1],
    outputIntents: dictionariesWith(raw, "/Type /OutputIntent").map((dictionary) => ({
      subtype: /\/S \/(\w+)/.exec(dictionary)?.[1],
      hasProfile: /\/DestOutputProfile \d+ 0 R/.test(dictionary),
    })),
    lang: /\/Lang \(([^)]*)\)/.exec(raw)?.[1],
    xmpTitle: /<dc:title>[\s\S]*?<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(text)?.[1],
    baseFonts: [...raw.matchAll(/\/BaseFont \/([^\s/<>]+)/g)].map((match) => match[1] ?? ""),
    descriptors: dictionariesWith(raw, "/Type /FontDescriptor").map((dictionary) => ({
      fontName: /\/FontName \/([^\s/<>]+)/.exec(dictionary)?.[1],
      embedded: [...dictionary.matchAll(/\/(FontFile\d?) \d+ 0 R/g)].map((match) => match[1] ?? ""),
    })),
    marked: /\/MarkInfo \d+ 0 R/.test(raw) && /<<\s*\/Marked true\s*>>/.test(raw),
    hasStructTree: /\/StructTreeRoot \d+ 0 R/.test(raw) && /\/Type \/StructTreeRoot/.test(raw),
    // A structure element is a dictionary whose type (/S) comes with its parent (/P).
    structTypes: [...raw.matchAll(/<<\s*\/S \/(\w+)\s+\/P \d+ 0 R/g)].map(
      (match) => match[1] ?? "",
    ),
  };
}

/** The standard 14 fonts a PDF viewer supplies itself: never embedded, so never PDF/A. */
export const STANDARD_FONT = /^(Helvetica|Courier|Times|Symbol|ZapfDingbats)/;
