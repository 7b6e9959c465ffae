import "server-only";
import { PassThrough, Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import Busboy from "@fastify/busboy";
import { AppError } from "@/lib/errors";
import { getBlobStore, maxUploadBytes } from "@/lib/storage";
import type { StoredBlob, UploadBody } from "@/lib/storage/blob-store";

// The one way an evidence file reaches storage, for the browser's upload route and /api/v1:
// the declared size checked first, then the bytes streamed (never held in memory) to their
// content address, with the same limit. Multipart bodies are parsed as a stream too.

const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

function tooLarge(limit: number): AppError {
  return new AppError("TOO_LARGE", `The file is larger than the ${megabytes(limit)} MB limit.`);
}

/** Refuses a request whose declared length is already past `limit` (plus `overhead`). */
export function assertDeclaredSize(request: Request, limit: number, overhead = 0): void {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit + overhead) throw tooLarge(limit);
}

/** Streams an upload to the organisation's storage; a stream cut short stores nothing. */
export async function storeUpload(
  orgId: string,
  body: UploadBody,
  limit: number = maxUploadBytes(),
): Promise<StoredBlob> {
  return getBlobStore()
    .putStream(orgId, body, limit)
    .catch((error: unknown) => {
      if (error instanceof AppError) throw error;
      // Usually the client went away mid-upload; the store has already removed its temporary object.
      console.error("[upload] stream failed:", error instanceof Error ? error.message : error);
      throw new AppError(
        "VALIDATION",
        "The upload was interrupted before it finished. Nothing was saved; please try again.",
      );
    });
}

export type MultipartFields = Record<string, string | string[]>;
export type MultipartUpload<T> = {
  prepared: T;
  blob: StoredBlob;
  fileName: string;
  contentType: string;
};

const MULTIPART_LIMITS = { fields: 40, fieldSize: 64 * 1024, parts: 42, files: 1 };
/** What a multipart body may carry besides the file: its fields and part headers. */
export const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

const refuse = (message: string) => new AppError("VALIDATION", message, { file: [message] });

/** The client stopped sending (went away, or the body ended inside a part). */
const interrupted = () =>
  new AppError(
    "VALIDATION",
    "The upload was interrupted before it finished. Nothing was saved; please try again.",
  );

/**
 * Reads a multipart body whose metadata fields come first and whose file is the part named
 * `file`: when the file part starts, `prepare` checks the fields (and may refuse them before a
 * byte is stored); then the file streams to storage. A refusal or a body cut short (the client
 * went away, or the body ended inside a part) stops the file's write, and the answer comes once
 * the store has removed what it had begun, so nothing of a refused upload is left behind.
 */
export function receiveMultipart<T>(
  request: Request,
  orgId: string,
  limit: number,
  prepare: (fields: MultipartFields) => Promise<T>,
): Promise<MultipartUpload<T>> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!request.body) return Promise.reject(refuse("The upload is empty."));
  const body = request.body;
  return new Promise((resolve, reject) => {
    const fields: MultipartFields = {};
    let work: Promise<MultipartUpload<T>> | null = null;
    // The file part's bytes on their way to storage; destroyed to stop the write.
    let upload: PassThrough | null = null;
    let failure: unknown = null;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      failure = error;
      upload?.destroy(error instanceof Error ? error : interrupted());
      if (work)
        work.then(
          () => reject(error),
          () => reject(error),
        );
      else reject(error);
    };
    let parser: ReturnType<typeof Busboy>;
    try {
      parser = Busboy({
        headers: { "content-type": contentType },
        limits: { ...MULTIPART_LIMITS, fileSize: limit + 1 },
      });
    } catch {
      fail(refuse("Send multipart/form-data with a boundary."));
      return;
    }
    parser.on("field", (name, value, _nameTruncated, valueTruncated) => {
      if (valueTruncated) fail(new AppError("VALIDATION", undefined, { [name]: ["Too long."] }));
      const previous = Object.hasOwn(fields, name) ? fields[name] : undefined;
      fields[name] = previous === undefined ? value : [previous, value].flat();
    });
    parser.on("file", (name, stream, fileName, _encoding, mimeType) => {
      // A part cut short emits an error on its stream; unheard, it would be an uncaught exception.
      stream.on("error", () => fail(interrupted()));
      if (name !== "file" || work || settled) {
        stream.resume();
        fail(refuse('Send one file, in the part named "file".'));
        return;
      }
      const bytes = new PassThrough();
      bytes.on("error", () => undefined); // reported through the store's pipeline
      upload = bytes;
      stream.pipe(bytes);
      work = (async () => {
        const prepared = await prepare(fields);
        if (settled) throw failure;
        const blob = await storeUpload(orgId, bytes, limit);
        return { prepared, blob, fileName, contentType: mimeType };
      })();
      // Whatever went wrong, the rest of the part is read so the parser can finish.
      work.catch(() => {
        stream.unpipe(bytes);
        stream.resume();
      });
    });
    parser.on("filesLimit", () => fail(refuse('Send one file, in the part named "file".')));
    parser.on("error", () => fail(refuse("The multipart body could not be read.")));
    parser.on("finish", () => {
      if (!work) fail(refuse('Send the file in a part named "file", after the other fields.'));
      else
        work.then((done) => {
          if (!settled) {
            settled = true;
            resolve(done);
          }
        }, fail);
    });
    const source = Readable.fromWeb(body as unknown as NodeWebStream<Uint8Array>);
    // The client went away mid-body: pipe() does not pass the error on, the parser would wait.
    source.on("error", () => fail(interrupted()));
    source.pipe(parser);
  });
}
