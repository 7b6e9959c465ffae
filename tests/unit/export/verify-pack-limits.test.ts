import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPack } from "@/lib/export/verify-pack";
import { makeExportEvidence } from "@/tests/fixtures/export-summary";
import {
  memoryFiles,
  packInput,
  readZip,
  storedFile,
  tempDir,
  writePackFile,
  type ZipEntryBytes,
} from "./pack-helpers";
import {
  cp437,
  deflatedZeros,
  unicodePathField,
  zipBytes,
  type Deflated,
  type RawEntry,
} from "./zip-bytes";

// The verifier's bounds (entries, bytes, compression ratio, time), checked on the central
// directory before anything is inflated, and names written without the UTF-8 flag.

const WEB = { maxRatio: 100, maxTotalBytes: 1024 ** 3, maxEntries: 1000 };
const NOTES = Buffer.from("Überprüfung der Zugänge: 42 Konten, 3 entfernt.\n");

let temp: Awaited<ReturnType<typeof tempDir>>;
let manifestOnly: ZipEntryBytes[];
let accented: ZipEntryBytes[];
let zeros: Deflated;
let count = 0;

beforeAll(async () => {
  temp = await tempDir();
  const bare = path.join(temp.dir, "bare.zip");
  await writePackFile(bare, packInput([], { documents: [] }));
  manifestOnly = await readZip(bare);
  const evidence = [
    makeExportEvidence({
      id: "ev-accented",
      kind: "file",
      title: "Prüfung",
      controlRefs: ["AC-01"],
      requirementCodes: ["CC6.1"],
      note: null,
      file: storedFile("résumé für Müller ñ ß.txt", NOTES, "text/plain"),
    }),
  ];
  const file = path.join(temp.dir, "accented.zip");
  await writePackFile(
    file,
    packInput(evidence, {
      documents: [],
      files: memoryFiles(evidence, { "résumé für Müller ñ ß.txt": NOTES }),
    }),
  );
  accented = await readZip(file);
  zeros = await deflatedZeros(64);
}, 60_000);

afterAll(() => temp.remove());

async function zipFile(entries: readonly RawEntry[]): Promise<string> {
  const file = path.join(temp.dir, `raw-${++count}.zip`);
  await writeFile(file, zipBytes(entries));
  return file;
}

/** CPU time (all threads: inflation runs on libuv's pool) spent by `work`, in ms. */
async function cpuMs(work: () => Promise<unknown>): Promise<number> {
  const start = process.cpuUsage();
  await work();
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

const manifestEntries = () => manifestOnly.map(({ name, data }) => ({ name, data }));

describe("verifyPack's bounds", () => {
  it("refuses an entry that would inflate a thousandfold from the central directory, before inflating anything", async () => {
    const bomb = await zipFile([...manifestEntries(), { name: "zeros.bin", data: zeros }]);
    await expect(verifyPack(bomb, WEB)).rejects.toMatchObject({
      code: "TOO_LARGE",
      message: expect.stringMatching(
        /^The archive is too large to verify: "zeros\.bin" would inflate 1,0\d\d times \(1 MB to 64 MB\); at most 100 times is checked here\.$/,
      ),
    });
    const refused = await cpuMs(() => verifyPack(bomb, WEB).catch(() => undefined));
    // The command (no ratio limit) inflates and hashes all of it: that is the work refused.
    const inflated = await cpuMs(async () =>
      expect(await verifyPack(bomb)).toMatchObject({ ok: false, extra: ["zeros.bin"] }),
    );
    expect(refused).toBeLessThan(100);
    expect(inflated).toBeGreaterThan(5 * refused);
  });

  it("stops an entry whose header lies about its size as soon as it passes the declared size", async () => {
    const lying = await zipFile([
      ...manifestEntries(),
      { name: "zeros.bin", data: zeros, declaredSize: 64 * 1024 },
    ]);
    await expect(verifyPack(lying, WEB)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(
        /"zeros\.bin" cannot be read \(too many bytes in the stream\. expected 65536/,
      ),
    });
    expect(await cpuMs(() => verifyPack(lying, WEB).catch(() => undefined))).toBeLessThan(100);
  });

  it("refuses an archive whose entries together inflate beyond the ratio, though each stays small", async () => {
    const small = await deflatedZeros(1);
    const entries: RawEntry[] = Array.from({ length: 200 }, (_, index) => ({
      name: `part-${index}.bin`,
      data: small,
    }));
    const file = await zipFile([...manifestEntries(), ...entries]);
    await expect(verifyPack(file, WEB)).rejects.toMatchObject({
      code: "TOO_LARGE",
      message: expect.stringMatching(
        /: it would inflate [\d,]+ times \(1 MB to 201 MB\); at most 100 times/,
      ),
    });
  });

  it("refuses entries that share their compressed bytes (overlapping entries), whatever the ratio allowed", async () => {
    const small = await deflatedZeros(1);
    const shared: RawEntry[] = Array.from({ length: 50 }, (_, index) => ({
      name: `copy-${index}.bin`,
      data: small,
      sharesWith: manifestOnly.length,
    }));
    const file = await zipFile([
      ...manifestEntries(),
      { name: "original.bin", data: small },
      ...shared,
    ]);
    await expect(verifyPack(file)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/entries overlap/),
    });
  });

  it("refuses more entries or more bytes than allowed, saying how many", async () => {
    const file = await zipFile([
      ...manifestEntries(),
      ...Array.from({ length: 7 }, (_, index) => ({
        name: `f${index}.txt`,
        data: Buffer.from("x"),
      })),
    ]);
    await expect(verifyPack(file, { maxEntries: 5 })).rejects.toMatchObject({
      code: "TOO_LARGE",
      message: "The pack has 8 entries; at most 5 are checked here.",
    });
    await expect(verifyPack(file, { maxTotalBytes: 100 })).rejects.toMatchObject({
      code: "TOO_LARGE",
      message: expect.stringMatching(/add up to more than 1 MB uncompressed/),
    });
  });

  it("stops when its signal says the time is up", async () => {
    const file = await zipFile([...manifestEntries(), { name: "f.txt", data: Buffer.from("x") }]);
    await expect(verifyPack(file, WEB, AbortSignal.abort())).rejects.toMatchObject({
      code: "TOO_LARGE",
      message: "The pack took too long to check here.",
    });
  });
});

