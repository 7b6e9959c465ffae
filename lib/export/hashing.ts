import { createHash } from "node:crypto";
import { Readable } from "node:stream";

export type Digest = { sha256: string; size: number };

export function digestOf(bytes: Buffer): Digest {
  return { sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.byteLength };
}

export type HashingOptions = {
  /** Fails the stream as soon as more bytes than this arrive. */
  maxBytes?: { bytes: number; error: () => Error };
  /** Runs after the last byte, before the stream ends; throwing fails the stream instead. */
  onDigest: (digest: Digest) => void;
};

/**
 * The source's bytes unchanged, one chunk at a time (pulled, so back-pressure holds), hashed and
 * counted on the way through.
 */
export function hashingStream(source: AsyncIterable<unknown>, options: HashingOptions): Readable {
  return Readable.from(pass(source, options), { objectMode: false });
}

async function* pass(
  source: AsyncIterable<unknown>,
  { maxBytes, onDigest }: HashingOptions,
): AsyncGenerator<Buffer> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of source) {
    const bytes = toBuffer(chunk);
    size += bytes.byteLength;
    if (maxBytes && size > maxBytes.bytes) throw maxBytes.error();
    hash.update(bytes);
    yield bytes;
  }
  onDigest({ sha256: hash.digest("hex"), size });
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array)
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  throw new TypeError("Expected a byte stream.");
}
