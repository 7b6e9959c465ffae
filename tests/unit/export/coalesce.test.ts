import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { coalescing } from "@/lib/export/coalesce";

/** The chunks as the next stream is handed them, one write each. */
async function writesOf(pieces: readonly Buffer[], chunkBytes: number): Promise<Buffer[]> {
  const writes: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writes.push(chunk);
      callback();
    },
  });
  await pipeline(Readable.from(pieces), coalescing(chunkBytes), sink);
  return writes;
}

describe("coalescing", () => {
  it("passes the same bytes on in chunks of at least the given size, the rest at the end", async () => {
    const pieces = Array.from({ length: 23 }, (_, index) => Buffer.alloc(1000, index));
    const writes = await writesOf(pieces, 4096);
    expect(Buffer.concat(writes).equals(Buffer.concat(pieces))).toBe(true);
    expect(writes.map((chunk) => chunk.length)).toEqual([5000, 5000, 5000, 5000, 3000]);
  });

  it("passes nothing on for an empty stream, and a short one whole", async () => {
    expect(await writesOf([], 4096)).toEqual([]);
    expect((await writesOf([Buffer.from("ab"), Buffer.from("cd")], 4096)).map(String)).toEqual([
      "abcd",
    ]);
  });
});
