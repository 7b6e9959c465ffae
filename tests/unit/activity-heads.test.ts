import { PassThrough } from "node:stream";
import { buffer } from "node:stream/consumers";
import { describe, expect, it } from "vitest";
import { makeCheckpoint } from "@/lib/domain/activity-signature";
import { writeExportJson } from "@/lib/export/export-json";
import { manifestHeader, manifestOpening } from "@/lib/export/manifest";
import { headFromFileText, VerifyActivityInput } from "@/lib/schemas/activity-heads";
import {
  evidencePagesOf,
  makeExportEvidence,
  makeExportSummary,
} from "@/tests/fixtures/export-summary";

// Heads read from the files people keep, as the writers lay them out; the verify page and
// activity:verify read only the first part of each file.

const summary = makeExportSummary();
const head = summary.activityHead;

async function jsonExport(records: number): Promise<string> {
  const sink = new PassThrough();
  const evidence = Array.from({ length: records }, (_, index) =>
    makeExportEvidence({ id: `ev-${index}`, note: "x".repeat(500) }),
  );
  const [, bytes] = await Promise.all([
    writeExportJson(summary, evidencePagesOf(evidence, 100), sink),
    buffer(sink),
  ]);
  return bytes.toString("utf8");
}

describe("headFromFileText", () => {
  it("reads a checkpoint file whole", () => {
    const checkpoint = makeCheckpoint(
      {
        organizationId: "org-demo",
        seq: 7,
        hash: "b".repeat(64),
        reason: "daily",
        exportRunId: null,
        createdAt: "2026-03-02T00:00:05.000Z",
      },
      null,
    );
    expect(headFromFileText("0000000007-daily.json", JSON.stringify(checkpoint, null, 2))).toEqual({
      ok: true,
      head: {
        label: "0000000007-daily.json (daily checkpoint of 2026-03-02T00:00:05.000Z)",
        head: { seq: 7, hash: "b".repeat(64), checkpoint },
      },
    });
  });

  it("reads a pack manifest's head from its first line, whatever follows", () => {
    const firstLine = manifestOpening(manifestHeader(summary));
    const found = headFromFileText("manifest.json", `${firstLine}{"path":"summary.pdf","sha256":"`);
    expect(found).toEqual({
      ok: true,
      head: { label: "manifest.json (pack manifest generated 2026-07-15T09:30:00.000Z)", head },
    });
  });

  it("reads a JSON export whole, and from its first part when it is large", async () => {
    const whole = await jsonExport(10);
    expect(headFromFileText("export.json", whole)).toEqual({
      ok: true,
      head: { label: "export.json (JSON export generated 2026-07-15T09:30:00.000Z)", head },
    });
    const large = await jsonExport(3_000);
    expect(large.length).toBeGreaterThan(1024 * 1024);
    expect(headFromFileText("export.json", large.slice(0, 1024 * 1024))).toEqual({
      ok: true,
      head: { label: "export.json (JSON export generated 2026-07-15T09:30:00.000Z)", head },
    });
  });

  it("says what is wrong with anything else", () => {
    expect(headFromFileText("notes.txt", "hello")).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^notes.txt: not an Assay checkpoint/),
    });
    expect(headFromFileText("other.json", '{"format":"something-else"}')).toMatchObject({
      ok: false,
    });
    expect(
      headFromFileText(
        "old.json",
        '{"format":"assay-readiness-export","version":1,"generatedAt":"2026-01-01T00:00:00.000Z"}',
      ),
    ).toEqual({
      ok: false,
      message: "old.json: this JSON export predates activity heads; it has none to check.",
    });
    expect(
      headFromFileText(
        "bad.json",
        JSON.stringify({
          format: "assay-evidence-pack",
          activityHead: { seq: -1, hash: "x", checkpoint: null },
        }),
      ),
    ).toMatchObject({ ok: false });
    expect(
      headFromFileText("cp.json", JSON.stringify({ ...head.checkpoint, signature: "not base64!" })),
    ).toMatchObject({ ok: false });
  });
});

describe("VerifyActivityInput", () => {
  it("accepts up to 50 labelled heads and refuses more, or control characters in a label", () => {
    const one = { label: "manifest.json", head };
    expect(
      VerifyActivityInput.safeParse({ heads: Array.from({ length: 50 }, () => one) }).success,
    ).toBe(true);
    expect(
      VerifyActivityInput.safeParse({ heads: Array.from({ length: 51 }, () => one) }).success,
    ).toBe(false);
    expect(VerifyActivityInput.safeParse({ heads: [{ ...one, label: "a\u0000b" }] }).success).toBe(
      false,
    );
  });
});
