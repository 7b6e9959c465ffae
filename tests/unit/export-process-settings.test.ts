import { describe, expect, it } from "vitest";
import {
  isExportFinished,
  isExportRequest,
  isJobReply,
  isJobRequest,
} from "@/lib/export-process/messages";
import {
  exportHeapMb,
  exportIdleMs,
  exportRunner,
  jobProcesses,
  jobQueue,
  paperworkPdfBudgetMs,
  verifyBudgetMs,
  webVerifyLimits,
} from "@/lib/export-process/settings";

describe("export process settings", () => {
  it("runs exports in the export process unless told inline, and refuses anything else", () => {
    expect(exportRunner({})).toBe("process");
    expect(exportRunner({ EXPORT_RUNNER: " inline " })).toBe("inline");
    expect(() => exportRunner({ EXPORT_RUNNER: "thread" })).toThrow(
      'EXPORT_RUNNER must be "process" or "inline", not "thread".',
    );
  });

  it("reads the heap limit and the idle time, with defaults and a clear message for a bad value", () => {
    expect(exportHeapMb({})).toBe(192);
    expect(exportHeapMb({ EXPORT_HEAP_MB: "256.7" })).toBe(256);
    expect(() => exportHeapMb({ EXPORT_HEAP_MB: "lots" })).toThrow(
      'EXPORT_HEAP_MB must be a positive number, not "lots".',
    );
    expect(exportIdleMs({})).toBe(60_000);
    expect(exportIdleMs({ EXPORT_IDLE_SECONDS: "5" })).toBe(5_000);
    expect(() => exportIdleMs({ EXPORT_IDLE_SECONDS: "0" })).toThrow(
      /EXPORT_IDLE_SECONDS must be a positive number/,
    );
  });
});

describe("job settings", () => {
  it("reads the job processes, the queue and the budgets, with defaults", () => {
    expect([jobProcesses({}), jobQueue({}), paperworkPdfBudgetMs({}), verifyBudgetMs({})]).toEqual([
      2, 4, 30_000, 300_000,
    ]);
    expect(jobProcesses({ JOB_PROCESSES: "0.5" })).toBe(1);
    expect(jobQueue({ JOB_QUEUE: "10" })).toBe(10);
    expect(paperworkPdfBudgetMs({ PAPERWORK_PDF_SECONDS: "2.5" })).toBe(2_500);
    expect(() => verifyBudgetMs({ VERIFY_SECONDS: "-1" })).toThrow(
      'VERIFY_SECONDS must be a positive number, not "-1".',
    );
  });

  it("reads the verify page's bounds on a pack, with defaults", () => {
    expect(webVerifyLimits({})).toEqual({
      maxEntries: 100_000,
      maxTotalBytes: 8192 * 1024 ** 2,
      maxRatio: 100,
    });
    expect(
      webVerifyLimits({
        VERIFY_MAX_ENTRIES: "500",
        VERIFY_MAX_UNCOMPRESSED_MB: "10",
        VERIFY_MAX_RATIO: "20",
      }),
    ).toEqual({ maxEntries: 500, maxTotalBytes: 10 * 1024 ** 2, maxRatio: 20 });
    expect(() => webVerifyLimits({ VERIFY_MAX_RATIO: "none" })).toThrow(
      /VERIFY_MAX_RATIO must be a positive number/,
    );
  });
});

describe("job messages", () => {
  it("accepts only well-formed job requests and replies", () => {
    expect(
      isJobRequest({
        type: "job",
        id: 1,
        kind: "verify-pack",
        input: { zipPath: "/tmp/p.zip", limits: {} },
      }),
    ).toBe(true);
    expect(isJobRequest({ type: "job", id: 1, kind: "shell", input: {} })).toBe(false);
    expect(isJobRequest({ type: "job", id: "1", kind: "paperwork-pdf", input: {} })).toBe(false);
    expect(isJobReply({ type: "ready" })).toBe(true);
    expect(isJobReply({ type: "done", id: 3, output: new Uint8Array(1) })).toBe(true);
    expect(isJobReply({ type: "failed", id: 3, code: "TOO_LARGE", message: "too big" })).toBe(true);
    expect(isJobReply({ type: "failed", id: 3, code: "TEAPOT", message: "no" })).toBe(false);
    expect(isJobReply({ type: "done", id: 3 })).toBe(false);
  });
});

describe("export process messages", () => {
  it("accepts only well-formed requests and reports", () => {
    expect(isExportRequest({ type: "export", runId: "r1", userId: "u1", orgSlug: "acme" })).toBe(
      true,
    );
    expect(isExportRequest({ type: "export", runId: "", userId: "u1", orgSlug: "acme" })).toBe(
      false,
    );
    expect(isExportRequest({ type: "export", runId: "r1", userId: 7, orgSlug: "acme" })).toBe(
      false,
    );
    expect(isExportRequest(null)).toBe(false);
    expect(isExportFinished({ type: "finished", runId: "r1", peakRssMb: 210 })).toBe(true);
    expect(isExportFinished({ type: "finished", runId: "r1" })).toBe(false);
  });
});
