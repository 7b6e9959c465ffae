import { createHash } from "node:crypto";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { readFile, readdir, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import yauzl from "yauzl";
import type { ExportEvidence } from "@/lib/domain/export/types";
import { AppError } from "@/lib/errors";
import { writeEvidencePack, type StoredFiles } from "@/lib/export/pack";
import { verifyPack } from "@/lib/export/verify-pack";
import { makeExportEvidence } from "@/tests/fixtures/export-summary";
import { untilStalled } from "./stall";
import {
  CHANGE_LOG,
  MATRIX_XLSX,
  REVIEW_PDF,
  SUMMARY_PDF,
  filesFrom,
  memoryFiles,
  packInput,
  readZip,
  sampleEvidence,
  sha256,
  storedFile,
  tempDir,
  writePackFile,
  type ManifestJson,
  type ZipEntryBytes,
} from "./pack-helpers";

const AC01 = "controls/AC-01 Quarterly access review";
const CH02 = "controls/CH-02 Change approval before release";

let temp: Awaited<ReturnType<typeof tempDir>>;
let packFile: string;
let entries: ZipEntryBytes[];
let manifest: ManifestJson;
let result: Awaited<ReturnType<typeof writeEvidencePack>>;
const progress: [number, number | null][] = [];

// The writer's temporary files go to a folder of this file's own, so the leftovers check below
// cannot see another test's (or process's) packs in flight.
const privateTmp = mkdtempSync(path.join(tmpdir(), "assay-pack-test-tmp-"));
vi.stubEnv("TMPDIR", privateTmp);

beforeAll(async () => {
  temp = await tempDir();
  packFile = path.join(temp.dir, "pack.zip");
  result = await writePackFile(
    packFile,
    packInput(sampleEvidence(), { onProgress: (done, total) => progress.push([done, total]) }),
  );
  entries = await readZip(packFile);
  manifest = JSON.parse(entries.at(-1)?.data.toString("utf8") ?? "null") as ManifestJson;
});

afterAll(async () => {
  await temp.remove();
  vi.unstubAllEnvs();
  rmSync(privateTmp, { recursive: true, force: true });
});

const entry = (name: string) => entries.find((candidate) => candidate.name === name);

describe("writeEvidencePack", () => {
  it("lays out documents at the root and evidence in a folder per control, manifest.json last", () => {
    expect(entries.map(({ name }) => name)).toEqual([
      "summary.pdf",
      "matrix.xlsx",
      `${AC01}/2026-03-28 access-review.pdf`,
      `${CH02}/2026-03-28 access-review.pdf`,
      `${CH02}/2026-03-31 changes.txt`,
      `${AC01}/2026-03-28 Q1 review notes.md`,
      `${CH02}/2026-02-01 Ticket board.md`,
      "manifest.json",
    ]);
  });

  it("puts the stored bytes and the rendered documents into the archive unchanged", () => {
    expect(entry("summary.pdf")?.data).toEqual(SUMMARY_PDF);
    expect(entry("matrix.xlsx")?.data).toEqual(MATRIX_XLSX);
    expect(entry(`${AC01}/2026-03-28 access-review.pdf`)?.data).toEqual(REVIEW_PDF);
    expect(entry(`${CH02}/2026-03-28 access-review.pdf`)?.data).toEqual(REVIEW_PDF);
    expect(entry(`${CH02}/2026-03-31 changes.txt`)?.data).toEqual(CHANGE_LOG);
  });

  it("writes a note as Markdown with a small header, and a link with its URL", () => {
    const note = entry(`${AC01}/2026-03-28 Q1 review notes.md`)?.data.toString("utf8") ?? "";
    expect(note).toMatch(/^# Q1 review notes\n/);
    expect(note).toContain("- Effective date: 2026-03-28");
    expect(note).toContain("- Purpose: Operating effectiveness");
    expect(note).toContain("- Uploaded by: Dana Demo on 2026-03-28T12:00:00.000Z");
    expect(note).toMatch(/\n---\n\nReviewed \*\*42\*\* accounts; removed 3\.\n$/);
    const link = entry(`${CH02}/2026-02-01 Ticket board.md`)?.data.toString("utf8") ?? "";
    expect(link).toMatch(/^# Ticket board\n/);
    expect(link).toContain("- Purpose: Design");
    expect(link).toContain("- URL: https://tickets.example.com/board/7");
  });

  it("lists every other entry in manifest.json with its true SHA-256 and size", () => {
    const others = entries.slice(0, -1);
    expect(manifest.files.map((file) => file.path)).toEqual(others.map(({ name }) => name));
    for (const { name, data } of others) {
      const listed = manifest.files.find((file) => file.path === name);
      expect(listed, name).toMatchObject({ sha256: sha256(data), size: data.length });
    }
    expect(manifest.files.map((file) => file.kind)).toEqual([
      "summary",
      "matrix",
      "evidence-file",
      "evidence-file",
      "evidence-file",
      "evidence-note",
      "evidence-link",
    ]);
  });

  it("describes the pack and each piece of evidence in the manifest", () => {
    expect(manifest).toMatchObject({
      format: "assay-evidence-pack",
      version: 1,
      generatedAt: "2026-07-15T09:30:00.000Z",
      organization: { name: "Demo Payments Ltd", slug: "demo" },
      engagement: {
        name: "SOC 2 Type II 2026",
        family: "SOC2",
        type: "TYPE_II",
        periodStart: "2026-01-01",
        periodEnd: "2026-12-31",
        scope: { categories: ["Security", "Availability"] },
      },
      readiness: { controls: { total: 2 }, counts: { readinessPercent: 100 / 3 } },
    });
    expect(manifest.files[3]).toEqual({
      path: `${CH02}/2026-03-28 access-review.pdf`,
      sha256: sha256(REVIEW_PDF),
      size: REVIEW_PDF.length,
      kind: "evidence-file",
      evidenceId: "ev-file-1",
      title: "Q1 access review",
      purpose: "operating",
      controls: ["AC-01", "CH-02"],
      requirements: ["CC6.1", "CC8.1"],
      effectiveDate: "2026-03-28",
      coverageEnd: null,
      window: "in_window",
      uploadedBy: "Dana Demo",
      recordedAt: "2026-03-28T12:00:00.000Z",
    });
  });

  it("returns the manifest's SHA-256, the entry count and the archive's size, and reports progress", async () => {
    const manifestEntry = entries.at(-1);
    expect(result).toEqual({
      manifestSha256: sha256(manifestEntry?.data ?? ""),
      files: 8,
      bytes: (await stat(packFile)).size,
    });
    expect(progress.at(-1)).toEqual([8, 8]);
    expect(progress.slice(0, -1)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((done) => [done, null]));
  });

  it("gives the same bytes for the same data (entries are dated at generation)", async () => {
    const [first, second] = [new Sink(), new Sink()];
    await writeEvidencePack(packInput(), first);
    await writeEvidencePack(packInput(), second);
    expect(first.digest()).toBe(second.digest());
    expect(first.digest()).toBe(sha256(await readFile(packFile)));
  });

  it("verifies as intact", async () => {
    expect(await verifyPack(packFile)).toEqual({
      ok: true,
      checked: 7,
      mismatched: [],
      missing: [],
      extra: [],
      engagement: "SOC 2 Type II 2026",
      generatedAt: "2026-07-15T09:30:00.000Z",
    });
  });

  it("keeps names unique within a folder and safe whatever the titles and file names say", async () => {
    const tricky = [
      makeExportEvidence({ id: "n1", title: "../../etc/passwd" }),
      makeExportEvidence({ id: "n2", title: "Review" }),
      makeExportEvidence({ id: "n3", title: "review" }),
      makeExportEvidence({ id: "n4", title: "Zugriffsprüfung — Übersicht" }),
      makeExportEvidence({
        id: "f1",
        kind: "file",
        note: null,
        file: storedFile("..\\..\\CON", REVIEW_PDF),
      }),
    ];
    const file = path.join(temp.dir, "tricky.zip");
    await writePackFile(
      file,
      packInput(tricky, { files: memoryFiles(tricky, { "..\\..\\CON": REVIEW_PDF }) }),
    );
    expect((await readZip(file)).map(({ name }) => name)).toEqual([
      "summary.pdf",
      "matrix.xlsx",
      `${AC01}/2026-03-28 .._.._etc_passwd.md`,
      `${AC01}/2026-03-28 Review.md`,
      `${AC01}/2026-03-28 review (2).md`,
      `${AC01}/2026-03-28 Zugriffsprüfung — Übersicht.md`,
      `${AC01}/2026-03-28 .._.._CON`,
      "manifest.json",
    ]);
    expect((await verifyPack(file)).ok).toBe(true);
  });

  it("refuses to finish a pack when a stored file does not match its recorded SHA-256, naming the evidence and control", async () => {
    const evidence = sampleEvidence();
    const file = path.join(temp.dir, "tampered-store.zip");
    const tampered = Buffer.from(CHANGE_LOG.toString("utf8").replace("Lee", "Lou"));
    const output = createWriteStream(file);
    const failure = await writeEvidencePack(
      packInput(evidence, { files: memoryFiles(evidence, { "changes.txt": tampered }) }),
      output,
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: "CONFLICT" });
    expect((failure as AppError).message).toMatch(
      /"March change log" \(ev-file-2\) of control CH-02 .*changes\.txt.*SHA-256/,
    );
    expect(output.destroyed).toBe(true);
    await expect(verifyPack(file)).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("refuses a stored file longer than recorded as soon as it overruns, and a missing one", async () => {
    const evidence = sampleEvidence();
    const longer = Buffer.concat([REVIEW_PDF, Buffer.from("appended")]);
    await expect(
      writeEvidencePack(
        packInput(evidence, { files: memoryFiles(evidence, { "access-review.pdf": longer }) }),
        new Sink(),
      ),
    ).rejects.toThrow(/"Q1 access review" \(ev-file-1\) of control AC-01 .*larger than recorded/);
    const missing = makeExportEvidence({
      id: "gone",
      kind: "file",
      title: "Lost file",
      note: null,
      file: storedFile("lost.pdf", Buffer.from("x")),
    });
    await expect(writeEvidencePack(packInput([missing]), new Sink())).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(
        /"Lost file" \(gone\) of control AC-01 is missing its stored file "lost\.pdf"/,
      ),
    });
  });

  it("stops reading stored files while the output takes nothing, and fails when the output goes away", async () => {
    const mib = 1024 * 1024;
    const content = (index: number) => Buffer.alloc(mib, `page ${index} `);
    const evidence = Array.from({ length: 40 }, (_, index) =>
      makeExportEvidence({
        id: `big-${index}`,
        kind: "file",
        note: null,
        file: { ...storedFile(`scan-${index}.pdf`, content(index)), storageKey: String(index) },
      }),
    );
    let read = 0;
    const stuck = new Writable({ highWaterMark: 16 * 1024, write: () => undefined });
    const writing = writeEvidencePack(
      packInput(evidence, {
        files: filesFrom(async (file) =>
          Readable.from(
            (function* chunks() {
              const bytes = content(Number(file.storageKey));
              for (let start = 0; start < bytes.length; start += 64 * 1024) {
                read += 64 * 1024;
                yield bytes.subarray(start, start + 64 * 1024);
              }
            })(),
          ),
        ),
      }),
      stuck,
    );
    const stalled = await untilStalled(stuck, () => read);
    // 40 MiB are waiting; only what fills the streams' buffers has been read.
    expect(stalled).toBeGreaterThan(0);
    expect(stalled).toBeLessThan(8 * mib);
    stuck.destroy(new Error("the client went away"));
    await expect(writing).rejects.toThrow("the client went away");
  });

  it("stops reading small files too while the output takes nothing", async () => {
    const kib = 1024;
    const content = (index: number) => Buffer.alloc(200 * kib, `scan ${index} `);
    const evidence = Array.from({ length: 200 }, (_, index) =>
      makeExportEvidence({
        id: `small-${index}`,
        kind: "file",
        note: null,
        file: { ...storedFile(`scan-${index}.pdf`, content(index)), storageKey: String(index) },
      }),
    );
    let read = 0;
    const stuck = new Writable({ highWaterMark: 16 * kib, write: () => undefined });
    const writing = writeEvidencePack(
      packInput(evidence, {
        files: {
          open: () => Promise.reject(new Error("small files are read whole")),
          read: async (file) => {
            read += 200 * kib;
            return content(Number(file.storageKey));
          },
        },
      }),
      stuck,
    );
    const stalled = await untilStalled(stuck, () => read);
    // 40 MiB are waiting (stored, not deflated: .pdf); only the read-ahead and one entry were taken.
    expect(stalled).toBeGreaterThan(0);
    expect(stalled).toBeLessThan(8 * 1024 * kib);
    stuck.destroy(new Error("the client went away"));
    await expect(writing).rejects.toThrow("the client went away");
  });

  it("leaves no temporary manifest file behind, whether it succeeds or fails", async () => {
    const spools = async () =>
      (await readdir(privateTmp)).filter(
        (name) => name.startsWith("assay-pack-") && !name.startsWith("assay-pack-test-"),
      );
    const evidence = [1, 2, 3].map((index) =>
      makeExportEvidence({
        id: `spooled-${index}`,
        kind: "file",
        note: null,
        file: { ...storedFile(`note-${index}.txt`, bytesOf(index)), storageKey: String(index) },
      }),
    );
    const seen: string[][] = [];
    const files = (failing: string | null): StoredFiles => ({
      open: () => Promise.reject(new Error("small files are read whole")),
      read: async (file) => {
        seen.push(await spools());
        if (file.storageKey === failing) throw new Error("the storage went away");
        return bytesOf(Number(file.storageKey));
      },
    });
    expect(await spools()).toEqual([]);
    await writeEvidencePack(packInput(evidence, { files: files(null) }), new Sink());
    expect(await spools()).toEqual([]);
    await expect(
      writeEvidencePack(packInput(evidence, { files: files("2") }), new Sink()),
    ).rejects.toThrow();
    expect(await spools()).toEqual([]);
    // Each pack had its spool in this folder while it ran: the checks above look where it goes.
    expect(seen.length).toBeGreaterThanOrEqual(4);
    for (const names of seen) expect(names).toHaveLength(1);
  });

  it("reads a small file once for all its control folders, and streams large files one at a time", async () => {
    const small = Buffer.from("evidence for two controls");
    const large = Buffer.alloc(300 * 1024, "large scan ");
    const shared = makeExportEvidence({
      id: "shared",
      kind: "file",
      title: "Shared",
      note: null,
      controlRefs: ["AC-01", "CH-02"],
      file: storedFile("shared.txt", small),
    });
    const scans = [1, 2, 3].map((index) =>
      makeExportEvidence({
        id: `scan-${index}`,
        kind: "file",
        title: `Scan ${index}`,
        note: null,
        file: { ...storedFile(`scan-${index}.pdf`, large), storageKey: `scan-${index}` },
      }),
    );
    const reads: string[] = [];
    let open = 0;
    let mostOpen = 0;
    const files: StoredFiles = {
      read: async (file) => {
        reads.push(file.name);
        return small;
      },
      open: async () => {
        mostOpen = Math.max(mostOpen, ++open);
        return Readable.from([large]).on("close", () => open--);
      },
    };
    const file = path.join(temp.dir, "small-and-large.zip");
    await writePackFile(file, packInput([shared, ...scans], { files }));
    expect(reads).toEqual(["shared.txt"]);
    expect(mostOpen).toBe(1);
    const names = (await readZip(file)).map((entry) => entry.name);
    expect(names.filter((name) => name.endsWith("shared.txt"))).toHaveLength(2);
    expect(names.filter((name) => name.endsWith(".pdf") && name.includes("scan-"))).toHaveLength(3);
    expect((await verifyPack(file)).ok).toBe(true);
  });

  it("stores small and already-compressed entries as they are, and deflates larger text", async () => {
    const smallLog = Buffer.from("2026-03-01 login ok\n".repeat(100));
    const largeLog = Buffer.from("2026-03-01 login ok\n".repeat(2000));
    const evidence = [
      makeExportEvidence({
        id: "small",
        kind: "file",
        title: "Small log",
        note: null,
        file: storedFile("small.log", smallLog),
      }),
      makeExportEvidence({
        id: "large",
        kind: "file",
        title: "Large log",
        note: null,
        file: storedFile("large.log", largeLog),
      }),
    ];
    const contents = new Map(
      [...evidence].map((item) => [
        item.file?.storageKey,
        item.id === "small" ? smallLog : largeLog,
      ]),
    );
    const file = path.join(temp.dir, "compression.zip");
    await writePackFile(
      file,
      packInput(evidence, {
        files: filesFrom(async (stored) =>
          Readable.from([contents.get(stored.storageKey) ?? Buffer.alloc(0)]),
        ),
      }),
    );
    const methods = new Map<string, number>();
    const zip = await yauzl.openPromise(file, { lazyEntries: true });
    for await (const entry of zip.eachEntry())
      methods.set(path.basename(entry.fileName), entry.compressionMethod);
    zip.close();
    expect(methods.get("2026-03-28 small.log")).toBe(0);
    expect(methods.get("2026-03-28 large.log")).toBe(8);
    expect(methods.get("summary.pdf")).toBe(0);
    expect((await verifyPack(file)).ok).toBe(true);
  });

  it(
    "streams 5,000 files reading only a few ahead of the writer",
    { timeout: 120_000 },
    async () => {
      const count = 5_000;
      const size = 64 * 1024;
      const content = (index: number) => Buffer.alloc(size, `file ${index} `);
      const evidence = (index: number): ExportEvidence =>
        makeExportEvidence({
          id: `ev-${index}`,
          kind: "file",
          title: `Generated ${index}`,
          note: null,
          controlRefs: [index % 2 === 0 ? "AC-01" : "CH-02"],
          file: {
            ...storedFile("export.pdf", Buffer.alloc(0)),
            sha256: sha256(content(index)),
            size,
            storageKey: String(index),
          },
        });
      async function* pages(): AsyncIterable<readonly ExportEvidence[]> {
        for (let start = 0; start < count; start += 500)
          yield Array.from({ length: 500 }, (_, offset) => evidence(start + offset));
      }
      let reading = 0;
      let mostReading = 0;
      const sink = new Sink();
      const packed = await writeEvidencePack(
        packInput([], {
          evidencePages: pages,
          files: {
            open: () => Promise.reject(new Error("small files are read whole")),
            read: async (file) => {
              mostReading = Math.max(mostReading, ++reading);
              await new Promise((resolve) => setImmediate(resolve));
              reading--;
              return content(Number(file.storageKey));
            },
          },
        }),
        sink,
      );
      // Read ahead of their turn, but only a few at a time.
      expect(mostReading).toBeGreaterThan(1);
      expect(mostReading).toBeLessThanOrEqual(17);
      expect(packed.files).toBe(count + 3);
      expect(sink.bytes).toBe(packed.bytes);
      expect(sink.bytes).toBeGreaterThan(count * size);
      // Memory is measured by `npm run bench:pack`, not here.
    },
  );
});

const bytesOf = (index: number) => Buffer.from(`spooled evidence ${index}`);

/** Hashes, counts and discards what it is given (with a little back-pressure, like a socket). */
class Sink extends Writable {
  bytes = 0;
  private readonly hash = createHash("sha256");
  constructor() {
    super({ highWaterMark: 16 * 1024 });
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    setImmediate(callback);
  }
  private digested: string | undefined;
  digest(): string {
    this.digested ??= this.hash.digest("hex");
    return this.digested;
  }
}
