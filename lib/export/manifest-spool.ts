import { createReadStream } from "node:fs";
import { mkdtemp, open, rm, type FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { ENTRY_SEPARATOR, manifestClosing, type ManifestEntry } from "./manifest";

const FLUSH_AT = 64 * 1024;

/**
 * The manifest's entries, written to a temporary file as the pack is built so that 200,000 of
 * them never sit in memory, then read back once into manifest.json.
 */
export class ManifestSpool {
  private pending = "";
  private entries = 0;

  private constructor(
    private readonly dir: string,
    private readonly file: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(): Promise<ManifestSpool> {
    const dir = await mkdtemp(path.join(tmpdir(), "assay-pack-"));
    const file = path.join(dir, "entries.jsonl");
    try {
      return new ManifestSpool(dir, file, await open(file, "w"));
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  async add(entry: ManifestEntry): Promise<void> {
    this.pending += `${this.entries > 0 ? ENTRY_SEPARATOR : ""}${JSON.stringify(entry)}`;
    this.entries++;
    if (this.pending.length >= FLUSH_AT) await this.flush();
  }

  /** manifest.json: `opening`, the spooled entries, the closing line. Call once, after the last add. */
  async read(opening: string): Promise<Readable> {
    await this.flush();
    const file = this.file;
    const closing = manifestClosing(this.entries);
    return Readable.from(
      (async function* manifest() {
        yield Buffer.from(opening, "utf8");
        yield* createReadStream(file);
        yield Buffer.from(closing, "utf8");
      })(),
      { objectMode: false },
    );
  }

  async dispose(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }

  private async flush(): Promise<void> {
    if (this.pending === "") return;
    const text = this.pending;
    this.pending = "";
    await this.handle.appendFile(text, "utf8");
  }
}
