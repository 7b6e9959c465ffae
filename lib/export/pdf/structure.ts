// The summary's structure, for a tagged PDF: headings, paragraphs, lists and tables, each line of
// text drawn as the content of its element, the rest (rules, boxes, the running header and
// footer, a table header repeated on a later page) as artifacts. The flow is built before any
// PDF exists (paging.ts), so its parts name plain Tags; the pdfkit elements are made as their
// first content is drawn, in reading order, under the document's root.
import type { PdfKitDocument, PdfStructParent } from "./pdfkit-document";

/** The standard structure types the summary uses (PDF 1.7, 14.8.4). */
export type TagType =
  "H1" | "H2" | "P" | "L" | "LI" | "Lbl" | "LBody" | "Table" | "TR" | "TH" | "TD" | "TOC" | "TOCI";

/** An element of the report's structure; its parent is the document when none is given. */
export type Tag = { readonly type: TagType; readonly parent?: Tag };

/** What is not content: drawn, but skipped by a reader. */
export const ARTIFACT = "Artifact" as const;

/** How a line of text is tagged. */
export type Marking = Tag | typeof ARTIFACT;

export function tag(type: TagType, parent?: Tag): Tag {
  return parent ? { type, parent } : { type };
}

/**
 * Marks what `draw` paints as content of `marking`'s element (made, with its ancestors, the first
 * time) or as an artifact.
 */
export function structureMarker(
  doc: PdfKitDocument,
  root: PdfStructParent,
): (marking: Marking, draw: () => void) => void {
  const elements = new Map<Tag, PdfStructParent>();
  const elementOf = (node: Tag): PdfStructParent => {
    let element = elements.get(node);
    if (!element) {
      element = doc.struct(node.type);
      (node.parent ? elementOf(node.parent) : root).add(element);
      elements.set(node, element);
    }
    return element;
  };
  return (marking, draw) => {
    if (marking === ARTIFACT) {
      doc.markContent(ARTIFACT);
      draw();
      doc.endMarkedContent();
      return;
    }
    const element = elementOf(marking);
    const content = doc.markStructureContent(marking.type);
    draw();
    doc.endMarkedContent();
    element.add(content);
  };
}
