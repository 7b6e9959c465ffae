import { pathToFileURL } from "node:url";
import { verifyPack } from "../lib/export/verify-pack";

// npm run pack:verify -- <evidence-pack.zip>
// Checks every file of an evidence pack against its manifest.json and prints what differs.
// Exits 0 when everything matches, 1 otherwise (including when the file is not a pack).

type Output = { log: (line: string) => void; error: (line: string) => void };

export async function main(args: string[], out: Output = console): Promise<number> {
  if (args.length !== 1 || args[0]?.startsWith("-")) {
    out.error("Usage: npm run pack:verify -- <evidence-pack.zip>");
    return 1;
  }
  const zipPath = args[0] ?? "";
  try {
    const result = await verifyPack(zipPath);
    for (const { path, expected, actual } of result.mismatched) {
      out.log(
        `mismatched  ${path}: manifest says ${expected.sha256} (${expected.size} bytes), file is ${actual.sha256} (${actual.size} bytes)`,
      );
    }
    for (const path of result.missing)
      out.log(`missing     ${path}: listed in manifest.json, not in the archive`);
    for (const path of result.extra)
      out.log(`extra       ${path}: in the archive, not listed in manifest.json`);
    const pack = `${result.engagement}, generated ${result.generatedAt}`;
    if (result.ok) {
      out.log(`OK: all ${result.checked} files match manifest.json (${pack}).`);
      return 0;
    }
    out.log(
      `FAILED: ${result.checked} files checked; ${result.mismatched.length} mismatched, ${result.missing.length} missing, ${result.extra.length} extra (${pack}).`,
    );
    return 1;
  } catch (error) {
    out.error(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
