// The whole export as one JSON document, streamed: the summary's fields, then the evidence array
// written a page at a time, so the array is never in memory whole.
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { EvidencePages, ExportSummary } from "@/lib/domain/export/types";

const EXPORT_FORMAT = "assay-readiness-export";
const EXPORT_VERSION = 1;

async function* jsonChunks(
  summary: ExportSummary,
  evidencePages: EvidencePages,
): AsyncIterable<string> {
  // The activity head third, so a verifier reads it from the first bytes of a large file.
  const { activityHead, ...rest } = summary;
  const head = JSON.stringify({
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    activityHead,
    ...rest,
  });
  // Reopen the object after its last field to append the evidence array.
  yield `${head.slice(0, -1)},"evidence":[`;
  let separator = "";
  for await (const page of evidencePages()) {
    if (!page.length) continue;
    yield separator + page.map((evidence) => JSON.stringify(evidence)).join(",");
    separator = ",";
  }
  yield "]}";
}

/** Writes the document to `output` and ends it; on failure `output` is destroyed with the error. */
export async function writeExportJson(
  summary: ExportSummary,
  evidencePages: EvidencePages,
  output: Writable,
): Promise<void> {
  // Byte mode: the stream buffers about one page of text before it waits for the reader.
  await pipeline(Readable.from(jsonChunks(summary, evidencePages), { objectMode: false }), output);
}
