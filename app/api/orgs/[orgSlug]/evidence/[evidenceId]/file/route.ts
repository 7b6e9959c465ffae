import { createHash } from "node:crypto";
import { pipeline, Readable, Transform } from "node:stream";
import { recordAuditorAccess } from "@/lib/db/auditor-access";
import { getEvidenceFile } from "@/lib/db/evidence";
import { isViewableInline } from "@/lib/domain/evidence";
import { orgRequestRoute } from "@/lib/server/route";
import { getBlobStore } from "@/lib/storage";

function contentDisposition(disposition: "attachment" | "inline", fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Streams an evidence file to a member with its stored type, as an attachment (or, with
 * `?inline=1`, shown in the browser for PDFs, images and plain text, still sandboxed). The bytes are
 * hashed on the way out: if they no longer match the recorded SHA-256 the download is cut off
 * (the client sees a failed download, never silently altered evidence) and the mismatch logged.
 */
export const GET = orgRequestRoute<{ orgSlug: string; evidenceId: string }>(async (ctx, request, { evidenceId }) => {
  const file = await getEvidenceFile(ctx, evidenceId);
  const inline = new URL(request.url).searchParams.get("inline") === "1" && isViewableInline(file.contentType);
  await recordAuditorAccess(ctx, inline ? "viewed" : "downloaded", { entityType: "evidence", entityId: evidenceId, label: `Evidence file ${file.fileName}` });
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
      console.error(`[evidence ${evidenceId}] stored file ${file.storageKey} hashes to ${actual}, expected ${file.sha256}`);
      callback(new Error("Stored file does not match its recorded SHA-256"));
    },
  });
  // pipeline, not pipe: a read error fails the download, and a cancelled download (the client
  // went away) closes the stored file instead of holding it open. Errors reach the client through
  // the verifier; a mismatch was logged above.
  pipeline(source, verifier, () => undefined);
  const body = Readable.toWeb(verifier) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.size),
      "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", file.fileName),
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox; default-src 'none'",
      "Cache-Control": "private, no-store",
      "Repr-Digest": `sha-256=:${Buffer.from(file.sha256, "hex").toString("base64")}:`,
    },
  });
});
