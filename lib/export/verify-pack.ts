// Checks an evidence pack against its manifest.json: every entry's bytes are streamed through
// SHA-256 (never held whole) and compared with what the manifest lists. Two passes over the
// archive: the central directory first (to find the manifest and refuse unsafe or absurd
// archives before reading any content), then every entry's bytes.
import { createHash } from "node:crypto";
import path from "node:path";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { AppError } from "@/lib/errors";
import type { Digest } from "./hashing";
import { MANIFEST_PATH } from "./manifest";
import { readManifest, type ReadManifest } from "./manifest-reader";

export type VerifyLimits = {
  /** Total uncompressed bytes the archive may declare and hold (default 20 GB). */
  maxTotalBytes: number;
  /** Entries in the archive, and files in the manifest (default 1,000,000). */
  maxEntries: number;
  /** A manifest.json not in Assay's line layout is parsed whole up to this size (default 64 MB). */
  maxWholeManifestBytes: number;
};

const DEFAULT_VERIFY_LIMITS: VerifyLimits = {
  maxTotalBytes: 20 * 1024 ** 3,
  maxEntries: 1_000_000,
  maxWholeManifestBytes: 64 * 1024 ** 2,
};

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

export async function verifyPack(zipPath: string, limits: Partial<VerifyLimits> = {}): Promise<PackVerification> {
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
    const actual = await hashEntry(zip, entry, budget);
    budget -= actual.size;
    result.checked++;
    const expected = files.get(entry.fileName);
    if (!expected) {
      result.extra.push(entry.fileName);
    } else {
      files.delete(entry.fileName);
      if (expected.sha256 !== actual.sha256 || expected.size !== actual.size) result.mismatched.push({ path: entry.fileName, expected, actual });
    }
  };
  await eachEntry(zipPath, caps, visit, async () => undefined);
  result.missing = [...files.keys()];
  result.ok = result.mismatched.length === 0 && result.missing.length === 0 && result.extra.length === 0;
  return result;
}

/** Pass 1: the central directory only; refuses before any content is read. */
async function readPackManifest(zipPath: string, caps: VerifyLimits): Promise<ReadManifest> {
  let declared = 0;
  let manifest: Entry | undefined;
  return eachEntry(
    zipPath,
    caps,
    async (_zip, entry) => {
      declared += entry.uncompressedSize;
      if (declared > caps.maxTotalBytes) throw tooLarge(`its entries declare more than ${caps.maxTotalBytes} bytes uncompressed`);
      if (entry.fileName !== MANIFEST_PATH) return;
      if (manifest) throw new AppError("VALIDATION", `${path.basename(zipPath)} holds more than one manifest.json.`);
      manifest = entry;
    },
    async (zip) => {
      const entry = manifest;
      if (!entry) throw new AppError("VALIDATION", `${path.basename(zipPath)} has no manifest.json: it is not an Assay evidence pack.`);
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
    if (zip.entryCount > caps.maxEntries) throw tooLarge(`it has ${zip.entryCount} entries, more than ${caps.maxEntries}`);
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
    return await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false });
  } catch (error) {
    throw asPackError(error, zipPath);
  }
}

async function hashEntry(zip: ZipFile, entry: Entry, budget: number): Promise<Digest> {
  if (!entry.canDecodeFileData()) {
    throw new AppError("VALIDATION", `"${entry.fileName}" is encrypted or uses an unsupported compression method, so it cannot be checked.`);
  }
  const hash = createHash("sha256");
  let size = 0;
  try {
    for await (const chunk of await zip.openReadStreamPromise(entry)) {
      size += (chunk as Buffer).length;
      if (size > budget) throw tooLarge("its entries hold more bytes than the verification limit");
      hash.update(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw damaged(`"${entry.fileName}" cannot be read (${message(error)})`);
  }
  return { sha256: hash.digest("hex"), size };
}

function isEmptyFolder(entry: Entry): boolean {
  return entry.fileName.endsWith("/") && entry.uncompressedSize === 0;
}

function asPackError(error: unknown, zipPath: string): AppError {
  if (error instanceof AppError) return error;
  const name = path.basename(zipPath);
  if ((error as NodeJS.ErrnoException).code === "ENOENT") return new AppError("NOT_FOUND", `${name} does not exist.`);
  const text = message(error);
  if (/absolute path|invalid relative path|invalid characters/i.test(text)) return damaged(`it holds an unsafe path (${text})`);
  if (/central directory|signature not found|zip file/i.test(text)) return new AppError("VALIDATION", `${name} is not a ZIP file (${text}).`);
  return damaged(text);
}

function damaged(reason: string): AppError {
  return new AppError("VALIDATION", `The archive is damaged or unsafe: ${reason}.`);
}

function tooLarge(reason: string): AppError {
  return new AppError("TOO_LARGE", `The archive is too large to verify: ${reason}.`);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
