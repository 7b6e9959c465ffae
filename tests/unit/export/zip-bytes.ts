// ZIP files written byte by byte, for archives no well-behaved library writes: names without the
// UTF-8 flag (as Windows Explorer and Info-ZIP `zip` write them), the Info-ZIP Unicode Path extra
// field, sizes that lie, and entries that inflate a thousandfold.
import { once } from "node:events";
import { crc32, createDeflateRaw } from "node:zlib";

export type RawEntry = {
  /** The name field's bytes as written (a string is written as UTF-8). */
  name: Buffer | string;
  /** Sets general-purpose bit 11 (the name is UTF-8). Default: true. */
  utf8Flag?: boolean;
  /** Extra fields, each `[id, data]`. */
  extra?: [number, Buffer][];
  /** The entry's content: stored as is, or already deflated with its true size and CRC. */
  data: Buffer | Deflated;
  /** Overrides the uncompressed size written in both headers (a lie). */
  declaredSize?: number;
  /** Only a central directory record, pointing at entry number `sharesWith`'s bytes (overlapping entries). */
  sharesWith?: number;
};

export type Deflated = { deflated: Buffer; size: number; crc: number };

/** `megabytes` MiB of zeros, deflated as a stream (never held whole): about 1,000 to 1. */
export async function deflatedZeros(megabytes: number): Promise<Deflated> {
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => parts.push(chunk));
  const zeros = Buffer.alloc(1024 * 1024);
  let crc = 0;
  for (let i = 0; i < megabytes; i++) {
    crc = crc32(zeros, crc);
    if (!deflate.write(zeros)) await once(deflate, "drain");
  }
  deflate.end();
  await once(deflate, "end");
  return { deflated: Buffer.concat(parts), size: megabytes * 1024 * 1024, crc };
}

/** The Info-ZIP Unicode Path extra field (0x7075) naming `rawName` as `unicodeName`. */
export function unicodePathField(rawName: Buffer, unicodeName: string): [number, Buffer] {
  const head = Buffer.alloc(5);
  head.writeUInt8(1, 0);
  head.writeUInt32LE(crc32(rawName), 1);
  return [0x7075, Buffer.concat([head, Buffer.from(unicodeName, "utf8")])];
}

/** `text` in CP437, for the characters the tests use. */
export function cp437(text: string): Buffer {
  const table: Record<string, number> = {
    é: 0x82,
    ü: 0x81,
    Ü: 0x9a,
    ä: 0x84,
    ö: 0x94,
    ß: 0xe1,
    ñ: 0xa4,
    É: 0x90,
  };
  return Buffer.from(
    [...text].map((char) => {
      const code = char.charCodeAt(0);
      if (code < 0x80) return code;
      const mapped = table[char];
      if (mapped === undefined) throw new Error(`no CP437 byte for ${char} in this table`);
      return mapped;
    }),
  );
}

function extraBytes(fields: readonly [number, Buffer][]): Buffer {
  return Buffer.concat(
    fields.map(([id, data]) => {
      const head = Buffer.alloc(4);
      head.writeUInt16LE(id, 0);
      head.writeUInt16LE(data.length, 2);
      return Buffer.concat([head, data]);
    }),
  );
}

/** A whole ZIP file holding `entries` in order. */
export function zipBytes(entries: readonly RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = typeof entry.name === "string" ? Buffer.from(entry.name, "utf8") : entry.name;
    const extra = extraBytes(entry.extra ?? []);
    const stored = Buffer.isBuffer(entry.data);
    const body = Buffer.isBuffer(entry.data) ? entry.data : entry.data.deflated;
    const size =
      entry.declaredSize ?? (Buffer.isBuffer(entry.data) ? entry.data.length : entry.data.size);
    const crc = Buffer.isBuffer(entry.data) ? crc32(entry.data) : entry.data.crc;
    const flags = entry.utf8Flag === false ? 0 : 0x800;
    const method = stored ? 0 : 8;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0x21, 10); // 1980-01-01 00:00
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    offsets.push(offset);
    if (entry.sharesWith === undefined) locals.push(local, name, extra, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(0x21, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(
      entry.sharesWith === undefined ? offset : (offsets[entry.sharesWith] ?? 0),
      42,
    );
    centrals.push(central, name, extra);
    if (entry.sharesWith === undefined)
      offset += local.length + name.length + extra.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
