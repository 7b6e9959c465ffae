import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPack } from "@/lib/export/verify-pack";
import {
  CHANGE_LOG,
  REVIEW_PDF,
  packInput,
  readZip,
  sha256,
  tempDir,
  writePackFile,
  writeZip,
  type ManifestJson,
  type ZipEntryBytes,
} from "./pack-helpers";

const REVIEW = "controls/AC-01 Quarterly access review/2026-03-28 access-review.pdf";
const CHANGES = "controls/CH-02 Change approval before release/2026-03-31 changes.txt";

let temp: Awaited<ReturnType<typeof tempDir>>;
let original: ZipEntryBytes[];
let count = 0;

beforeAll(async () => {
  temp = await tempDir();
  const file = path.join(temp.dir, "pack.zip");
  await writePackFile(file);
  original = await readZip(file);
});

afterAll(() => temp.remove());

/** A copy of the pack rewritten with `change` applied to its entries. */
async function copyWith(change: (entries: ZipEntryBytes[]) => ZipEntryBytes[]): Promise<string> {
  const file = path.join(temp.dir, `copy-${++count}.zip`);
  await writeZip(file, change(original.map((entry) => ({ ...entry }))));
  return file;
}

const manifestOf = (entries: ZipEntryBytes[]) =>
  JSON.parse(
    entries.find(({ name }) => name === "manifest.json")?.data.toString("utf8") ?? "",
  ) as ManifestJson;
const withManifest = (entries: ZipEntryBytes[], text: string) =>
  entries.map((entry) =>
    entry.name === "manifest.json" ? { name: entry.name, data: Buffer.from(text) } : entry,
  );

