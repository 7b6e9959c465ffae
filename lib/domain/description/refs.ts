// Control references in a section's text, written as [[AC-01]]: a known ref becomes a link to
// the control, an unknown one is flagged so the author can fix it before the auditor reads it.

const REF = /\[\[([A-Za-z0-9][A-Za-z0-9._-]{0,39})\]\]/g;

export type RefPiece =
  { kind: "text"; text: string } | { kind: "ref"; ref: string; controlId: string | null };

/** The text cut into plain pieces and refs, each ref resolved against `known` (ref → control id). */
export function splitRefs(text: string, known: ReadonlyMap<string, string>): RefPiece[] {
  const pieces: RefPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(REF)) {
    const ref = match[1] ?? "";
    if (match.index > last) pieces.push({ kind: "text", text: text.slice(last, match.index) });
    pieces.push({ kind: "ref", ref, controlId: known.get(ref) ?? null });
    last = match.index + match[0].length;
  }
  if (last < text.length) pieces.push({ kind: "text", text: text.slice(last) });
  return pieces;
}

/** The refs in the text that name no known control, each once, in order of appearance. */
export function unknownRefs(text: string, known: ReadonlyMap<string, string>): string[] {
  const unknown = new Set<string>();
  for (const piece of splitRefs(text, known))
    if (piece.kind === "ref" && piece.controlId === null) unknown.add(piece.ref);
  return [...unknown];
}

/** The text with `write` applied to each stretch outside inline code; code stays as typed. */
function outsideCode(text: string, write: (part: string) => string): string {
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, index) => (index % 2 === 1 ? part : write(part)))
    .join("");
}

/**
 * The text with each ref turned into a Markdown link (`linkOf` gives the address) or, when
 * unknown, into a marked `⚠ [[REF]] (unknown control)`. Refs inside code stay as typed.
 */
export function linkRefs(
  text: string,
  known: ReadonlyMap<string, string>,
  linkOf: (controlId: string) => string,
): string {
  return outsideCode(text, (part) =>
    splitRefs(part, known)
      .map((piece) => {
        if (piece.kind === "text") return piece.text;
        return piece.controlId === null
          ? `**⚠ ${piece.ref} (unknown control)**`
          : `[${piece.ref}](${linkOf(piece.controlId)})`;
      })
      .join(""),
  );
}

/**
 * The text as a reader of a printed document sees it: `[[AC-01]]` prints as the ref itself, an
 * unknown ref as `REF (unknown control)` in bold. Refs inside code stay as typed.
 */
export function printedRefs(text: string, unknown: readonly string[]): string {
  const flagged = new Set(unknown);
  return outsideCode(text, (part) =>
    splitRefs(part, new Map())
      .map((piece) => {
        if (piece.kind === "text") return piece.text;
        return flagged.has(piece.ref) ? `**${piece.ref} (unknown control)**` : piece.ref;
      })
      .join(""),
  );
}
