import { Readable } from "node:stream";
import type { BlobStore, StoredBlob } from "../../lib/storage/blob-store";
import type { BenchOrg, Cell, Table } from "./bench-seed";

// The readiness benchmark's organisation with every evidence record turned into a small file:
// deterministic bytes (1–8 KB) stored in a blob store at their content-addressed keys, one
// StoredFile row each, and the Evidence rows rewritten as kind "file". Half the files are text
// (CSV, logs: deflated in a pack), half binary (PDF, PNG: stored as they are), as real evidence
// mixes both. Deterministic: the same organisation gives the same bytes and rows.

const MIN_BYTES = 1024;
const MAX_BYTES = 8 * 1024;
const NOW = "2026-01-01T00:00:00.000+00:00";

type FileKind = { extension: string; contentType: string; text: boolean };

const FILE_KINDS: readonly FileKind[] = [
  { extension: "csv", contentType: "text/csv", text: true },
  { extension: "pdf", contentType: "application/pdf", text: false },
  { extension: "log", contentType: "text/plain", text: true },
  { extension: "png", contentType: "image/png", text: false },
];

export type BenchFile = {
  evidenceId: string;
  fileId: string;
  name: string;
  contentType: string;
  blob: StoredBlob;
};

/** xorshift32: reproducible bytes without a dependency. */
function xorshift(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

function binaryBytes(next: () => number, size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let offset = 0; offset < size; offset += 4) {
    const value = next();
    for (let k = 0; k < 4 && offset + k < size; k += 1)
      bytes[offset + k] = (value >>> (8 * k)) & 0xff;
  }
  return bytes;
}

/** CSV- or log-like lines: the repetition real exports have, so deflate has work to do. */
function textBytes(next: () => number, size: number, index: number): Buffer {
  const lines: string[] = [];
  let length = 0;
  for (let line = 0; length < size; line += 1) {
    const text = `${index},${line},2026-${String((next() % 12) + 1).padStart(2, "0")}-${String((next() % 28) + 1).padStart(2, "0")},user${next() % 500}@example.com,${next() % 2 === 0 ? "approved" : "reviewed"},${next().toString(16)}\n`;
    lines.push(text);
    length += text.length;
  }
  return Buffer.from(lines.join(""), "utf8").subarray(0, size);
}

/** The bytes of the index-th file: 1–8 KB, text or binary according to its kind. */
function benchFileBytes(index: number): { bytes: Buffer; kind: FileKind } {
  const next = xorshift(0x9e3779b9 ^ (index + 1));
  const kind = FILE_KINDS[index % FILE_KINDS.length] ?? FILE_KINDS[0];
  if (!kind) throw new Error("No file kinds.");
  const size = MIN_BYTES + (next() % (MAX_BYTES - MIN_BYTES + 1));
  return { bytes: kind.text ? textBytes(next, size, index) : binaryBytes(next, size), kind };
}

const fileIdOf = (index: number): string => `cfil${index.toString(36).padStart(21, "0")}`;

function tableNamed(org: BenchOrg, name: string): Table {
  const table = org.tables.find((candidate) => candidate.name === name);
  if (!table) throw new Error(`The benchmark organisation has no ${name} table.`);
  return table;
}

function evidenceIds(org: BenchOrg): string[] {
  const table = tableNamed(org, "Evidence");
  const idColumn = table.columns.indexOf("id");
  return Array.from(table.rows(), (row) => String(row[idColumn]));
}

/** Uploads in flight at once: the store syncs every file to disk, so one at a time is slow. */
const CONCURRENCY = 8;

/**
 * Stores one file per evidence record of `org` through the store's own upload path and returns
 * what was stored, in evidence order.
 */
export async function storeBenchFiles(org: BenchOrg, store: BlobStore): Promise<BenchFile[]> {
  const ids = evidenceIds(org);
  const files: BenchFile[] = [];
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < ids.length; index = next++) {
      const { bytes, kind } = benchFileBytes(index);
      const blob = await store.putStream(org.orgId, Readable.from([bytes]), MAX_BYTES);
      files[index] = {
        evidenceId: ids[index] ?? "",
        fileId: fileIdOf(index),
        name: `evidence-${String(index + 1).padStart(5, "0")}.${kind.extension}`,
        contentType: kind.contentType,
        blob,
      };
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return files;
}

function storedFileTable(orgId: string, files: readonly BenchFile[]): Table {
  return {
    name: "StoredFile",
    columns: ["id", "organizationId", "sha256", "size", "storageKey", "createdAt"],
    rows: () =>
      files.map((file) => [
        file.fileId,
        orgId,
        file.blob.sha256,
        file.blob.size,
        file.blob.key,
        NOW,
      ]),
  };
}

/** The Evidence table with every row a file: no note or URL, the file's id, name and type. */
function fileEvidenceTable(table: Table, files: readonly BenchFile[]): Table {
  const byEvidence = new Map(files.map((file) => [file.evidenceId, file]));
  const at = (name: string): number => {
    const index = table.columns.indexOf(name);
    if (index < 0) throw new Error(`The Evidence table has no ${name} column.`);
    return index;
  };
  const idAt = at("id");
  const replacements: [number, (file: BenchFile) => Cell][] = [
    [at("kind"), () => "file"],
    [at("note"), () => null],
    [at("url"), () => null],
    [at("fileId"), (file) => file.fileId],
    [at("fileName"), (file) => file.name],
    [at("contentType"), (file) => file.contentType],
  ];
  return {
    ...table,
    rows: function* () {
      for (const row of table.rows()) {
        const file = byEvidence.get(String(row[idAt]));
        if (!file) throw new Error(`Evidence ${String(row[idAt])} has no stored file.`);
        const copy: Cell[] = [...row];
        for (const [index, value] of replacements) copy[index] = value(file);
        yield copy;
      }
    },
  };
}

/** The organisation's tables with StoredFile rows (before Evidence, which refers to them) and file evidence. */
export function withEvidenceFiles(org: BenchOrg, files: readonly BenchFile[]): Table[] {
  return org.tables.flatMap((table) =>
    table.name === "Evidence"
      ? [storedFileTable(org.orgId, files), fileEvidenceTable(table, files)]
      : [table],
  );
}
