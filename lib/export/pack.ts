// The evidence pack: one ZIP with the summary PDF, the matrix workbook, every piece of evidence
// in a folder per control, and manifest.json (written last) giving the SHA-256 and size of
// every other entry. Streamed end to end: one entry at a time, each file read from storage
// straight into the archive, manifest entries spooled to a temporary file, so memory stays
// flat however large the pack; the output's back-pressure paces the whole thing.
import { pipeline } from "node:stream/promises";
import type { Readable, Writable } from "node:stream";
import { ZipArchive, type ZipEntryData } from "archiver";
import type {
  EvidencePages,
  ExportEvidence,
  ExportFile,
  ExportSummary,
} from "@/lib/domain/export/types";
import type { ExportRequestList } from "@/lib/domain/request-list";
import { AppError } from "@/lib/errors";
import type { BlobStore } from "@/lib/storage/blob-store";
import { digestOf, hashingStream, type Digest, type HashingOptions } from "./hashing";
import {
  MANIFEST_PATH,
  manifestHeader,
  manifestOpening,
  type ManifestEntry,
  type ManifestEvidence,
} from "./manifest";
import { ManifestSpool } from "./manifest-spool";
import { DEFLATE_LEVEL, linkMarkdown, noteMarkdown, shouldStore } from "./pack-content";
import { PackLayout } from "./pack-layout";
import { writeRequestList } from "./pack-requests";
import { readAhead } from "./read-ahead";

/** Stored files up to this size are read whole, a few ahead of their turn; larger ones are streamed at their turn. */
const SMALL_FILE_BYTES = 256 * 1024;
/** How many evidence items ahead small files are read: at most this many × SMALL_FILE_BYTES held. */
const READ_AHEAD_FILES = 16;

/** The stored evidence files' bytes. */
export type StoredFiles = {
  /** Streamed: large files. AppError NOT_FOUND when missing. */
  open: (file: ExportFile) => Promise<Readable>;
  /** At once: small files. AppError NOT_FOUND when missing, TOO_LARGE when longer than `file.size`. */
  read: (file: ExportFile) => Promise<Buffer>;
};

/** The files of a blob store, by their storage keys. */
export function storedFilesIn(store: Pick<BlobStore, "get" | "getBytes">): StoredFiles {
  return {
    open: (file) => store.get(file.storageKey),
    read: (file) => store.getBytes(file.storageKey, file.size),
  };
}

export type PackDocument = {
  path: string;
  kind: "summary" | "matrix" | "description";
  render: () => Promise<Readable | Buffer>;
};

export type PackInput = {
  summary: ExportSummary;
  evidencePages: EvidencePages;
  files: StoredFiles;
  documents: readonly PackDocument[];
  /** The auditor's imported request list, answered: written to requests/ after the evidence. */
  requestList?: ExportRequestList | null;
  /** Entries written so far; `total` is null until the last evidence page has been read. */
  onProgress?: (done: number, total: number | null) => void;
};

/** `files`: entries in the ZIP, manifest.json included; `bytes`: the ZIP's size. */
export type PackResult = { manifestSha256: string; files: number; bytes: number };

/**
 * Writes the pack to `output`. On failure (a stored file that does not match its recorded
 * SHA-256, a storage error, the output closing) it rejects and destroys `output` with the error:
 * whatever was written is not a pack and must be discarded.
 */
export async function writeEvidencePack(input: PackInput, output: Writable): Promise<PackResult> {
  const spool = await ManifestSpool.create();
  const archive = new ZipArchive({ zlib: { level: DEFLATE_LEVEL } });
  const writing = pipeline(archive, output);
  // Handled here and awaited below, so an early failure of the output is not "unhandled".
  writing.catch(() => undefined);
  // Every entry carries the pack's generation time, so the same data gives the same bytes.
  const writer = new EntryWriter(
    archive,
    spool,
    new Date(input.summary.generatedAt),
    input.onProgress,
  );
  try {
    const layout = new PackLayout(input.summary.controls);
    for (const document of input.documents) {
      await writer.add(layout.rootPath(document.path), await document.render(), {
        kind: document.kind,
      });
    }
    const readSmall = (evidence: ExportEvidence) =>
      evidence.kind === "file" && isSmallFile(evidence.file)
        ? readVerified(
            input.files.read,
            evidence,
            evidence.file,
            layout.folderRefs(evidence)[0] ?? "",
          )
        : undefined;
    // Only the paths of evidence that answered a request are kept: memory stays flat.
    const answering = new Set(
      input.requestList?.rows.flatMap((row) => row.files.map((file) => file.evidenceId)) ?? [],
    );
    const written = new Map<string, string[]>();
    for await (const { item: evidence, started } of readAhead(
      input.evidencePages(),
      readSmall,
      READ_AHEAD_FILES,
    )) {
      const paths = await writeEvidence(writer, layout, evidence, input.files.open, started);
      if (answering.has(evidence.id)) written.set(evidence.id, paths);
    }
    await writeRequestList(input.requestList, written, (path, bytes) =>
      writer.add(path, bytes, { kind: "request-list" }),
    );
    const manifest = await spool.read(manifestOpening(manifestHeader(input.summary)));
    const { sha256: manifestSha256 } = await writer.write(MANIFEST_PATH, manifest);
    await Promise.all([archive.finalize(), writing]);
    input.onProgress?.(writer.count, writer.count);
    return { manifestSha256, files: writer.count, bytes: archive.pointer() };
  } catch (error) {
    // Entries abandoned half-way may still report errors after this; they are this one.
    archive.on("error", () => undefined);
    archive.destroy(error instanceof Error ? error : new Error(String(error)));
    await writing.catch(() => undefined);
    throw error;
  } finally {
    await spool.dispose();
  }
}

