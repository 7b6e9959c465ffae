// Reads an evidence pack's manifest.json into what verification needs: the header and a map of
// path → { sha256, size }. The layout Assay writes (one entry per line, see manifest.ts) is read
// a line at a time; a manifest someone re-indented is still accepted when small enough to parse
// whole.
import type { Readable } from "node:stream";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import type { Digest } from "./hashing";
import {
  ENTRY_SEPARATOR,
  ManifestEntryInput,
  ManifestHeaderInput,
  PACK_FORMAT,
  PACK_VERSION,
} from "./manifest";

export type ManifestLimits = {
  /** More entries than this is refused (TOO_LARGE). */
  maxEntries: number;
  /** A manifest not in Assay's line layout is parsed whole only up to this size. */
  maxWholeBytes: number;
};

export type ReadManifest = { header: ManifestHeaderInput; files: Map<string, Digest> };

const MAX_LINE_BYTES = 1024 * 1024;
const SEPARATOR = ENTRY_SEPARATOR.trim();

/** `open` gives a fresh stream of manifest.json each time; `size` is its uncompressed size. */
export async function readManifest(
  open: () => Promise<Readable>,
  size: number,
  limits: ManifestLimits,
): Promise<ReadManifest> {
  const byLine = await readLines(await open(), limits);
  if (byLine) return byLine;
  if (size > limits.maxWholeBytes)
    throw invalid("it is not laid out one file per line and is too large to read whole");
  let parsed: unknown;
  try {
    parsed = JSON.parse((await collect(await open(), limits.maxWholeBytes)).toString("utf8"));
  } catch {
    throw invalid("it is not valid JSON");
  }
  const result: ReadManifest = { header: parseHeader(parsed), files: new Map() };
  const files = (parsed as { files?: unknown }).files;
  if (!Array.isArray(files)) throw invalid("it has no list of files");
  files.forEach((entry, index) => addEntry(result.files, entry, `file ${index + 1}`, limits));
  return result;
}

/** null when the first line is not Assay's opening line; then nothing else was read. */
async function readLines(stream: Readable, limits: ManifestLimits): Promise<ReadManifest | null> {
  let result: ReadManifest | null = null;
  let state: "entry-or-end" | "entry" | "more-or-end" | "done" = "entry-or-end";
  let number = 0;
  for await (const line of lines(stream)) {
    number++;
    if (number === 1) {
      if (line === null || !line.endsWith('"files":[')) return null;
      const header = tryJson(`${line}]}`);
      if (header === undefined) return null;
      result = { header: parseHeader(header), files: new Map() };
      continue;
    }
    if (!result) return null;
    if (line === null) throw invalid(`line ${number} is longer than ${MAX_LINE_BYTES} bytes`);
    if (state === "done") {
      if (line.trim() !== "") throw invalid(`line ${number} follows the end of the list`);
    } else if (line === "]}" && state !== "entry") {
      state = "done";
    } else if (state === "more-or-end") {
      throw invalid(`line ${number - 1} is not followed by a comma`);
    } else {
      const more = line.endsWith(SEPARATOR);
      const entry = tryJson(more ? line.slice(0, -SEPARATOR.length) : line);
      if (entry === undefined) throw invalid(`line ${number} is not valid JSON`);
      addEntry(result.files, entry, `line ${number}`, limits);
      state = more ? "entry" : "more-or-end";
    }
  }
  if (result && state !== "done") throw invalid("it ends before its list of files is closed");
  return result;
}

function parseHeader(value: unknown): ManifestHeaderInput {
  const format = (value as { format?: unknown } | null)?.format;
  if (format !== PACK_FORMAT)
    throw invalid(`it is not an Assay evidence pack manifest (format must be "${PACK_FORMAT}")`);
  const version = (value as { version?: unknown }).version;
  if (version !== PACK_VERSION)
    throw invalid(
      `its version is ${JSON.stringify(version)}; this Assay reads version ${PACK_VERSION}`,
    );
  const parsed = ManifestHeaderInput.safeParse(value);
  if (!parsed.success) throw invalid(describe(parsed.error));
  return parsed.data;
}

function addEntry(
  files: Map<string, Digest>,
  value: unknown,
  where: string,
  limits: ManifestLimits,
): void {
  const parsed = ManifestEntryInput.safeParse(value);
  if (!parsed.success) throw invalid(`${where}: ${describe(parsed.error)}`);
  const { path, sha256, size } = parsed.data;
  if (files.has(path)) throw invalid(`${where}: "${path}" is listed twice`);
  if (files.size >= limits.maxEntries)
    throw new AppError("TOO_LARGE", `manifest.json lists more than ${limits.maxEntries} files.`);
  files.set(path, { sha256, size });
}

/** Lines without their "\n" (and "\r"); null for a line longer than MAX_LINE_BYTES, then stops. */
async function* lines(stream: AsyncIterable<Buffer>): AsyncGenerator<string | null> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of stream) {
    let start = 0;
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      if (pendingBytes + end - start > MAX_LINE_BYTES) return yield null;
      pending.push(chunk.subarray(start, end));
      yield Buffer.concat(pending).toString("utf8").replace(/\r$/, "");
      pending = [];
      pendingBytes = 0;
      start = end + 1;
    }
    pendingBytes += chunk.length - start;
    if (pendingBytes > MAX_LINE_BYTES) return yield null;
    pending.push(chunk.subarray(start));
  }
  if (pendingBytes > 0) yield Buffer.concat(pending).toString("utf8").replace(/\r$/, "");
}

async function collect(stream: AsyncIterable<Buffer>, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += chunk.length;
    if (bytes > maxBytes) throw invalid("it is too large to read whole");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join(".") || "value"}: ${issue.message}`)
    .join("; ");
}

function invalid(reason: string): AppError {
  return new AppError("VALIDATION", `manifest.json is not valid: ${reason}.`);
}