describe("verifyPack", () => {
  it("accepts a faithful copy of the pack", async () => {
    const result = await verifyPack(await copyWith((entries) => entries));
    expect(result).toMatchObject({
      ok: true,
      checked: 7,
      mismatched: [],
      missing: [],
      extra: [],
      engagement: "SOC 2 Type II 2026",
    });
  });

  it("reports exactly the file whose bytes changed", async () => {
    // Same length, one letter different: only the hash can tell.
    const altered = Buffer.from(REVIEW_PDF.toString("latin1").replace("Dana", "Dani"), "latin1");
    const file = await copyWith((entries) =>
      entries.map((entry) => (entry.name === REVIEW ? { name: REVIEW, data: altered } : entry)),
    );
    const result = await verifyPack(file);
    expect(result.ok).toBe(false);
    expect(result.mismatched).toEqual([
      {
        path: REVIEW,
        expected: { sha256: sha256(REVIEW_PDF), size: REVIEW_PDF.length },
        actual: { sha256: sha256(altered), size: altered.length },
      },
    ]);
    expect(result.missing).toEqual([]);
    expect(result.extra).toEqual([]);
    expect(result.checked).toBe(7);
  });

  it("reports exactly the entry that was removed", async () => {
    const result = await verifyPack(
      await copyWith((entries) => entries.filter(({ name }) => name !== CHANGES)),
    );
    expect(result).toMatchObject({
      ok: false,
      mismatched: [],
      missing: [CHANGES],
      extra: [],
      checked: 6,
    });
  });

  it("reports exactly the entry that was added, and a second copy of a listed one", async () => {
    const planted = "controls/AC-01 Quarterly access review/2026-03-29 planted.pdf";
    const added = await verifyPack(
      await copyWith((entries) => [
        ...entries.slice(0, -1),
        { name: planted, data: Buffer.from("%PDF fake") },
        ...entries.slice(-1),
      ]),
    );
    expect(added).toMatchObject({
      ok: false,
      mismatched: [],
      missing: [],
      extra: [planted],
      checked: 8,
    });
    const twice = await verifyPack(
      await copyWith((entries) => [...entries, { name: REVIEW, data: Buffer.from("shadow") }]),
    );
    expect(twice).toMatchObject({ ok: false, mismatched: [], missing: [], extra: [REVIEW] });
  });

  it("notices a manifest edited to match nothing", async () => {
    const manifest = manifestOf(original);
    const edited = JSON.stringify(manifest).replace(
      manifest.files[0]?.sha256 ?? "",
      "0".repeat(64),
    );
    const result = await verifyPack(await copyWith((entries) => withManifest(entries, edited)));
    expect(result.mismatched.map(({ path }) => path)).toEqual(["summary.pdf"]);
  });

  it("accepts a pack with nothing but its manifest", async () => {
    const file = path.join(temp.dir, "empty.zip");
    expect(await writePackFile(file, packInput([], { documents: [] }))).toMatchObject({ files: 1 });
    expect((await readZip(file)).map(({ name }) => name)).toEqual(["manifest.json"]);
    expect(await verifyPack(file)).toMatchObject({ ok: true, checked: 0 });
  });

  it("reads a manifest someone re-indented", async () => {
    const result = await verifyPack(
      await copyWith((entries) =>
        withManifest(entries, JSON.stringify(manifestOf(entries), null, 2)),
      ),
    );
    expect(result).toMatchObject({ ok: true, checked: 7 });
  });

  it("refuses a file that is not a ZIP, a missing file, and a ZIP without manifest.json", async () => {
    const text = path.join(temp.dir, "not-a-zip.zip");
    await writeFile(text, "just some text, not an archive\n".repeat(10));
    await expect(verifyPack(text)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/not-a-zip\.zip is not a ZIP file/),
    });
    await expect(verifyPack(path.join(temp.dir, "nowhere.zip"))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const bare = await copyWith((entries) =>
      entries.filter(({ name }) => name !== "manifest.json"),
    );
    await expect(verifyPack(bare)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/has no manifest\.json/),
    });
  });

  it("refuses a manifest.json that is not JSON, not Assay's, a newer version, or lists an unsafe path", async () => {
    const manifest = manifestOf(original);
    const cases: [string, RegExp][] = [
      ["{ this is not json", /not valid JSON/],
      [
        JSON.stringify({ format: "something-else", files: [] }),
        /not an Assay evidence pack manifest/,
      ],
      [JSON.stringify({ ...manifest, version: 2 }), /version is 2/],
      [
        JSON.stringify({ ...manifest, files: [{ ...manifest.files[0], path: "../outside.pdf" }] }),
        /not a safe relative path/,
      ],
      [
        JSON.stringify({ ...manifest, files: [manifest.files[0], manifest.files[0]] }),
        /listed twice/,
      ],
      [
        JSON.stringify({ ...manifest, files: [{ ...manifest.files[0], sha256: "abc" }] }),
        /SHA-256/,
      ],
    ];
    for (const [text, message] of cases) {
      const file = await copyWith((entries) => withManifest(entries, text));
      await expect(verifyPack(file), text.slice(0, 40)).rejects.toMatchObject({
        code: "VALIDATION",
        message: expect.stringMatching(message),
      });
    }
  });

  it("refuses an archive with a path that climbs out of the folder (zip-slip)", async () => {
    const file = await copyWith((entries) => [
      ...entries,
      { name: "xx/evil.txt", data: Buffer.from("gotcha") },
    ]);
    const bytes = await readFile(file);
    await writeFile(
      file,
      Buffer.from(bytes.toString("latin1").replaceAll("xx/evil.txt", "../evil.txt"), "latin1"),
    );
    await expect(verifyPack(file)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/unsafe path.*\.\.\/evil\.txt/),
    });
  });

  it("refuses an entry holding more bytes than it declares (a zip bomb's trick)", async () => {
    const file = await copyWith((entries) => entries);
    const bytes = await readFile(file);
    setDeclaredSize(bytes, CHANGES, 100);
    await writeFile(file, bytes);
    expect(CHANGE_LOG.length).toBeGreaterThan(100);
    await expect(verifyPack(file)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringMatching(/damaged or unsafe: .*changes\.txt.*too many bytes/),
    });
  });

  it("refuses archives over the configured size or entry count", async () => {
    const file = await copyWith((entries) => entries);
    await expect(verifyPack(file, { maxTotalBytes: 1000 })).rejects.toMatchObject({
      code: "TOO_LARGE",
    });
    await expect(verifyPack(file, { maxEntries: 5 })).rejects.toMatchObject({
      code: "TOO_LARGE",
      message: "The pack has 8 entries; at most 5 are checked here.",
    });
    expect((await verifyPack(file, { maxTotalBytes: 100_000, maxEntries: 8 })).ok).toBe(true);
  });
});

/** Rewrites the uncompressed size the central directory declares for `name`. */
function setDeclaredSize(zip: Buffer, name: string, size: number): void {
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = zip.indexOf(signature); at !== -1; at = zip.indexOf(signature, at + 4)) {
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.subarray(at + 46, at + 46 + nameLength).toString("utf8") === name) {
      zip.writeUInt32LE(size, at + 24);
      return;
    }
  }
  throw new Error(`${name} is not in the central directory`);
}