async function writeEvidence(
  writer: EntryWriter,
  layout: PackLayout,
  evidence: ExportEvidence,
  openFile: StoredFiles["open"],
  read: Promise<Buffer> | undefined,
): Promise<string[]> {
  const paths: string[] = [];
  const facts: ManifestEvidence = {
    evidenceId: evidence.id,
    title: evidence.title,
    purpose: evidence.purpose,
    controls: evidence.controlRefs,
    requirements: evidence.requirementCodes,
    effectiveDate: evidence.effectiveDate,
    coverageEnd: evidence.coverageEnd,
    window: evidence.window,
    uploadedBy: evidence.uploadedBy,
    recordedAt: evidence.createdAt,
  };
  if (evidence.kind === "file") {
    const file = evidence.file;
    // A small file was read whole (and checked) ahead of its turn, once for all its folders.
    const bytes = await read;
    for (const { ref, path } of layout.evidencePaths(
      evidence,
      `${evidence.effectiveDate} ${file?.name ?? evidence.title}`,
    )) {
      if (!file) throw storedFileError(evidence, ref, "has no stored file");
      paths.push(path);
      if (bytes) {
        // Checked against the recorded digest already: no second hash.
        await writer.add(
          path,
          bytes,
          { kind: "evidence-file", ...facts },
          { sha256: file.sha256, size: file.size },
        );
        continue;
      }
      const check = { expected: file, evidence, ref };
      const source = await openStored(openFile, file, evidence, ref);
      await writer.add(path, hashingStream(source, verifying(check)), {
        kind: "evidence-file",
        ...facts,
      });
    }
    return paths;
  }
  const isLink = evidence.kind === "link";
  const body = Buffer.from(isLink ? linkMarkdown(evidence) : noteMarkdown(evidence), "utf8");
  for (const { path } of layout.evidencePaths(
    evidence,
    `${evidence.effectiveDate} ${evidence.title}.md`,
  )) {
    paths.push(path);
    await writer.add(path, body, { kind: isLink ? "evidence-link" : "evidence-note", ...facts });
  }
  return paths;
}

/** Empty files are streamed: a ranged read of an empty object is an error on some S3 servers. */
function isSmallFile(file: ExportFile | null): file is ExportFile {
  return file !== null && file.size > 0 && file.size <= SMALL_FILE_BYTES;
}

/** A small stored file's bytes, read whole and checked against its recorded size and SHA-256. */
async function readVerified(
  readFile: StoredFiles["read"],
  evidence: ExportEvidence,
  file: ExportFile,
  ref: string,
): Promise<Buffer> {
  const check = { expected: file, evidence, ref };
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND")
      throw storedFileError(evidence, ref, `is missing its stored file "${file.name}"`);
    if (error instanceof AppError && error.code === "TOO_LARGE")
      throw mismatch(check, "is larger than recorded");
    throw error;
  }
  verifying(check).onDigest(digestOf(bytes));
  return bytes;
}

/** Fails a read as soon as the file overruns its recorded size, or at its end on a different SHA-256. */
function verifying(check: Expected): Required<HashingOptions> {
  return {
    maxBytes: {
      bytes: check.expected.size,
      error: () => mismatch(check, "is larger than recorded"),
    },
    onDigest: (actual) => {
      if (actual.sha256 !== check.expected.sha256 || actual.size !== check.expected.size) {
        throw mismatch(
          check,
          `does not match its recorded SHA-256 (recorded ${check.expected.sha256}, read ${actual.sha256})`,
        );
      }
    },
  };
}

