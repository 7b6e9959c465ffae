import v8 from "node:v8";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { renderSummaryPdf } from "@/lib/export/summary-pdf";
import { makeExportSummary } from "@/tests/fixtures/export-summary";

// In a file of its own: the first render of a process matters here (it opens the fonts the
// process measures with, pdf/measure.ts), so no other test may render before this one.
describe("renderSummaryPdf and memory", () => {
  it("keeps nothing of a report once it is returned, even for a caller that never yields to the event loop", async () => {
    v8.setFlagsFromString("--expose-gc");
    const collectGarbage = vm.runInNewContext("gc") as () => void;
    let collected = false;
    const registry = new FinalizationRegistry(() => (collected = true));
    const render = async () => {
      const summary = makeExportSummary();
      registry.register(summary, "report");
      return (await renderSummaryPdf(summary)).byteLength;
    };
    expect(await render()).toBeGreaterThan(1000);
    // Collected now, before anything else can run (a SQLite query would not yield either).
    collectGarbage();
    for (let turn = 0; turn < 20 && !collected; turn += 1)
      await new Promise((resolve) => setTimeout(resolve, 5));
    expect(collected, "the report's model was still reachable after the render").toBe(true);
  });
});
