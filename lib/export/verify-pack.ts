// Checks an evidence pack against its manifest.json: every entry's bytes are streamed through
// SHA-256 (never held whole) and compared with what the manifest lists. Two passes over the
// archive: the central directory first (to find the manifest and refuse unsafe or absurd
// archives before reading any content: too many entries, too many bytes, or more bytes than a
// real pack's compression could give, the mark of a zip bomb), then every entry's bytes, each
// stopped at the size the directory declares for it.
import { createHash } from "node:crypto";
import path from "node:path";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { AppError } from "@/lib/errors";
import type { Digest } from "./hashing";
import { MANIFEST_PATH } from "./manifest";
import { readManifest, type ReadManifest } from "./manifest-reader";
import { candidateNames } from "./zip-names";

export type VerifyLimits = {
  /** Total uncompressed bytes the archive may declare and hold (default 20 GB). */
  maxTotalBytes: number;
  /** Entries in the archive, and files in the manifest (default 1,000,000). */
  maxEntries: number;
  /** A manifest.json not in Assay's line layout is parsed whole up to this size (default 64 MB). */
  maxWholeManifestBytes: number;
  /** Uncompressed bytes per compressed byte, of each entry and of the whole file (default: no limit). */
  maxRatio: number;
};

const DEFAULT_VERIFY_LIMITS: VerifyLimits = {
  maxTotalBytes: 20 * 1024 ** 3,
  maxEntries: 1_000_000,
  maxWholeManifestBytes: 64 * 1024 ** 2,
  maxRatio: Number.POSITIVE_INFINITY,
};

/** An entry, or an archive, smaller than this uncompressed is never refused for its ratio. */
const RATIO_FLOOR_BYTES = 1024 ** 2;

export type PackMismatch = { path: string; expected: Digest; actual: Digest };

export type PackVerification = {
  ok: boolean;
  /** Entries whose bytes were hashed (manifest.json and empty folder entries aside). */
  checked: number;
  /** Listed in the manifest with another SHA-256 or size. */
  mismatched: PackMismatch[];
  /** Listed in the manifest, absent from the archive. */
  missing: string[];
  /** In the archive (or in it twice), not listed in the manifest. */
  extra: string[];
  engagement: string;
  generatedAt: string;
};

/** `signal` stops the check between chunks (TOO_LARGE: it took too long). */
export async function verifyPack(
  zipPath: string,
  limits: Partial<VerifyLimits> = {},
  signal?: AbortSignal,
): Promise<PackVerification> {
  const caps: VerifyLimits = { ...DEFAULT_VERIFY_LIMITS, ...limits };
  const { header, files } = await readPackManifest(zipPath, caps);
  const result: PackVerification = {
    ok: false,
    checked: 0,
    mismatched: [],
    missing: [],
    extra: [],
    engagement: header.engagement.name,
    generatedAt: header.generatedAt,
  };
  let budget = caps.maxTotalBytes;
  const visit = async (zip: ZipFile, entry: Entry) => {
    if (entry.fileName === MANIFEST_PATH || isEmptyFolder(entry)) return;
    stopIfAborted(signal);
    const actual = await hashEntry(zip, entry, budget, signal);
    budget -= actual.size;
    result.checked++;
    const names = candidateNames(entry);
    const name = names.find((candidate) => files.has(candidate)) ?? names[0] ?? entry.fileName;
    const expected = files.get(name);
    if (!expected) {
      result.extra.push(name);
    } else {
      files.delete(name);
      if (expected.sha256 !== actual.sha256 || expected.size !== actual.size)
        result.mismatched.push({ path: name, expected, actual });
    }
  };
  await eachEntry(zipPath, caps, visit, async () => undefined);
  result.missing = [...files.keys()];
  result.ok =
    result.mismatched.length === 0 && result.missing.length === 0 && result.extra.length === 0;
  return result;
}