async function openStored(
  openFile: StoredFiles["open"],
  file: ExportFile,
  evidence: ExportEvidence,
  ref: string,
): Promise<Readable> {
  try {
    return await openFile(file);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND")
      throw storedFileError(evidence, ref, `is missing its stored file "${file.name}"`);
    throw error;
  }
}

function storedFileError(evidence: ExportEvidence, ref: string, problem: string): AppError {
  return new AppError(
    "CONFLICT",
    `Evidence "${evidence.title}" (${evidence.id}) of control ${ref} ${problem}; the evidence pack was not created.`,
  );
}

type Expected = { expected: ExportFile; evidence: ExportEvidence; ref: string };
type EntryFacts = ManifestEntry extends infer Entry
  ? Entry extends ManifestEntry
    ? Omit<Entry, "path" | "sha256" | "size">
    : never
  : never;

/** Appends entries one at a time, hashing every byte that goes in, and spools their manifest lines. */
class EntryWriter {
  count = 0;

  constructor(
    private readonly archive: ZipArchive,
    private readonly spool: ManifestSpool,
    private readonly date: Date,
    private readonly onProgress: PackInput["onProgress"],
  ) {}

  /** `known`: the Buffer's digest, when it has been checked already. */
  async write(path: string, source: Readable | Buffer, known?: Digest): Promise<Digest> {
    const entry: ZipEntryData = {
      name: path,
      date: this.date,
      store: shouldStore(path, Buffer.isBuffer(source) ? source.byteLength : undefined),
    };
    if (Buffer.isBuffer(source)) {
      await this.append(source, entry);
      return this.done(known ?? digestOf(source));
    }
    let digest: Digest | undefined;
    await this.append(hashingStream(source, { onDigest: (actual) => (digest = actual) }), entry);
    if (!digest) throw new Error(`The entry ${path} ended before its digest was taken.`);
    return this.done(digest);
  }

  /** Writes the entry and lists it in the manifest. */
  async add(
    path: string,
    source: Readable | Buffer,
    facts: EntryFacts,
    known?: Digest,
  ): Promise<void> {
    const digest = await this.write(path, source, known);
    await this.spool.add({ path, ...digest, ...facts });
  }

  private done(digest: Digest): Digest {
    this.count++;
    this.onProgress?.(this.count, null);
    return digest;
  }

  /**
   * Resolves once the archive has taken the whole entry and the output has caught up, so at most
   * one entry is open at a time and a slow output holds the next one back. (A stream entry is
   * piped, which keeps back-pressure; a Buffer stored as it is would be written whole and at
   * once, however far behind the output is.)
   */
  private async append(source: Readable | Buffer, entry: ZipEntryData): Promise<void> {
    await this.appended(source, entry);
    while (this.archive.writableNeedDrain) await this.drained();
  }

  private appended(source: Readable | Buffer, entry: ZipEntryData): Promise<void> {
    const archive = this.archive;
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        archive.off("entry", onEntry);
        archive.off("error", onError);
        archive.off("close", onClose);
        if (!Buffer.isBuffer(source)) source.off("error", onError);
      };
      const onEntry = () => {
        cleanup();
        resolve();
      };
      const onError = (error: Error) => {
        cleanup();
        if (!Buffer.isBuffer(source)) source.destroy();
        reject(error);
      };
      const onClose = () => onError(new Error("The archive closed before the entry was written."));
      archive.on("entry", onEntry);
      archive.on("error", onError);
      archive.on("close", onClose);
      // The archive pipes a stream through its own PassThrough, which does not forward errors.
      if (!Buffer.isBuffer(source)) source.on("error", onError);
      archive.append(source, entry);
    });
  }

  /** Resolves on the archive's next "drain"; rejects if it fails or closes first. */
  private drained(): Promise<void> {
    const archive = this.archive;
    return new Promise((resolve, reject) => {
      const settle = (error?: Error) => {
        archive.off("drain", onDrain);
        archive.off("error", onError);
        archive.off("close", onClose);
        if (error) reject(error);
        else resolve();
      };
      const onDrain = () => settle();
      const onError = (error: Error) => settle(error);
      const onClose = () => settle(new Error("The archive closed while the output caught up."));
      archive.on("drain", onDrain);
      archive.on("error", onError);
      archive.on("close", onClose);
    });
  }
}

function mismatch({ expected, evidence, ref }: Expected, problem: string): AppError {
  return storedFileError(
    evidence,
    ref,
    `has a stored file "${expected.name}" that ${problem}: it may have been altered or damaged`,
  );
}
