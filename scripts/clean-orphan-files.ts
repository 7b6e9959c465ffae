import { getBlobStore } from "../lib/storage";
import { sweepOrphans } from "../lib/storage/orphans";
import { referencedStorageKeys as referencedKeys } from "../lib/db/evidence";
import { plural } from "../lib/domain/plural";

// npm run files:clean-orphans [-- --dry-run]
// Deletes stored evidence files that no database row refers to and temporary upload objects,
// both only when older than one hour, and prints what it did (or would do, with --dry-run).

async function main(args: string[]): Promise<void> {
  const unknown = args.filter((arg) => arg !== "--dry-run");
  if (unknown.length > 0)
    throw new Error(
      `Unknown ${unknown.length === 1 ? "argument" : "arguments"}: ${unknown.join(" ")}. Usage: clean-orphan-files [--dry-run]`,
    );
  const dryRun = args.includes("--dry-run");
  const report = await sweepOrphans(getBlobStore(), referencedKeys, { now: new Date(), dryRun });
  const verb = dryRun ? "would delete" : "deleted";
  const deleted = new Set(report.deleted);
  for (const { key, lastModified } of report.orphans) {
    if (dryRun || deleted.has(key))
      console.log(`${verb} ${key} (unreferenced, last modified ${lastModified.toISOString()})`);
  }
  for (const key of report.refreshed) console.log(`kept ${key} (uploaded again during the sweep)`);
  for (const { key, lastModified } of report.staleTemp) {
    console.log(`${verb} ${key} (unfinished upload, last modified ${lastModified.toISOString()})`);
  }
  const files = dryRun ? report.orphans.length : report.deleted.length;
  console.log(
    `${dryRun ? "Dry run: would delete" : "Deleted"} ${plural(files, "unreferenced file")} and ${plural(report.staleTemp.length, "temporary file")} last modified before ${report.cutoff.toISOString()}.`,
  );
}

main(process.argv.slice(2))
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
