import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "@/scripts/verify-pack";
import { readZip, tempDir, writePackFile, writeZip } from "./pack-helpers";

let temp: Awaited<ReturnType<typeof tempDir>>;
let good: string;
let tampered: string;

beforeAll(async () => {
  temp = await tempDir();
  good = path.join(temp.dir, "good.zip");
  await writePackFile(good);
  tampered = path.join(temp.dir, "tampered.zip");
  const entries = await readZip(good);
  await writeZip(
    tampered,
    entries.map((entry) =>
      entry.name === "summary.pdf"
        ? { name: entry.name, data: Buffer.from("%PDF-1.7\nedited\n") }
        : entry,
    ),
  );
});

afterAll(() => temp.remove());

async function run(args: string[]) {
  const lines: string[] = [];
  const code = await main(args, {
    log: (line) => lines.push(line),
    error: (line) => lines.push(line),
  });
  return { code, output: lines.join("\n") };
}

describe("npm run pack:verify", () => {
  it("exits 0 on an intact pack and 1 on a tampered one, naming the problem", async () => {
    expect(await run([good])).toEqual({
      code: 0,
      output:
        "OK: all 7 files match manifest.json (SOC 2 Type II 2026, generated 2026-07-15T09:30:00.000Z).",
    });
    const { code, output } = await run([tampered]);
    expect(code).toBe(1);
    expect(output).toMatch(
      /^mismatched {2}summary\.pdf: manifest says [0-9a-f]{64} \(\d+ bytes\), file is [0-9a-f]{64} \(16 bytes\)$/m,
    );
    expect(output).toMatch(
      /^FAILED: 7 files checked; 1 mismatched, 0 missing, 0 extra \(SOC 2 Type II 2026/m,
    );
  });

  it("exits 1 with a message for something that is not a pack, or no argument", async () => {
    expect(await run([path.join(temp.dir, "nowhere.zip")])).toEqual({
      code: 1,
      output: "FAILED: nowhere.zip does not exist.",
    });
    expect((await run([])).code).toBe(1);
  });
});
