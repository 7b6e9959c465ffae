import { createHash } from "node:crypto";
import { Readable, Writable } from "node:stream";
import type { ExportEvidence } from "../lib/domain/export/types";
import { writeEvidencePack } from "../lib/export/pack";
import { makeExportEvidence, makeExportSummary } from "../tests/fixtures/export-summary";
import { fixed, peakRssMb } from "./lib/bench-measure";

// npm run bench:pack   (BENCH_PACK_FILES=20000 packs more)
// The evidence pack's memory: 5,000 stored files of 64 KiB (313 MiB) packed into a sink that
// discards them, the files read from memory as a store would hand them over. Holding them would
// take their whole size; streaming them with a few read ahead keeps the resident set near where
// it started. Prints the resident set before, its sampled peak while packing and the growth.

const count = Number(process.env.BENCH_PACK_FILES ?? 5_000);
const size = 64 * 1024;
const MB = 1024 * 1024;
const content = (index: number) => Buffer.alloc(size, `file ${index} `);
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

function evidence(index: number): ExportEvidence {
  return makeExportEvidence({
    id: `ev-${index}`,
    kind: "file",
    title: `Generated ${index}`,
    note: null,
    controlRefs: [index % 2 === 0 ? "AC-01" : "CH-02"],
    file: {
      name: "export.pdf",
      contentType: "application/pdf",
      sha256: sha256(content(index)),
      size,
      storageKey: String(index),
    },
  });
}

async function* pages(): AsyncIterable<readonly ExportEvidence[]> {
  for (let start = 0; start < count; start += 500)
    yield Array.from({ length: Math.min(500, count - start) }, (_, offset) =>
      evidence(start + offset),
    );
}

/** Counts and discards, with a little back-pressure, like a socket. */
class Sink extends Writable {
  bytes = 0;
  constructor() {
    super({ highWaterMark: 16 * 1024 });
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.bytes += chunk.length;
    setImmediate(callback);
  }
}

async function main(): Promise<void> {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sink = new Sink();
  const started = performance.now();
  const packed = await writeEvidencePack(
    {
      summary: makeExportSummary(),
      evidencePages: pages,
      files: {
        open: () => Promise.reject(new Error("small files are read whole")),
        read: async (file) => content(Number(file.storageKey)),
      },
      documents: [
        { path: "summary.pdf", kind: "summary", render: async () => Buffer.from("%PDF-1.7\n") },
        {
          path: "matrix.xlsx",
          kind: "matrix",
          render: async () => Readable.from([Buffer.alloc(0)]),
        },
      ],
      onProgress: () => {
        peak = Math.max(peak, process.memoryUsage.rss());
      },
    },
    sink,
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `pack: ${packed.files} files, ${fixed(sink.bytes / MB, 0)} MB written in ${fixed(seconds)} s; ` +
      `RSS ${fixed(baseline / MB, 0)} MB at the start, sampled peak ${fixed(peak / MB, 0)} MB ` +
      `(+${fixed((peak - baseline) / MB, 0)} MB; holding the files would add ${fixed((count * size) / MB, 0)} MB); ` +
      `process peak ${fixed(peakRssMb(), 0)} MB`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