describe("verifyPack reads names written without the UTF-8 flag", () => {
  const accentedName = () => accented.find(({ name }) => /[^ -~]/.test(name))?.name ?? "";
  /** The pack unpacked and zipped again by a tool that writes `name` its own way, adding folder entries. */
  const rezipped = (write: (name: string) => Omit<RawEntry, "data">) => {
    const folders = [
      ...new Set(
        accented.flatMap(({ name }) =>
          name
            .split("/")
            .slice(0, -1)
            .map((_, index, parts) => `${parts.slice(0, index + 1).join("/")}/`),
        ),
      ),
    ];
    return zipFile([
      ...folders.map((name) => ({ ...write(name), data: Buffer.alloc(0) })),
      ...accented.map(({ name, data }) => ({ ...write(name), data })),
    ]);
  };

  it("has an accented name to test with", () => {
    expect(accentedName()).toMatch(
      /^controls\/AC-01 .*\/\d{4}-\d\d-\d\d résumé für Müller ñ ß\.txt$/,
    );
  });

  it("CP437 names, as Windows Explorer writes them", async () => {
    const file = await rezipped((name) => ({ name: cp437(name), utf8Flag: false }));
    expect(await verifyPack(file, WEB)).toMatchObject({
      ok: true,
      checked: accented.length - 1,
      extra: [],
      missing: [],
    });
  });

  it("UTF-8 bytes with the Unicode Path extra field, as Info-ZIP zip writes them", async () => {
    const file = await rezipped((name) => ({
      name: Buffer.from(name),
      utf8Flag: false,
      extra: [unicodePathField(Buffer.from(name), name)],
    }));
    expect(await verifyPack(file, WEB)).toMatchObject({ ok: true, extra: [], missing: [] });
  });

  it("UTF-8 bytes without flag or extra field, and decomposed (NFD) names, as macOS writes them", async () => {
    const bare = await rezipped((name) => ({ name: Buffer.from(name), utf8Flag: false }));
    expect(await verifyPack(bare, WEB)).toMatchObject({ ok: true, extra: [], missing: [] });
    const decomposed = await rezipped((name) => ({
      name: Buffer.from(name.normalize("NFD")),
      utf8Flag: false,
    }));
    expect(await verifyPack(decomposed, WEB)).toMatchObject({ ok: true, extra: [], missing: [] });
    const flagged = await rezipped((name) => ({ name: name.normalize("NFD") }));
    expect(await verifyPack(flagged, WEB)).toMatchObject({ ok: true, extra: [], missing: [] });
  });

  it("still reports a file whose bytes changed, under its decoded name", async () => {
    const target = accentedName();
    const file = await zipFile(
      accented.map(({ name, data }) => ({
        name: cp437(name),
        utf8Flag: false,
        data: name === target ? Buffer.from("edited") : data,
      })),
    );
    const result = await verifyPack(file, WEB);
    expect(result.ok).toBe(false);
    expect(result.mismatched.map(({ path: name }) => name)).toEqual([target]);
  });
});
