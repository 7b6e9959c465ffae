import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExportSummary } from "@/lib/domain/export/types";
import { buildForNode } from "@/lib/export-process/build";
import { ENTRIES } from "@/lib/export-process/entries";
import { summaryThreadRenderer } from "@/lib/export-process/summary-thread";
import { renderSummaryPdf } from "@/lib/export/summary-pdf";
import { makeExportControl, makeExportSummary } from "@/tests/fixtures/export-summary";
import { pdfFileFacts } from "./pdf-file";

// The summary PDF's thread for real: the entry built as the export process builds it, started
// by summaryThreadRenderer.

// Under the project, so the built file finds the packages as the export process's does.
const outdir = path.join(process.cwd(), "node_modules", ".cache", `summary-thread-${process.pid}`);
const script = path.join(outdir, "summary-pdf-worker.mjs");

beforeAll(async () => {
  await mkdir(outdir, { recursive: true });
  await buildForNode(process.cwd(), outdir, {
    "summary-pdf-worker": ENTRIES["summary-pdf-worker"],
  });
}, 60_000);

afterAll(() => rm(outdir, { recursive: true, force: true }));

async function textOf(pdf: Buffer): Promise<string> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  return pages.join("\n");
}

/** A summary long enough to take a while to draw. */
function longSummary(controls: number): ExportSummary {
  const base = makeExportSummary();
  return {
    ...base,
    controls: Array.from({ length: controls }, (_, index) =>
      makeExportControl({
        id: `ctl-${index}`,
        ref: `OP-${String(index + 1).padStart(4, "0")}`,
        title: `Review of privileged access to production number ${index + 1}`,
      }),
    ),
  };
}

describe("the summary PDF's thread", () => {
  it(
    "draws the same document as drawing it inline, names as typed",
    { timeout: 60_000 },
    async () => {
      const summary = makeExportSummary({
        organization: { name: "Zofia Łukasiewicz-Müller Ελλάδα Москва", slug: "demo" },
      });
      const threaded = await summaryThreadRenderer(script, 128)(summary);
      const inline = await renderSummaryPdf(summary);
      const text = await textOf(threaded);
      expect(text).toBe(await textOf(inline));
      expect(text).toContain("Zofia Łukasiewicz-Müller Ελλάδα Москва");
      expect(pdfFileFacts(threaded).pdfaPart).toBe("2");
    },
  );

  it("leaves this thread free while it draws", { timeout: 60_000 }, async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    try {
      const started = performance.now();
      await summaryThreadRenderer(script, 192)(longSummary(600));
      const elapsed = performance.now() - started;
      // Drawn inline, the synchronous layout would hold every tick back until it ended.
      expect(ticks).toBeGreaterThan(elapsed / 5 / 4);
    } finally {
      clearInterval(ticker);
    }
  });

  it(
    "fails the render, not this process, when the thread runs out of memory",
    { timeout: 60_000 },
    async () => {
      await expect(summaryThreadRenderer(script, 4)(longSummary(2_000))).rejects.toThrow(
        /summary PDF's thread (failed|ended)/,
      );
      // And the next one is drawn as usual.
      expect(
        (await summaryThreadRenderer(script, 128)(makeExportSummary())).byteLength,
      ).toBeGreaterThan(1000);
    },
  );

  it("stops drawing when it is no longer needed", { timeout: 60_000 }, async () => {
    const abandon = new AbortController();
    const drawing = summaryThreadRenderer(script, 192)(longSummary(2_000), abandon.signal);
    setTimeout(() => abandon.abort(new Error("the pack failed")), 50);
    await expect(drawing).rejects.toThrow("the pack failed");
    const already = new AbortController();
    already.abort(new Error("gone before it began"));
    await expect(
      summaryThreadRenderer(script, 192)(makeExportSummary(), already.signal),
    ).rejects.toThrow("gone before it began");
  });
});
