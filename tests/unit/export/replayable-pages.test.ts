import { createWriteStream } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { EvidencePages, ExportEvidence } from "@/lib/domain/export/types";
import { writeExportArtifact } from "@/lib/export/artifacts";
import { replayablePages } from "@/lib/export/replayable-pages";
import { verifyPack } from "@/lib/export/verify-pack";
import { makeExportEvidence, makeExportSummary } from "@/tests/fixtures/export-summary";
import { memoryFiles, readZip, sampleEvidence, tempDir } from "./pack-helpers";

/** Pages of `items`, two at a time, counting how often they are read from the start. */
function countedPages(items: readonly ExportEvidence[]): {
  pages: EvidencePages;
  readings: () => number;
} {
  let readings = 0;
  return {
    pages: async function* () {
      readings += 1;
      for (let start = 0; start < items.length; start += 2) yield items.slice(start, start + 2);
    },
    readings: () => readings,
  };
}

async function collect(
  pages: EvidencePages,
  stopAfter = Number.POSITIVE_INFINITY,
): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of pages()) {
    for (const item of page) ids.push(item.id);
    if (ids.length >= stopAfter) break;
  }
  return ids;
}

const evidence = (count: number) =>
  Array.from({ length: count }, (_, index) => makeExportEvidence({ id: `ev-${index}` }));

describe("replayablePages", () => {
  it("reads once and replays the same pages to every later reader", async () => {
    const { pages, readings } = countedPages(evidence(5));
    const replayable = replayablePages(pages, 10);
    const first = await collect(replayable);
    expect(first).toEqual(["ev-0", "ev-1", "ev-2", "ev-3", "ev-4"]);
    expect(await collect(replayable)).toEqual(first);
    expect(await collect(replayable)).toEqual(first);
    expect(readings()).toBe(1);
  });

  it("keeps nothing past the limit: a second reader queries again", async () => {
    const { pages, readings } = countedPages(evidence(5));
    const replayable = replayablePages(pages, 4);
    expect(await collect(replayable)).toHaveLength(5);
    expect(await collect(replayable)).toHaveLength(5);
    expect(readings()).toBe(2);
  });

  it("keeps nothing of a reading stopped early, and reads afresh for a reader who starts while another reads", async () => {
    const { pages, readings } = countedPages(evidence(6));
    const replayable = replayablePages(pages, 10);
    expect(await collect(replayable, 2)).toEqual(["ev-0", "ev-1"]);
    const outer = replayable()[Symbol.asyncIterator]();
    await outer.next();
    expect(await collect(replayable)).toHaveLength(6);
    await outer.return?.();
    expect(readings()).toBe(3);
    expect(await collect(replayable)).toHaveLength(6);
    expect(await collect(replayable)).toHaveLength(6);
    expect(readings()).toBe(4);
  });
});

describe("the evidence pack", () => {
  it("reads the evidence once for the workbook and the files, and the pack verifies", async () => {
    const items = sampleEvidence();
    const { pages, readings } = countedPages(items);
    const { dir, remove } = await tempDir();
    try {
      const file = path.join(dir, "pack.zip");
      await writeExportArtifact(
        "pack",
        { summary: makeExportSummary(), evidencePages: pages },
        createWriteStream(file),
        { files: memoryFiles(items) },
      );
      expect(readings()).toBe(1);
      const names = (await readZip(file)).map((entry) => entry.name);
      expect(names.some((name) => name.endsWith("access-review.pdf"))).toBe(true);
      expect(names.some((name) => name.endsWith("matrix.xlsx"))).toBe(true);
      expect((await verifyPack(file)).ok).toBe(true);
    } finally {
      await remove();
    }
  });
});