/** Pass 1: the central directory only; refuses before any content is read. */
async function readPackManifest(zipPath: string, caps: VerifyLimits): Promise<ReadManifest> {
  let declared = 0;
  let compressed = 0;
  let manifest: Entry | undefined;
  return eachEntry(
    zipPath,
    caps,
    async (_zip, entry) => {
      declared += entry.uncompressedSize;
      compressed += entry.compressedSize;
      if (
        entry.uncompressedSize > RATIO_FLOOR_BYTES &&
        entry.uncompressedSize > caps.maxRatio * entry.compressedSize
      ) {
        throw tooLarge(
          `"${entry.fileName}" would inflate ${ratioOf(entry.uncompressedSize, entry.compressedSize)} times (${megabytes(entry.compressedSize)} to ${megabytes(entry.uncompressedSize)}); at most ${caps.maxRatio} times is checked here`,
        );
      }
      if (declared > caps.maxTotalBytes)
        throw tooLarge(
          `its files add up to more than ${megabytes(caps.maxTotalBytes)} uncompressed, the most checked here`,
        );
      if (entry.fileName !== MANIFEST_PATH) return;
      if (manifest)
        throw new AppError(
          "VALIDATION",
          `${path.basename(zipPath)} holds more than one manifest.json.`,
        );
      manifest = entry;
    },
    async (zip) => {
      // Entries sharing their compressed bytes (overlapping entries) inflate one stretch of the file many times.
      if (compressed > zip.fileSize)
        throw damaged(
          "its entries overlap: together they claim more compressed bytes than the file holds",
        );
      if (declared > RATIO_FLOOR_BYTES && declared > caps.maxRatio * zip.fileSize) {
        throw tooLarge(
          `it would inflate ${ratioOf(declared, zip.fileSize)} times (${megabytes(zip.fileSize)} to ${megabytes(declared)}); at most ${caps.maxRatio} times is checked here`,
        );
      }
      const entry = manifest;
      if (!entry)
        throw new AppError(
          "VALIDATION",
          `${path.basename(zipPath)} has no manifest.json: it is not an Assay evidence pack.`,
        );
      return readManifest(() => zip.openReadStreamPromise(entry), entry.uncompressedSize, {
        maxEntries: caps.maxEntries,
        maxWholeBytes: caps.maxWholeManifestBytes,
      });
    },
  );
}

/** Opens the archive, visits each entry in order (one at a time), runs `after`, closes it. */
async function eachEntry<T>(
  zipPath: string,
  caps: VerifyLimits,
  visit: (zip: ZipFile, entry: Entry) => Promise<void>,
  after: (zip: ZipFile) => Promise<T>,
): Promise<T> {
  const zip = await openZip(zipPath);
  try {
    if (zip.entryCount > caps.maxEntries) {
      throw new AppError(
        "TOO_LARGE",
        `The pack has ${count(zip.entryCount)} entries; at most ${count(caps.maxEntries)} are checked here.`,
      );
    }
    for await (const entry of zip.eachEntry()) await visit(zip, entry);
    return await after(zip);
  } catch (error) {
    throw asPackError(error, zipPath);
  } finally {
    zip.close();
  }
}

async function openZip(zipPath: string): Promise<ZipFile> {
  try {
    return await yauzl.openPromise(zipPath, {
      lazyEntries: true,
      autoClose: false,
      validateEntrySizes: true,
      strictFileNames: false,
    });
  } catch (error) {
    throw asPackError(error, zipPath);
  }
}

async function hashEntry(
  zip: ZipFile,
  entry: Entry,
  budget: number,
  signal: AbortSignal | undefined,
): Promise<Digest> {
  if (!entry.canDecodeFileData()) {
    throw new AppError(
      "VALIDATION",
      `"${entry.fileName}" is encrypted or uses an unsupported compression method, so it cannot be checked.`,
    );
  }
  const hash = createHash("sha256");
  let size = 0;
  try {
    for await (const chunk of await zip.openReadStreamPromise(entry)) {
      size += (chunk as Buffer).length;
      if (size > budget) throw tooLarge("its entries hold more bytes than the verification limit");
      stopIfAborted(signal);
      hash.update(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw damaged(`"${entry.fileName}" cannot be read (${message(error)})`);
  }
  return { sha256: hash.digest("hex"), size };
}

function stopIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError("TOO_LARGE", "The pack took too long to check here.");
}

function isEmptyFolder(entry: Entry): boolean {
  return entry.fileName.endsWith("/") && entry.uncompressedSize === 0;
}

function asPackError(error: unknown, zipPath: string): AppError {
  if (error instanceof AppError) return error;
  const name = path.basename(zipPath);
  if ((error as NodeJS.ErrnoException).code === "ENOENT")
    return new AppError("NOT_FOUND", `${name} does not exist.`);
  const text = message(error);
  if (/absolute path|invalid relative path|invalid characters/i.test(text))
    return damaged(`it holds an unsafe path (${text})`);
  if (/central directory|signature not found|zip file/i.test(text))
    return new AppError("VALIDATION", `${name} is not a ZIP file (${text}).`);
  return damaged(text);
}

function damaged(reason: string): AppError {
  return new AppError("VALIDATION", `The archive is damaged or unsafe: ${reason}.`);
}

function tooLarge(reason: string): AppError {
  return new AppError("TOO_LARGE", `The archive is too large to verify: ${reason}.`);
}

const count = (value: number) => value.toLocaleString("en-GB");
const megabytes = (bytes: number) => `${count(Math.ceil(bytes / 1024 ** 2))} MB`;
const ratioOf = (uncompressed: number, compressed: number) =>
  count(Math.floor(uncompressed / Math.max(compressed, 1)));

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
