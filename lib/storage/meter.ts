import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { AppError } from "@/lib/errors";
import type { UploadBody } from "./blob-store";

const MEBIBYTE = 1024 * 1024;

export function tooLarge(maxBytes: number): AppError {
  const mb = maxBytes / MEBIBYTE;
  const shown = Number.isInteger(mb) ? String(mb) : String(Number(mb.toPrecision(3)));
  return new AppError("TOO_LARGE", `The file is larger than the ${shown} MB limit.`);
}

export function toNodeReadable(body: UploadBody): Readable {
  if (body instanceof Readable) return body;
  // The DOM and Node typings describe the same WHATWG stream class under two names.
  return Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
}

/**
 * Hashes and counts the bytes flowing through it, failing with TOO_LARGE as soon as more than
 * `maxBytes` have been seen. `failure` remembers why the body stopped, so the caller can report
 * that rather than a secondary error from the storage client cleaning up after it.
 */
export class Meter {
  private readonly hash = createHash("sha256");
  private bytes = 0;
  failure: unknown = undefined;

  constructor(private readonly maxBytes: number) {
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0)
      throw new RangeError(`Invalid upload limit: ${maxBytes}`);
  }

  /** A readable that yields the source's bytes unchanged while metering them. */
  wrap(source: Readable): Readable {
    return Readable.from(this.pass(source), { objectMode: false });
  }

  private async *pass(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    try {
      for await (const chunk of source) {
        this.bytes += chunk.byteLength;
        if (this.bytes > this.maxBytes) throw tooLarge(this.maxBytes);
        this.hash.update(chunk);
        yield chunk;
      }
    } catch (error) {
      this.failure = error;
      throw error;
    }
  }

  /** Call once, after the whole body went through. */
  result(): { sha256: string; size: number } {
    return { sha256: this.hash.digest("hex"), size: this.bytes };
  }
}
