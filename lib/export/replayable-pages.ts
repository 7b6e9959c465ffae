// The evidence of an export read from the database once and handed again to a second reader. An
// evidence pack reads it twice, for the workbook's evidence sheet and for the files; the second
// reading was about 0.15 s of the benchmark's export, and could differ from the first if a member
// added evidence in between. Kept only while it is small; a larger reading is not kept and the
// second reader queries again, so memory stays bounded however much evidence there is.
import type { EvidencePages, ExportEvidence } from "@/lib/domain/export/types";

/** Evidence kept for a second reader at most: about 10 MB. */
const KEPT_EVIDENCE_MAX = 10_000;

/**
 * `pages`, with the first complete reading of at most `maxItems` items kept and replayed to every
 * later reader. A reading stopped early, one over the limit, or one running while another reader
 * starts leaves that reader to query afresh.
 */
export function replayablePages(pages: EvidencePages, maxItems = KEPT_EVIDENCE_MAX): EvidencePages {
  let kept: (readonly ExportEvidence[])[] | undefined;
  let recording = false;
  return async function* () {
    if (kept) {
      yield* kept;
      return;
    }
    if (recording) {
      yield* pages();
      return;
    }
    recording = true;
    try {
      let reading: (readonly ExportEvidence[])[] | undefined = [];
      let items = 0;
      for await (const page of pages()) {
        items += page.length;
        if (reading && items <= maxItems) reading.push(page);
        else reading = undefined;
        yield page;
      }
      kept = reading;
    } finally {
      recording = false;
    }
  };
}
