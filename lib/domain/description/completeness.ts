// How far the description is: "8 of 11 sections approved". Kept apart from readiness: it is
// shown beside the readiness figure, never folded into it.
import type { SectionState } from "./states";

export type Completeness = {
  approved: number;
  inReview: number;
  total: number;
  /** Sections with no text yet. */
  empty: number;
};

export function descriptionCompleteness(
  sections: readonly { state: SectionState; body: string }[],
): Completeness {
  return {
    approved: sections.filter((section) => section.state === "approved").length,
    inReview: sections.filter((section) => section.state === "in_review").length,
    total: sections.length,
    empty: sections.filter((section) => section.body.trim() === "").length,
  };
}

export function completenessText(completeness: Completeness): string {
  const noun = completeness.total === 1 ? "section" : "sections";
  return `${completeness.approved} of ${completeness.total} ${noun} approved`;
}
