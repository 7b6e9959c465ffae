// Builders for the evidence pack tests: a small pack written from the export fixture, and
// helpers that read a ZIP whole (fine for test-sized archives) or rewrite it.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { pipeline } from "node:stream/promises";
import { ZipArchive } from "archiver";
import yauzl from "yauzl";
import type { ExportEvidence, ExportFile } from "@/lib/domain/export/types";
import { AppError } from "@/lib/errors";
import {
  writeEvidencePack,
  type PackInput,
  type PackResult,
  type StoredFiles,
} from "@/lib/export/pack";
import {
  evidencePagesOf,
  makeExportEvidence,
  makeExportSummary,
} from "@/tests/fixtures/export-summary";

export const sha256 = (bytes: Buffer | string) => createHash("sha256").update(bytes).digest("hex");

export function storedFile(
  name: string,
  bytes: Buffer,
  contentType = "application/octet-stream",
): ExportFile {
  return {
    name,
    contentType,
    sha256: sha256(bytes),
    size: bytes.length,
    storageKey: `org/${sha256(bytes).slice(0, 2)}/${sha256(bytes)}`,
  };
}

export const REVIEW_PDF = Buffer.from("%PDF-1.7\nQ1 access review, signed by Dana\n%%EOF\n");
export const CHANGE_LOG = Buffer.from("2026-03-12 CHG-7 approved by Lee\n".repeat(50));
export const SUMMARY_PDF = Buffer.from("%PDF-1.7\nreadiness summary\n%%EOF\n");
export const MATRIX_XLSX = Buffer.from("PK\u0003\u0004 pretend workbook");

/** Two files (the first linked to both controls), a note and a link. */
export function sampleEvidence(): ExportEvidence[] {
  return [
    makeExportEvidence({
      id: "ev-file-1",
      kind: "file",
      title: "Q1 access review",
      controlRefs: ["AC-01", "CH-02"],
      requirementCodes: ["CC6.1", "CC8.1"],
      note: null,
      file: storedFile("access-review.pdf", REVIEW_PDF, "application/pdf"),
    }),
    makeExportEvidence({
      id: "ev-file-2",
      kind: "file",
      title: "March change log",
      effectiveDate: "2026-03-31",
      controlRefs: ["CH-02"],
      requirementCodes: ["CC8.1"],
      note: null,
      file: storedFile("changes.txt", CHANGE_LOG, "text/plain"),
    }),
    makeExportEvidence({
      id: "ev-note",
      kind: "note",
      title: "Q1 review notes",
      note: "Reviewed **42** accounts; removed 3.",
    }),
    makeExportEvidence({
      id: "ev-link",
      kind: "link",
      title: "Ticket board",
      purpose: "design",
      effectiveDate: "2026-02-01",
      controlRefs: ["CH-02"],
      requirementCodes: ["CC8.1"],
      note: null,
      url: "https://tickets.example.com/board/7",
    }),
  ];
}

/** The stored files of an in-memory store, streamed in small chunks; `contents` replaces a file's bytes by name. */
export function memoryFiles(
  evidence: readonly ExportEvidence[],
  contents: Record<string, Buffer> = {},
): StoredFiles {
  const defaults: Record<string, Buffer> = {
    "access-review.pdf": REVIEW_PDF,
    "changes.txt": CHANGE_LOG,
  };
  const store = new Map<string, Buffer>();
  for (const { file } of evidence) {
    const bytes = file && (contents[file.name] ?? defaults[file.name]);
    if (file && bytes) store.set(file.storageKey, bytes);
  }
  return filesFrom(async (file) => {
    const bytes = store.get(file.storageKey);
    if (!bytes) throw new AppError("NOT_FOUND", "File not found.");
    return Readable.from(chunks(bytes, 7));
  });
}

/** Stored files whose whole reads collect `open`'s stream, refusing more than the recorded size as a store does. */
export function filesFrom(open: StoredFiles["open"]): StoredFiles {
  return {
    open,
    read: async (file) => {
      const bytes = await buffer(await open(file));
      if (bytes.length > file.size) throw new AppError("TOO_LARGE", "Larger than expected.");
      return bytes;
    },
  };
}

function* chunks(bytes: Buffer, size: number): Generator<Buffer> {
  for (let start = 0; start < bytes.length; start += size)
    yield bytes.subarray(start, start + size);
}

export function packInput(
  evidence: readonly ExportEvidence[] = sampleEvidence(),
  overrides: Partial<PackInput> = {},
): PackInput {
  return {
    summary: makeExportSummary(),
    evidencePages: evidencePagesOf(evidence, 2),
    files: memoryFiles(evidence),
    documents: [
      { path: "summary.pdf", kind: "summary", render: async () => SUMMARY_PDF },
      { path: "matrix.xlsx", kind: "matrix", render: async () => Readable.from([MATRIX_XLSX]) },
    ],
    ...overrides,
  };
}

export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "assay-pack-test-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function writePackFile(
  file: string,
  input: PackInput = packInput(),
): Promise<PackResult> {
  return writeEvidencePack(input, createWriteStream(file));
}

export type ZipEntryBytes = { name: string; data: Buffer };

/** Every entry of a ZIP, in order, with its bytes. */
export async function readZip(file: string): Promise<ZipEntryBytes[]> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  try {
    const entries: ZipEntryBytes[] = [];
    for await (const entry of zip.eachEntry()) {
      const parts: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) parts.push(chunk as Buffer);
      entries.push({ name: entry.fileName, data: Buffer.concat(parts) });
    }
    return entries;
  } finally {
    zip.close();
  }
}

/** A new ZIP with exactly these entries, in this order. */
export async function writeZip(file: string, entries: readonly ZipEntryBytes[]): Promise<void> {
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const done = pipeline(archive, createWriteStream(file));
  for (const { name, data } of entries) archive.append(data, { name });
  await archive.finalize();
  await done;
}

export type ManifestJson = {
  format: string;
  version: number;
  generatedAt: string;
  organization: { name: string; slug: string };
  engagement: {
    name: string;
    family: string;
    type: string;
    periodStart: string | null;
    periodEnd: string | null;
    scope: { categories: string[] };
  };
  readiness: { counts: { readinessPercent: number }; controls: { total: number } };
  files: {
    path: string;
    sha256: string;
    size: number;
    kind: string;
    evidenceId?: string;
    controls?: string[];
    requirements?: string[];
  }[];
};
