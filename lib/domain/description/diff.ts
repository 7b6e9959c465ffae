// A word-level comparison of two versions of a section, for the history page. Bounded: past a
// number of edits the comparison gives up and shows the old text removed and the new one added,
// so two unrelated 50,000-character versions cost no more than a small diff.
import { diffWordsWithSpace } from "diff";

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

/** Edits beyond which two versions are shown as one replaced by the other. */
export const MAX_DIFF_EDITS = 2_000;

export function wordDiff(before: string, after: string): { parts: DiffPart[]; complete: boolean } {
  if (before === after)
    return { parts: before ? [{ kind: "same", text: before }] : [], complete: true };
  const changes = diffWordsWithSpace(before, after, { maxEditLength: MAX_DIFF_EDITS });
  if (changes === undefined) {
    const parts: DiffPart[] = [];
    if (before) parts.push({ kind: "removed", text: before });
    if (after) parts.push({ kind: "added", text: after });
    return { parts, complete: false };
  }
  return {
    parts: changes.map((change) => ({
      kind: change.added ? "added" : change.removed ? "removed" : "same",
      text: change.value,
    })),
    complete: true,
  };
}
