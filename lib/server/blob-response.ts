import "server-only";
import { createHash } from "node:crypto";
import { pipeline, Readable, Transform } from "node:stream";
import { getBlobStore } from "@/lib/storage";

export type StoredDownload = {
  storageKey: string;
  fileName: string;
  contentType: string;
  sha256: string;
  size: number;
};

function contentDisposition(disposition: "attachment" | "inline", fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Streams a stored file with its type, never rendered as part of the app (sandboxed, nosniff).
 * The bytes are hashed on the way out: if they no longer match the recorded SHA-256 the
 * response is cut off (the client sees a failed download, never silently altered content) and
 * the mismatch logged.
 */
export async function verifiedBlobResponse(
  file: StoredDownload,
  disposition: "attachment" | "inline",
  logLabel: string,
): Promise<Response> {
  const source = await getBlobStore().get(file.storageKey);
  const hash = createHash("sha256");
  const verifier = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      const actual = hash.digest("hex");
      if (actual === file.sha256) return callback();
      console.error(
        `[${logLabel}] stored file ${file.storageKey} hashes to ${actual}, expected ${file.sha256}`,
      );
      callback(new Error("Stored file does not match its recorded SHA-256"));
    },
  });
  // pipeline, not pipe: a read error fails the download, and a cancelled download (the client
  // went away) closes the stored file instead of holding it open.
  pipeline(source, verifier, () => undefined);
  const body = Readable.toWeb(verifier) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.size),
      "Content-Disposition": contentDisposition(disposition, file.fileName),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox; default-src 'none'",
      "Cache-Control": "private, no-store",
      "Repr-Digest": `sha-256=:${Buffer.from(file.sha256, "hex").toString("base64")}:`,
    },
  });
}
