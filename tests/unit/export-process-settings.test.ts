import { describe, expect, it } from "vitest";
import { isExportFinished, isExportRequest } from "@/lib/export-process/messages";
import { exportHeapMb, exportIdleMs, exportRunner } from "@/lib/export-process/settings";

describe("export process settings", () => {
  it("runs exports in the export process unless told inline, and refuses anything else", () => {
    expect(exportRunner({})).toBe("process");
    expect(exportRunner({ EXPORT_RUNNER: " inline " })).toBe("inline");
    expect(() => exportRunner({ EXPORT_RUNNER: "thread" })).toThrow('EXPORT_RUNNER must be "process" or "inline", not "thread".');
  });

  it("reads the heap limit and the idle time, with defaults and a clear message for a bad value", () => {
    expect(exportHeapMb({})).toBe(192);
    expect(exportHeapMb({ EXPORT_HEAP_MB: "256.7" })).toBe(256);
    expect(() => exportHeapMb({ EXPORT_HEAP_MB: "lots" })).toThrow('EXPORT_HEAP_MB must be a positive number, not "lots".');
    expect(exportIdleMs({})).toBe(60_000);
    expect(exportIdleMs({ EXPORT_IDLE_SECONDS: "5" })).toBe(5_000);
    expect(() => exportIdleMs({ EXPORT_IDLE_SECONDS: "0" })).toThrow(/EXPORT_IDLE_SECONDS must be a positive number/);
  });
});

describe("export process messages", () => {
  it("accepts only well-formed requests and reports", () => {
    expect(isExportRequest({ type: "export", runId: "r1", userId: "u1", orgSlug: "acme" })).toBe(true);
    expect(isExportRequest({ type: "export", runId: "", userId: "u1", orgSlug: "acme" })).toBe(false);
    expect(isExportRequest({ type: "export", runId: "r1", userId: 7, orgSlug: "acme" })).toBe(false);
    expect(isExportRequest(null)).toBe(false);
    expect(isExportFinished({ type: "finished", runId: "r1", peakRssMb: 210 })).toBe(true);
    expect(isExportFinished({ type: "finished", runId: "r1" })).toBe(false);
  });
});
