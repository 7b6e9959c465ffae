import { open } from "node:fs/promises";
import path from "node:path";
import yauzl from "yauzl";
import {
  HEAD_PREFIX_BYTES,
  headFromFileText,
  type LabelledHead,
} from "../../lib/schemas/activity-heads";

// The head a file given to `npm run activity:verify` carries: read from the first part of a
// checkpoint, manifest.json or JSON export, or from the manifest.json inside a pack (its first
// line holds the header). Only that much is read, however large the file.

async function prefixOf(file: string): Promise<string> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(HEAD_PREFIX_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

/** The first line of the pack's manifest.json (at most HEAD_PREFIX_BYTES). */
async function manifestLineOf(file: string): Promise<string> {
  const zip = await yauzl.openPromise(file, {
    lazyEntries: true,
    autoClose: false,
    strictFileNames: false,
  });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== "manifest.json") continue;
      const chunks: Buffer[] = [];
      let bytes = 0;
      for await (const chunk of await zip.openReadStreamPromise(entry)) {
        chunks.push(chunk as Buffer);
        bytes += (chunk as Buffer).length;
        if ((chunk as Buffer).includes(10) || bytes >= HEAD_PREFIX_BYTES) break;
      }
      const text = Buffer.concat(chunks).toString("utf8");
      return text.slice(0, text.indexOf("\n") + 1 || text.length);
    }
    throw new Error("it has no manifest.json: it is not an Assay evidence pack");
  } finally {
    zip.close();
  }
}

export async function readHeadFile(
  file: string,
): Promise<{ ok: true; head: LabelledHead } | { ok: false; message: string }> {
  const name = path.basename(file);
  try {
    const text = file.toLowerCase().endsWith(".zip")
      ? await manifestLineOf(file)
      : await prefixOf(file);
    return headFromFileText(name, text);
  } catch (error) {
    return {
      ok: false,
      message: `${name}: ${error instanceof Error ? error.message : String(error)}.`,
    };
  }
}
