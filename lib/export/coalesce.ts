import { Transform } from "node:stream";

/**
 * Passes bytes on in chunks of at least `chunkBytes` (the last may be smaller). An archive
 * writes in pieces of a few KB; each write to a file or an upload has a cost of its own, so
 * fewer, larger writes make storing the export much cheaper.
 */
export function coalescing(chunkBytes: number): Transform {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const take = () => {
    const chunk =
      pending.length === 1 && pending[0] ? pending[0] : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    return chunk;
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      pending.push(chunk);
      pendingBytes += chunk.byteLength;
      callback(null, pendingBytes >= chunkBytes ? take() : undefined);
    },
    flush(callback) {
      callback(null, pendingBytes > 0 ? take() : undefined);
    },
  });
}
