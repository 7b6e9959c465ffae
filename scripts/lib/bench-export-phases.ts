import { Writable } from "node:stream";
import type { OrgContext } from "../../lib/db/context";
import { loadEngagementExport, type EngagementExportData } from "../../lib/db/export-data";
import { writeExportArtifact } from "../../lib/export/artifacts";
import { writeMatrixXlsx } from "../../lib/export/matrix-xlsx";
import { storedFilesIn, writeEvidencePack } from "../../lib/export/pack";
import { renderSummaryPdf } from "../../lib/export/summary-pdf";
import type { BlobStore } from "../../lib/storage/blob-store";

// The export's phases on their own, so that the benchmark's total can be split (the export end
// to end and the floor are in bench-export-run.ts). They render PDFs: built JavaScript only
// (bench-built.ts).

/** A writable that counts and drops everything, at once: no back-pressure from the sink. */
function nullSink(): Writable & { bytes: () => number } {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.byteLength;
      callback();
    },
  });
  return Object.assign(sink, { bytes: () => bytes });
}

export type Phases = {
  load: () => Promise<EngagementExportData>;
  evidencePages: () => Promise<number>;
  pdf: () => Promise<number>;
  xlsx: () => Promise<number>;
  packFiles: () => Promise<number>;
  pack: () => Promise<number>;
};

/** The export's phases, each on its own over data loaded once (except `load` itself). */
export function exportPhases(
  ctx: OrgContext,
  engagementId: string,
  now: Date,
  data: EngagementExportData,
  store: BlobStore,
): Phases {
  const { summary, evidencePages } = data;
  const files = storedFilesIn(store);
  return {
    load: () => loadEngagementExport(ctx, engagementId, now),
    evidencePages: async () => {
      let count = 0;
      for await (const page of evidencePages()) count += page.length;
      return count;
    },
    pdf: async () => (await renderSummaryPdf(summary)).byteLength,
    xlsx: async () => {
      const sink = nullSink();
      await writeMatrixXlsx(summary, evidencePages, sink);
      return sink.bytes();
    },
    packFiles: async () => {
      const sink = nullSink();
      await writeEvidencePack({ summary, evidencePages, files, documents: [] }, sink);
      return sink.bytes();
    },
    pack: async () => {
      const sink = nullSink();
      await writeExportArtifact("pack", data, sink, { files });
      return sink.bytes();
    },
  };
}
